package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.simulation.trace.TraceReader;
import dev.governor.simulation.trace.TraceRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioFileTest {
  @TempDir
  Path dir;

  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  private ScenarioFile file(String classes) throws IOException {
    Files.writeString(dir.resolve("up.csv"), "timestamp,count\n2026-01-05T00:00:00Z,10\n2026-01-05T00:01:00Z,20\n"
        + "2026-01-05T00:02:00Z,30\n2026-01-05T00:03:00Z,40\n");
    Path f = dir.resolve("s.json");
    Files.writeString(f, "{\"name\":\"t\",\"from\":\"2026-01-05T00:00:00Z\",\"until\":\"2026-01-05T01:00:00Z\","
        + "\"fleet\":{\"slots\":2,\"boot\":\"30s\"},\"classes\":[" + classes + "]}");
    return ScenarioFile.load(f.toString());
  }

  private static List<TraceRow> rows(ScenarioFile f) {
    List<TraceRow> out = new ArrayList<>();
    try (TraceReader r = f.trace().open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void aCopyIsScaledAndShiftedAndBurstsLandInTheWindowFromTheirSeed() throws IOException {
    ScenarioFile f = file("{\"name\":\"uploads\",\"serviceTime\":\"20s\",\"deadline\":\"5m\",\"priority\":2,"
        + "\"load\":{\"trace\":\"up.csv\"}},"
        + "{\"name\":\"thumbs.fifo\",\"serviceTime\":\"5s\",\"deadline\":\"10m\",\"load\":{\"copyOf\":\"uploads\","
        + "\"scale\":2,\"shift\":\"30s\"}},"
        + "{\"name\":\"watermark\",\"serviceTime\":\"4s\",\"deadline\":\"15m\",\"load\":{\"bursts\":{\"count\":3,"
        + "\"jobs\":1000,\"seed\":7}}}");
    List<TraceRow> rows = rows(f);
    List<TraceRow> up = rows.stream().filter(r -> r.jobClass().equals("uploads")).toList();
    List<TraceRow> th = rows.stream().filter(r -> r.jobClass().equals("thumbs.fifo")).toList();
    List<TraceRow> wm = rows.stream().filter(r -> r.jobClass().equals("watermark")).toList();
    assertEquals(4, up.size());
    assertEquals(4, th.size());
    for (int i = 0; i < 4; i++) {
      assertEquals(2 * up.get(i).count(), th.get(i).count());
      assertEquals(up.get(i).start().plusSeconds(30), th.get(i).start());
      assertEquals(up.get(i).lengthSeconds(), th.get(i).lengthSeconds());
    }
    assertEquals(3, wm.size());
    for (TraceRow b : wm) {
      assertEquals(1000, b.count());
      assertEquals(0, b.lengthSeconds());
      assertTrue(!b.start().isBefore(T0) && b.start().isBefore(T0.plus(Duration.ofHours(1))), b.start().toString());
    }
    for (int i = 1; i < rows.size(); i++) {
      assertTrue(!rows.get(i).start().isBefore(rows.get(i - 1).start()), "merged rows in start order");
    }
    assertEquals(wm.stream().map(TraceRow::start).toList(),
        rows(file(Files.readString(dir.resolve("s.json")).replaceAll("(?s).*\"classes\":\\[(.*)\\]\\}", "$1")))
            .stream().filter(r -> r.jobClass().equals("watermark")).map(TraceRow::start).toList(),
        "the same seed gives the same burst instants");
    Scenario s = f.applyTo(Scenario.standard());
    assertEquals(2, s.slots());
    assertEquals(Duration.ofSeconds(30), s.boot());
    assertEquals(Duration.ofMinutes(10), s.classSpec("thumbs.fifo").deadline());
    assertEquals(2, s.classSpec("uploads").priority());
    assertEquals(T0, s.from());
  }

  @Test
  void mistakesNameTheFileTheFieldAndTheValue() throws IOException {
    String ok = "\"serviceTime\":\"20s\",\"deadline\":\"5m\"";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> file("{\"name\":\"a\"," + ok + ",\"load\":{\"copyOf\":\"nope\"}}"));
    assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("copyOf must name a class of this file [a]")
        && e.getMessage().contains("'nope'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> file("{\"name\":\"a\",\"serviceTime\":\"20\","
        + "\"deadline\":\"5m\",\"load\":{\"trace\":\"up.csv\"}}"));
    assertTrue(e.getMessage().contains("serviceTime must have a unit") && e.getMessage().contains("'20'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> file("{\"name\":\"a\"," + ok
        + ",\"load\":{\"copyOf\":\"b\"}},{\"name\":\"b\"," + ok + ",\"load\":{\"copyOf\":\"a\"}}"));
    assertTrue(e.getMessage().contains("circle") && e.getMessage().contains("a -> b -> a"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> file("{\"name\":\"a\"," + ok + ",\"colour\":\"red\","
        + "\"load\":{\"trace\":\"up.csv\"}}"));
    assertTrue(e.getMessage().contains("unknown key 'colour'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> file("{\"name\":\"a b\"," + ok
        + ",\"load\":{\"trace\":\"up.csv\"}}"));
    assertTrue(e.getMessage().contains("name must be letters") && e.getMessage().contains("'a b'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScenarioFile.load("no-such-scenario"));
    assertTrue(e.getMessage().contains("[smugmug-week]"), e.getMessage());
  }

  @Test
  void nullsShortBurstWindowsAndFractionalSeedsAreRefusedByName() throws IOException {
    String up = "{\"name\":\"a\",\"serviceTime\":\"20s\",\"deadline\":\"5m\",\"load\":{\"trace\":\"up.csv\"}}";
    Files.writeString(dir.resolve("up.csv"), "timestamp,count\n2026-01-05T00:00:00Z,10\n");
    ScenarioFile billingNull = at("{\"name\":\"t\",\"fleet\":{\"billing\":null},\"classes\":[" + up + "]}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> billingNull.applyTo(Scenario.standard()));
    assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("fleet.billing must be a string, but was null"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> at("{\"name\":\"t\",\"classes\":[{\"name\":\"w\","
        + "\"serviceTime\":\"4s\",\"deadline\":\"15m\",\"load\":{\"bursts\":{\"count\":2,\"jobs\":10,"
        + "\"from\":\"2026-01-05T00:00:00Z\",\"until\":\"2026-01-05T00:00:00.500Z\"}}}]}"));
    assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("window of at least 1 s"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> at("{\"name\":\"t\",\"seed\":1.5,\"classes\":[" + up + "]}"));
    assertTrue(e.getMessage().contains("s.json") && e.getMessage().contains("seed must be a whole number, but was 1.5"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> at("{\"name\":\"t\",\"classes\":[{\"name\":\"w\","
        + "\"serviceTime\":\"4s\",\"deadline\":\"15m\",\"load\":{\"bursts\":{\"count\":2,\"jobs\":10,\"seed\":2.5,"
        + "\"from\":\"2026-01-05T00:00:00Z\",\"until\":\"2026-01-05T01:00:00Z\"}}}]}"));
    assertTrue(e.getMessage().contains("seed must be a whole number, but was 2.5"), e.getMessage());
  }

  private ScenarioFile at(String json) throws IOException {
    Path f = dir.resolve("s.json");
    Files.writeString(f, json);
    return ScenarioFile.load(f.toString());
  }

  @Test
  void perClassResultsAddUpToTheRun() {
    ScenarioFile f = ScenarioFile.load("smugmug-week");
    Scenario s = f.applyTo(Scenario.standard()).withWindow(f.from(), f.from().plus(Duration.ofHours(12)));
    SimulationReport r = Simulation.of(f.trace(), s).run("keda-sqs");
    assertEquals(List.of("uploads", "thumbnails", "watermark"), r.perClass().stream().map(ClassReport::name).toList());
    assertEquals(r.jobs(), r.perClass().stream().mapToLong(ClassReport::jobs).sum());
    double met = 0;
    long jobs = 0;
    for (ClassReport c : r.perClass()) {
      met += c.sloAttainment() * c.jobs();
      jobs += c.jobs();
    }
    assertEquals(r.sloAttainment(), met / jobs, 1e-3, "the run's attainment is the classes' weighted by jobs");
    assertEquals(r.lowerBoundInstanceHours(),
        r.perClass().stream().mapToDouble(ClassReport::lowerBoundInstanceHours).sum(), 1e-6);
    assertEquals(300, r.classReport("uploads").deadlineSeconds());
    assertEquals(900, r.classReport("watermark").deadlineSeconds());
    assertTrue(r.toJson().contains("\"perClass\":[{\"class\":\"uploads\""), r.toJson());
  }
}
