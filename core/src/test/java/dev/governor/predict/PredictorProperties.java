package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Invariants over arbitrary non-negative, irregularly spaced series, for every named predictor. */
class PredictorProperties {
  private static final List<Duration> HORIZONS =
      List.of(Duration.ZERO, Duration.ofMinutes(3), Duration.ofHours(7), Duration.ofDays(9));

  /** A gap before the observation (ms, possibly 0, sometimes days) and its value. */
  record Step(long gapMs, double value) {}

  @Provide
  Arbitrary<List<Step>> series() {
    Arbitrary<Long> gaps = Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(0L)),
        Tuple.of(6, Arbitraries.longs().between(1, 3_600_000)),
        Tuple.of(2, Arbitraries.longs().between(3_600_000, 3 * 86_400_000L)));
    Arbitrary<Double> values = Arbitraries.oneOf(
        Arbitraries.doubles().between(0, 1000),
        Arbitraries.doubles().between(0, Predictors.MAX_VALUE),
        Arbitraries.of(0.0, Double.MIN_VALUE, Predictors.MAX_VALUE));
    return Combinators.combine(gaps, values).as(Step::new).list().ofMaxSize(120);
  }

  @Property(tries = 60)
  void forecastsAreFiniteNonNegativeAndOrdered(@ForAll("series") List<Step> steps, @ForAll @IntRange(max = 3) int which) {
    Predictor p = Predictors.create(List.copyOf(Predictors.names()).get(which));
    Instant t = SyntheticSeries.START;
    for (Step s : steps) {
      t = t.plusMillis(s.gapMs());
      p.observe(t, s.value());
      for (Duration h : HORIZONS) {
        Optional<Forecast> f = p.forecast(t, h);
        if (f.isPresent()) {
          Forecast x = f.get();
          assertTrue(Double.isFinite(x.point()) && Double.isFinite(x.lower()) && Double.isFinite(x.upper()), x.toString());
          assertTrue(x.lower() >= 0, x.toString());
          assertTrue(x.lower() <= x.point() && x.point() <= x.upper(), x.toString());
        }
      }
    }
  }

  @Property(tries = 40)
  void aRestoredPredictorForecastsIdentically(@ForAll("series") List<Step> steps, @ForAll @IntRange(max = 3) int which) {
    String name = List.copyOf(Predictors.names()).get(which);
    Predictor p = Predictors.create(name);
    Instant t = SyntheticSeries.START;
    for (Step s : steps) {
      t = t.plusMillis(s.gapMs());
      p.observe(t, s.value());
    }
    Predictor q = Predictors.create(name);
    q.restoreState(p.saveState());
    for (Duration h : HORIZONS) {
      assertEquals(p.forecast(t, h), q.forecast(t, h));
    }
  }
}
