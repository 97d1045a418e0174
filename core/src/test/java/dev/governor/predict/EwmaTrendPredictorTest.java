package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EwmaTrendPredictorTest {
  private static final Instant T0 = SyntheticSeries.START;

  @Test
  void readyAfterTwoObservations() {
    EwmaTrendPredictor p = new EwmaTrendPredictor();
    p.observe(T0, 10);
    assertEquals(Optional.empty(), p.forecast(T0, Duration.ZERO));
    p.observe(T0.plusSeconds(60), 12);
    // the second observation sets the slope: 2 a minute
    assertEquals(18, p.forecast(T0.plusSeconds(60), Duration.ofMinutes(3)).orElseThrow().point(), 1e-9);
  }

  @Test
  void aSecondReadingAtTheSameInstantMovesOnlyTheLevel() {
    EwmaTrendPredictor p = new EwmaTrendPredictor();
    p.observe(T0, 10);
    p.observe(T0.plusSeconds(60), 12);
    p.observe(T0.plusSeconds(60), 22);
    // level 12 + 0.3·(22 − 12) = 15, slope still 2 a minute
    assertEquals(15 + 6, p.forecast(T0.plusSeconds(60), Duration.ofMinutes(3)).orElseThrow().point(), 1e-9);
  }

  @Test
  void weightsDecayWithTheGapNotWithTheCount() {
    // one step of 2 min at α = 0.3 a minute weighs 1 − 0.7² = 0.51
    EwmaTrendPredictor p = new EwmaTrendPredictor(EwmaTrendPredictor.Config.custom().beta(0).build());
    p.observe(T0, 0);
    p.observe(T0.plusSeconds(60), 0);
    p.observe(T0.plusSeconds(180), 100);
    assertEquals(51, p.forecast(T0.plusSeconds(180), Duration.ZERO).orElseThrow().point(), 1e-9);
  }

  @Test
  void betaZeroIsAPlainEwma() {
    EwmaTrendPredictor p = new EwmaTrendPredictor(EwmaTrendPredictor.Config.custom().beta(0).build());
    for (int i = 0; i < 30; i++) {
      p.observe(T0.plusSeconds(60L * i), i);
    }
    Instant now = T0.plusSeconds(60L * 29);
    assertEquals(p.forecast(now, Duration.ZERO).orElseThrow().point(), p.forecast(now, Duration.ofHours(1)).orElseThrow().point());
  }

  @Test
  void forecastsAreClampedAtZero() {
    EwmaTrendPredictor p = new EwmaTrendPredictor();
    p.observe(T0, 100);
    p.observe(T0.plusSeconds(60), 50);
    Forecast f = p.forecast(T0.plusSeconds(60), Duration.ofHours(1)).orElseThrow();
    assertEquals(0, f.point());
    assertEquals(0, f.lower());
    assertTrue(f.upper() > 0);
  }

  @Test
  void bandWidensWithTheHorizon() {
    EwmaTrendPredictor p = new EwmaTrendPredictor();
    SyntheticSeries s = new SyntheticSeries(1, 9);
    for (int i = 0; i < 600; i++) {
      p.observe(SyntheticSeries.time(i), s.values[i]);
    }
    Forecast near = p.forecast(SyntheticSeries.time(599), Duration.ofMinutes(1)).orElseThrow();
    Forecast far = p.forecast(SyntheticSeries.time(599), Duration.ofMinutes(30)).orElseThrow();
    assertTrue(far.upper() - far.point() > near.upper() - near.point());
  }
}
