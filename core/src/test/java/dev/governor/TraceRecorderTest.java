package dev.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.governor.action.ActionResult;
import dev.governor.action.Sleep;
import dev.governor.fleet.JobClass;
import dev.governor.policy.Proposal;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceRecorderTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<JobClass> CLASSES = List.of(
      JobClass.of("uploads", Duration.ofMinutes(5), Duration.ofSeconds(30)),
      JobClass.of("thumbs", Duration.ofMinutes(5), Duration.ofSeconds(5)));
  private static final Duration TICK = Duration.ofSeconds(60);

  @TempDir
  Path dir;

  /** A report whose readings are {name, value, observedAt-seconds-after-T0} triples. */
  private static TickReport tick(int atSeconds, Object... readings) {
    List<Reading> rs = new ArrayList<>();
    for (int i = 0; i < readings.length; i += 3) {
      rs.add(new Reading((String) readings[i], ((Number) readings[i + 1]).doubleValue(),
          T0.plusSeconds(((Number) readings[i + 2]).longValue())));
    }
    return new TickReport(T0.plusSeconds(atSeconds), "p", 1, 0, 0, rs, Set.of(), Map.of(), new Proposal(1, List.of()),
        List.of(), 1, new Sleep("x"), ActionResult.noop(), List.of());
  }

  private static String up = SignalNames.arrivals("uploads");
  private static String th = SignalNames.arrivals("thumbs");
  private static String upService = SignalNames.serviceTime("uploads");

  @Test
  void eachNewObservationBecomesOneWindowAndStaleOnesAddNothing() {
    StringWriter out = new StringWriter();
    TraceRecorder r = TraceRecorder.to(out, CLASSES, TICK);
    r.onTick(tick(120, up, 0.5, 60, th, 2.0, 60));
    r.onTick(tick(180, up, 1.0, 120, th, 2.0, 60, upService, 28.5, 120)); // thumbs' reading is stale
    r.onTick(tick(240, up, 0.25, 180, th, 1.0, 180));
    r.close();
    assertEquals(String.join("\n",
        TraceRecorder.HEADER,
        "2026-03-01T00:00:00Z,uploads,30,",
        "2026-03-01T00:00:00Z,thumbs,120,",
        "2026-03-01T00:01:00Z,uploads,60,28.5",
        "2026-03-01T00:02:00Z,uploads,15,28.5",
        // thumbs missed a minute: its window [60 s, 180 s) is kept whole, merged at 2:00
        "2026-03-01T00:02:00Z,thumbs,120,",
        "2026-03-01T00:03:00Z,uploads,0,28.5",
        "2026-03-01T00:03:00Z,thumbs,0,") + "\n", out.toString());
  }

  @Test
  void aClassWithoutAnArrivalRateIsNotRecorded() {
    StringWriter out = new StringWriter();
    try (TraceRecorder r = TraceRecorder.to(out, CLASSES, TICK)) {
      r.onTick(tick(120, up, 1, 60, SignalNames.visible("thumbs"), 40, 120));
      r.onTick(tick(180, up, 1, 120, SignalNames.visible("thumbs"), 45, 180));
    }
    assertEquals(TraceRecorder.HEADER + "\n2026-03-01T00:00:00Z,uploads,60,\n2026-03-01T00:01:00Z,uploads,60,\n"
        + "2026-03-01T00:02:00Z,uploads,0,\n", out.toString());
  }

  @Test
  void reopeningAppendsAndNeverGoesBack() throws Exception {
    Path f = dir.resolve("sub/recorded.csv");
    try (TraceRecorder r = TraceRecorder.open(f, CLASSES, TICK)) {
      r.onTick(tick(120, up, 1, 60));
      r.onTick(tick(180, up, 1, 120));
    }
    try (TraceRecorder r = TraceRecorder.open(f, CLASSES, TICK)) {
      r.onTick(tick(150, up, 1, 150)); // first window [90 s, 150 s): before the closing row at 2:00, dropped
      r.onTick(tick(600, up, 2, 600)); // [150 s, 600 s): the gap between two observations is one window
      r.onTick(tick(660, up, 2, 660));
    }
    assertEquals(List.of(TraceRecorder.HEADER,
        "2026-03-01T00:00:00Z,uploads,60,", "2026-03-01T00:01:00Z,uploads,60,", "2026-03-01T00:02:00Z,uploads,0,",
        "2026-03-01T00:02:30Z,uploads,900,", "2026-03-01T00:10:00Z,uploads,120,", "2026-03-01T00:11:00Z,uploads,0,"),
        Files.readAllLines(f));
  }

  @Test
  void refusesToAppendToAFileThatIsNotItsTrace() throws Exception {
    Path f = dir.resolve("other.csv");
    Files.writeString(f, "timestamp,count\n2026-03-01T00:00:00Z,4\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceRecorder.open(f, CLASSES, TICK));
    assertEquals(f + ":1: a trace to append to must start with the header timestamp,class,count,service_s, but was "
        + "'timestamp,count'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TraceRecorder.to(new StringWriter(), List.of(), TICK));
    assertThrows(IllegalArgumentException.class, () -> TraceRecorder.to(new StringWriter(), CLASSES, Duration.ZERO));
  }

  @Test
  void numbersKeepSixDecimalsAndDropTrailingZeros() {
    assertEquals("60", TraceRecorder.number(1.0 / 60 * 60 * 60));
    assertEquals("0.333333", TraceRecorder.number(1.0 / 3));
    assertEquals("12.5", TraceRecorder.number(12.5));
    assertEquals("0", TraceRecorder.number(0));
  }

  @Test
  void aFailingWriterStopsRecordingWithoutThrowingIntoTheTick() {
    int[] writes = {0};
    java.io.Writer broken = new java.io.Writer() {
      @Override
      public void write(char[] cbuf, int off, int len) throws java.io.IOException {
        if (++writes[0] > 2) {
          throw new java.io.IOException("disk full");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    TraceRecorder r = TraceRecorder.to(broken, CLASSES, TICK);
    for (int k = 2; k < 10; k++) {
      r.onTick(tick(60 * k, up, 1, 60 * (k - 1)));
    }
    r.close(); // after a logged failure, closing does not throw either
    assertEquals(4, writes[0], "header, one row, the failing row, then only the close: no tick wrote after the failure");
  }
}
