package dev.governor.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.TraceRecorder;
import dev.governor.fleet.JobClass;
import dev.governor.simulation.cli.Main;
import dev.governor.simulation.trace.Trace;
import dev.governor.simulation.trace.TraceRow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Record → replay, end to end: a simulated run records what its controller saw through a
 * {@link TraceRecorder}; replaying the recording gives the original's arrivals back minute by
 * minute, and its work within the stated tolerance.
 */
class RecordReplayTest {
  private static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  private static final int MINUTES = 8 * 60;

  @TempDir
  Path dir;

  /** Two classes over 8 hours: a daily-ish swell for uploads, a steady stream and one burst hour for thumbs. */
  private static Trace original() {
    List<TraceRow> rows = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      Instant t = T0.plusSeconds(60L * m);
      double uploads = 30 + 25 * Math.sin(2 * Math.PI * m / 240.0);
      double thumbs = m >= 200 && m < 260 ? 400 : 60;
      rows.add(TraceRow.interval(t, 60, "uploads", Math.round(uploads)));
      rows.add(TraceRow.interval(t, 60, "thumbs", thumbs));
    }
    return Trace.of("two-classes", rows);
  }

  private static Scenario scenario() {
    return Scenario.standard()
        .withClass(new JobClassSpec("uploads", Duration.ofSeconds(40), 1.0, Duration.ofMinutes(5), 0))
        .withClass(new JobClassSpec("thumbs", Duration.ofSeconds(6), 0.5, Duration.ofMinutes(5), 0));
  }

  private static List<JobClass> classes(Scenario sc) {
    return List.of(sc.classSpec("uploads").toJobClass(), sc.classSpec("thumbs").toJobClass());
  }

  @Test
  void aRecordedRunReplaysWithTheSameArrivalsAndAboutTheSameWork() throws Exception {
    Scenario sc = scenario();
    Path file = dir.resolve("recorded.csv");
    SimulationReport live;
    try (TraceRecorder recorder = TraceRecorder.open(file, classes(sc), sc.tick())) {
      live = Simulation.of(original(), sc).withListener(recorder).run("governor");
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals(TraceRecorder.HEADER, lines.get(0));

    // The replay's scenario knows nothing of the classes' service times (it would draw 30 s for
    // both): the work can only come back from the recording's service_s.
    SimulationReport replay = Simulation.of(Trace.csv(file), Scenario.standard()).run("governor");

    TimeSeries a = live.series();
    TimeSeries b = replay.series();
    assertEquals(a.start(), b.start(), "the recording starts where the run did");
    // Arrivals reach the controller one signal lag (60 s) late, so the run's last two minutes
    // were never seen; the recording ends with a minute of zeros where its last window ends.
    int seen = a.size() - 2;
    assertEquals(seen + 1, b.size(), "ticks of the replay");
    long liveJobs = 0;
    long replayJobs = 0;
    double liveWork = 0;
    double replayWork = 0;
    for (int k = 0; k < seen; k++) {
      assertEquals(a.arrivals(k), b.arrivals(k), "arrivals in minute " + k);
      liveJobs += a.arrivals(k);
      replayJobs += b.arrivals(k);
      liveWork += a.work(k);
      replayWork += b.work(k);
    }
    assertEquals(0, b.arrivals(seen), "the closing row holds no jobs");
    assertEquals(liveJobs, replayJobs);
    assertTrue(liveJobs > 30_000, "jobs: " + liveJobs);
    // Service times are the mean of the jobs that completed in each window (what the workers
    // report), applied to the jobs that arrived in it: totals agree within 3 %.
    double workError = Math.abs(replayWork - liveWork) / liveWork;
    assertTrue(workError < 0.03, "work: live " + liveWork + " s, replay " + replayWork + " s, error " + workError);
    System.out.printf("RecordReplayTest: %d jobs, work live %.0f s replay %.0f s (%.2f %%)%n", liveJobs, liveWork,
        replayWork, 100 * workError);
  }

  @Test
  void theCliComparesPoliciesOnARecording() throws Exception {
    Scenario sc = scenario();
    Path file = dir.resolve("recorded.csv");
    try (TraceRecorder recorder = TraceRecorder.open(file, classes(sc), sc.tick())) {
      Simulation.of(original(), sc).withListener(recorder).run("static");
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("compare", "--trace", file.toString(), "--policy", "governor", "--policy", "hpa",
        "--format", "json");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("\"policy\":\"governor\""), out.toString());
    assertTrue(out.toString().contains("\"policy\":\"hpa\""), out.toString());
    assertTrue(out.toString().contains("\"trace\":\"recorded.csv\""), out.toString());
  }
}
