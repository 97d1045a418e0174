package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HoltWintersPredictorTest {
  private static final Instant MONDAY = SyntheticSeries.START;

  private static Instant minute(long i) {
    return MONDAY.plusSeconds(60 * i);
  }

  private static double daily(long minute) {
    return 100 + 40 * Math.sin(2 * Math.PI * minute / 1440);
  }

  @Test
  void readyAfterTheFirstFullDayOfSteps() {
    HoltWintersPredictor p = new HoltWintersPredictor();
    for (int i = 0; i < 1440; i++) {
      p.observe(minute(i), 10);
    }
    // the last step of the day is learnt when the next step begins
    assertEquals(Optional.empty(), p.forecast(minute(1439), Duration.ofMinutes(3)));
    p.observe(minute(1440), 10);
    assertEquals(new Forecast(minute(1443), 10, 10, 10), p.forecast(minute(1440), Duration.ofMinutes(3)).orElseThrow());
  }

  @Test
  void learnsADailyPatternWithinAFewDays() {
    HoltWintersPredictor p = new HoltWintersPredictor();
    double worst = 0;
    for (int i = 0; i < 4 * 1440; i++) {
      p.observe(minute(i), daily(i));
      if (i >= 3 * 1440) {
        double f = p.forecast(minute(i), Duration.ofMinutes(3)).orElseThrow().point();
        worst = Math.max(worst, Math.abs(f - daily(i + 3)) / daily(i + 3));
      }
    }
    // a noise-free sinusoid is followed to within 1 % everywhere (measured 0.11 %)
    assertTrue(worst < 0.01, "worst relative error " + worst);
  }

  @Test
  void averagesObservationsInsideAStep() {
    HoltWintersPredictor once = new HoltWintersPredictor();
    HoltWintersPredictor often = new HoltWintersPredictor();
    for (int step = 0; step < 200; step++) {
      double v = 50 + (step % 96);
      once.observe(MONDAY.plus(Duration.ofMinutes(15L * step)), v);
      often.observe(MONDAY.plus(Duration.ofMinutes(15L * step)), v - 10);
      often.observe(MONDAY.plus(Duration.ofMinutes(15L * step + 7)), v + 10);
    }
    Instant now = MONDAY.plus(Duration.ofMinutes(15L * 200));
    for (Duration h : new Duration[] {Duration.ofMinutes(3), Duration.ofHours(2), Duration.ofDays(2)}) {
      assertEquals(once.forecast(now, h).orElseThrow().point(), often.forecast(now, h).orElseThrow().point(), 1e-9);
    }
  }

  @Test
  void missingStepsAreImputedAndALongGapIsCheap() {
    HoltWintersPredictor p = new HoltWintersPredictor();
    for (int i = 0; i < 3 * 1440; i += 120) { // one reading every two hours during warm-up
      p.observe(minute(i), daily(i));
    }
    assertTrue(p.isReady());
    long gap = 365L * 1440; // a year offline
    p.observe(minute(3 * 1440 + gap), daily(0));
    Forecast f = p.forecast(minute(3 * 1440 + gap), Duration.ofMinutes(3)).orElseThrow();
    assertTrue(Double.isFinite(f.point()) && f.point() < 1000, f.toString());
  }

  @Test
  void bandWidensWithTheHorizon() {
    HoltWintersPredictor p = new HoltWintersPredictor();
    SyntheticSeries s = new SyntheticSeries(3, 5);
    for (int i = 0; i < s.size(); i++) {
      p.observe(SyntheticSeries.time(i), s.values[i]);
    }
    Instant now = SyntheticSeries.time(s.size() - 1);
    double near = width(p.forecast(now, Duration.ofMinutes(3)).orElseThrow());
    double far = width(p.forecast(now, Duration.ofHours(6)).orElseThrow());
    assertTrue(near > 0 && far > near, near + " then " + far);
  }

  private static double width(Forecast f) {
    return f.upper() - f.point();
  }

  @Test
  void survivesADaylightSavingChange() {
    HoltWintersPredictor p =
        new HoltWintersPredictor(HoltWintersPredictor.Config.custom().zone(ZoneId.of("America/New_York")).build());
    Instant start = Instant.parse("2024-11-01T00:00:00Z"); // clocks go back on 3 November
    for (int i = 0; i < 5 * 1440; i++) {
      p.observe(start.plusSeconds(60L * i), daily(i));
      if (i > 1440) {
        Forecast f = p.forecast(start.plusSeconds(60L * i), Duration.ofMinutes(3)).orElseThrow();
        assertTrue(f.point() >= 40 && f.point() <= 160, f.toString());
      }
    }
  }

  @Test
  void stateFromAnotherStepIsRefused() {
    HoltWintersPredictor p = new HoltWintersPredictor();
    HoltWintersPredictor other =
        new HoltWintersPredictor(HoltWintersPredictor.Config.custom().step(Duration.ofHours(1)).build());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.restoreState(p.saveState()));
    assertEquals("holt-winters state was saved with stepMs 900000 but this predictor has 3600000; the saved state cannot be used",
        e.getMessage());
  }
}
