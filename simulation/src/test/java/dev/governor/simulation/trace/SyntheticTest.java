package dev.governor.simulation.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticTest {
  static final Instant MONDAY = Instant.parse("2026-01-05T00:00:00Z");

  private static List<TraceRow> read(Trace t) {
    List<TraceRow> rows = new ArrayList<>();
    try (TraceReader r = t.open()) {
      for (TraceRow row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void weeklyLoadPeaksAtItsHourAndDipsAtWeekends() {
    List<TraceRow> rows = read(Synthetic.weekly().start(MONDAY).duration(Duration.ofDays(7)).step(Duration.ofHours(1))
        .meanPerStep(100).dailyAmplitude(0.5).peakHourUtc(20).weekendFactor(0.5).poissonNoise(false).build());
    assertEquals(168, rows.size());
    assertEquals(150, rows.get(20).count(), 1e-9, "Monday 20:00 peak");
    assertEquals(50, rows.get(8).count(), 1e-9, "Monday 08:00 trough");
    assertEquals(75, rows.get(5 * 24 + 20).count(), 1e-9, "Saturday peak is halved");
  }

  @Test
  void burstsAreMergedInTimeOrderAtTheirInstant() {
    Trace background = Synthetic.constant("bg", MONDAY, Duration.ofMinutes(3), Duration.ofMinutes(1), 10);
    Trace t = Synthetic.withBursts(background,
        List.of(Synthetic.Burst.of(MONDAY.plusSeconds(90), 10_000), Synthetic.Burst.of(MONDAY, 5)));
    List<TraceRow> rows = read(t);
    assertEquals(5, rows.size());
    assertEquals(5, rows.get(0).count());
    assertEquals(0, rows.get(0).lengthSeconds());
    assertEquals(10, rows.get(1).count());
    assertEquals(MONDAY.plusSeconds(90), rows.get(3).start());
    assertEquals(10_000, rows.get(3).count());
  }

  @Test
  void poissonCountsHaveTheirMeanAndVariance() {
    List<TraceRow> rows = read(Synthetic.poisson("p", MONDAY, Duration.ofDays(2), Duration.ofMinutes(1), 0.5, 9));
    double sum = 0;
    double sq = 0;
    for (TraceRow r : rows) {
      sum += r.count();
      sq += r.count() * r.count();
    }
    double mean = sum / rows.size();
    double var = sq / rows.size() - mean * mean;
    assertEquals(30, mean, 0.5);
    assertEquals(30, var, 3);
    assertTrue(rows.stream().allMatch(r -> r.count() == Math.rint(r.count())));
  }
}
