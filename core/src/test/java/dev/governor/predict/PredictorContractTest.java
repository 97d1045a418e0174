package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every predictor must do, whatever its algorithm. */
class PredictorContractTest {
  private static final List<Duration> HORIZONS =
      List.of(Duration.ZERO, Duration.ofMinutes(3), Duration.ofMinutes(47), Duration.ofHours(5), Duration.ofDays(3));

  static List<String> names() {
    return List.copyOf(Predictors.names());
  }

  private static final SyntheticSeries SERIES = new SyntheticSeries(10, 11);

  private static void feed(Predictor p, int from, int to) {
    for (int i = from; i < to; i++) {
      p.observe(SyntheticSeries.time(i), SERIES.values[i]);
    }
  }

  private static void assertSameForecasts(Predictor expected, Predictor actual, Instant now) {
    for (Duration h : HORIZONS) {
      Optional<Forecast> e = expected.forecast(now, h);
      Optional<Forecast> a = actual.forecast(now, h);
      assertEquals(e.isPresent(), a.isPresent(), "presence at " + h);
      if (e.isPresent()) {
        // exact: a restored predictor must forecast bit-identically
        assertEquals(e.get().point(), a.get().point(), 0.0, "point at " + h);
        assertEquals(e.get().lower(), a.get().lower(), 0.0, "lower at " + h);
        assertEquals(e.get().upper(), a.get().upper(), 0.0, "upper at " + h);
        assertEquals(e.get().at(), a.get().at());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void nameIsTheRegistryName(String name) {
    assertEquals(name, Predictors.create(name).name());
  }

  @ParameterizedTest
  @MethodSource("names")
  void emptyAndInsufficientDataGiveNoForecast(String name) {
    Predictor p = Predictors.create(name);
    Instant t0 = SyntheticSeries.START;
    assertEquals(Optional.empty(), p.forecast(t0, Duration.ofMinutes(3)));
    p.observe(t0, 5);
    assertEquals(Optional.empty(), p.forecast(t0, Duration.ofMinutes(3)));
    assertEquals(Optional.empty(), p.forecast(t0, Duration.ZERO));
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyPredictorForecastsAfterOneDayOfMinutes(String name) {
    Predictor p = Predictors.create(name);
    feed(p, 0, 1441);
    Forecast f = p.forecast(SyntheticSeries.time(1440), Duration.ofMinutes(3)).orElseThrow();
    assertEquals(SyntheticSeries.time(1443), f.at());
    assertTrue(f.point() > 20 && f.point() < 200, "plausible point " + f);
  }

  @ParameterizedTest
  @MethodSource("names")
  void badValuesAreRejectedNamingTheValue(String name) {
    Predictor p = Predictors.create(name);
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1, -0.001, 2e15}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.observe(SyntheticSeries.START, bad));
      assertTrue(e.getMessage().startsWith("value must be finite, >= 0 and <= 1.0E15, but was " + bad), e.getMessage());
    }
    // nothing was learnt from them
    assertEquals(Predictors.create(name).saveState(), p.saveState());
    assertThrows(NullPointerException.class, () -> p.observe(null, 1));
  }

  @ParameterizedTest
  @MethodSource("names")
  void badQuestionsAreRejected(String name) {
    Predictor p = Predictors.create(name);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.forecast(SyntheticSeries.START, Duration.ofSeconds(-1)));
    assertEquals("horizon must be >= 0, but was PT-1S", e.getMessage());
    assertThrows(NullPointerException.class, () -> p.forecast(null, Duration.ZERO));
    assertThrows(NullPointerException.class, () -> p.forecast(SyntheticSeries.START, null));
  }

  @ParameterizedTest
  @MethodSource("names")
  void olderObservationsAreIgnored(String name) {
    Predictor clean = Predictors.create(name);
    Predictor noisy = Predictors.create(name);
    for (int i = 0; i < 2000; i++) {
      clean.observe(SyntheticSeries.time(i), SERIES.values[i]);
      noisy.observe(SyntheticSeries.time(i), SERIES.values[i]);
      if (i % 7 == 3) {
        noisy.observe(SyntheticSeries.time(i - 3), 1e6); // late arrival from the past: ignored
        noisy.observe(SyntheticSeries.time(i).minusMillis(1), 0);
      }
    }
    assertEquals(clean.saveState(), noisy.saveState());
    assertSameForecasts(clean, noisy, SyntheticSeries.time(2000));
  }

  @ParameterizedTest
  @MethodSource("names")
  void observationsAtTheSameInstantAreAccepted(String name) {
    Predictor p = Predictors.create(name);
    feed(p, 0, 1500);
    String before = p.saveState();
    p.observe(SyntheticSeries.time(1499), 500);
    assertNotEquals(before, p.saveState());
  }

  @ParameterizedTest
  @MethodSource("names")
  void stateRoundTripsExactlyAndLearningContinuesIdentically(String name) {
    // at several points: empty, inside the first day, just ready, mid-bucket, later
    for (int cut : new int[] {0, 300, 1441, 1447, 8000}) {
      Predictor original = Predictors.create(name);
      feed(original, 0, cut);
      String saved = original.saveState();
      Predictor restored = Predictors.create(name);
      restored.restoreState(saved);
      assertEquals(saved, restored.saveState(), "state after restore at " + cut);
      assertSameForecasts(original, restored, SyntheticSeries.time(Math.max(cut - 1, 0)));
      // both keep learning the same way, gaps included
      for (int i = cut; i < cut + 2000; i += (i % 50 == 0 ? 37 : 1)) {
        original.observe(SyntheticSeries.time(i), SERIES.values[i]);
        restored.observe(SyntheticSeries.time(i), SERIES.values[i]);
      }
      assertEquals(original.saveState(), restored.saveState(), "state after learning on from " + cut);
      assertSameForecasts(original, restored, SyntheticSeries.time(cut + 2000));
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void corruptStateIsRejectedClearlyAndChangesNothing(String name) {
    Predictor p = Predictors.create(name);
    feed(p, 0, 2000);
    String good = p.saveState();
    List<String> corrupt = List.of(
        "",
        "not json",
        "[1,2]",
        "{}",
        good.substring(0, good.length() / 2),
        good.replaceFirst("\"predictor\":\"[a-z-]+\"", "\"predictor\":\"other\""),
        good.replaceFirst("\"version\":1", "\"version\":99"),
        good.replaceFirst("\"count\":\\d+", "\"count\":\"many\""),
        good.replaceFirst("\"count\":\\d+", "\"count\":-4"),
        good.replaceFirst("\"lastMs\":\\d+,", ""));
    for (String bad : corrupt) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.restoreState(bad), bad);
      assertTrue(e.getMessage().startsWith(name + " state"), "message names the predictor: " + e.getMessage());
      assertEquals(good, p.saveState(), "a failed restore leaves the predictor as it was");
    }
    assertThrows(IllegalArgumentException.class, () -> p.restoreState(null));
  }

  @ParameterizedTest
  @MethodSource("names")
  void forecastsDoNotChangeState(String name) {
    Predictor p = Predictors.create(name);
    feed(p, 0, 3000);
    String before = p.saveState();
    for (Duration h : HORIZONS) {
      p.forecast(SyntheticSeries.time(2999), h);
    }
    assertEquals(before, p.saveState());
  }
}
