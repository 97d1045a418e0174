package dev.governor.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class EnsemblePredictorTest {
  private static final Instant T0 = SyntheticSeries.START;

  /** Always forecasts the same value once it has seen {@code readyAfter} observations. */
  private static final class Fixed implements Predictor {
    private final String name;
    private final double value;
    private final double halfWidth;
    private final long readyAfter;
    private long seen;

    Fixed(String name, double value, double halfWidth, long readyAfter) {
      this.name = name;
      this.value = value;
      this.halfWidth = halfWidth;
      this.readyAfter = readyAfter;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void observe(Instant t, double v) {
      seen++;
    }

    @Override
    public Optional<Forecast> forecast(Instant now, Duration horizon) {
      return seen >= readyAfter ? Optional.of(Forecast.nonNegative(now.plus(horizon), value, halfWidth)) : Optional.empty();
    }

    @Override
    public String saveState() {
      return Json.write(Map.of("seen", seen));
    }

    @Override
    public void restoreState(String state) {
      Object v = Json.parseObject(state).get("seen");
      if (!(v instanceof Long l)) {
        throw new IllegalArgumentException("fixed state: 'seen' must be an integer, but was " + v);
      }
      seen = l;
    }
  }

  private static void feed(Predictor p, int n, double value) {
    for (int i = 0; i < n; i++) {
      p.observe(T0.plusSeconds(60L * i), value);
    }
  }

  @Test
  void weighsMembersByInverseSquaredRecentError() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("good", 101, 2, 0), new Fixed("bad", 150, 10, 0)));
    feed(e, 50, 100);
    assertEquals(OptionalDouble.of(1), e.recentError(0));
    assertEquals(OptionalDouble.of(50), e.recentError(1));
    double wGood = 1 / (1 + 1e-9);
    double wBad = 1 / (2500 + 1e-9);
    Forecast f = e.forecast(T0, Duration.ofMinutes(3)).orElseThrow();
    assertEquals((wGood * 101 + wBad * 150) / (wGood + wBad), f.point(), 1e-12);
    assertEquals((wGood * 99 + wBad * 140) / (wGood + wBad), f.lower(), 1e-12);
    assertEquals((wGood * 103 + wBad * 160) / (wGood + wBad), f.upper(), 1e-12);
  }

  @Test
  void skipsMembersThatAreNotReady() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 101, 2, 0), new Fixed("late", 150, 10, 100)));
    feed(e, 10, 100);
    assertEquals(new Forecast(T0.plusSeconds(180), 101, 99, 103), e.forecast(T0, Duration.ofMinutes(3)).orElseThrow());
    assertEquals(OptionalDouble.empty(), e.recentError(1));
  }

  @Test
  void isEmptyWhileNoMemberIsReady() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 5), new Fixed("b", 2, 0, 5)));
    feed(e, 4, 1);
    assertEquals(Optional.empty(), e.forecast(T0, Duration.ZERO));
  }

  @Test
  void aNewcomerCountsAsTheWorstMemberUntilItHasARecord() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 101, 0, 0), new Fixed("b", 110, 0, 0),
        new Fixed("late", 200, 0, 10)));
    feed(e, 10, 100);
    // a: error 1, b: error 10, late: none yet → weighted as if its error were 10
    double wa = 1 / (1 + 1e-9);
    double wb = 1 / (100 + 1e-9);
    assertEquals((wa * 101 + wb * 110 + wb * 200) / (wa + 2 * wb), e.forecast(T0, Duration.ZERO).orElseThrow().point(), 1e-12);
    e.observe(T0.plusSeconds(600), 100);
    assertEquals(OptionalDouble.of(100), e.recentError(2));
  }

  @Test
  void stateHoldsTheMembersStatesAndErrors() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 101, 0, 0), new Fixed("b", 110, 0, 3)));
    feed(e, 10, 100);
    EnsemblePredictor restored = new EnsemblePredictor(List.of(new Fixed("a", 101, 0, 0), new Fixed("b", 110, 0, 3)));
    restored.restoreState(e.saveState());
    assertEquals(e.saveState(), restored.saveState());
    assertEquals(e.recentError(1), restored.recentError(1));
    assertEquals(e.forecast(T0, Duration.ZERO), restored.forecast(T0, Duration.ZERO));
  }

  @Test
  void refusesStateOfOtherMembers() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 0), new Fixed("b", 2, 0, 0)));
    feed(e, 3, 1);
    EnsemblePredictor other = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 0), new Fixed("c", 2, 0, 0)));
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> other.restoreState(e.saveState()));
    assertEquals("ensemble.members[1] state was saved with name b but this predictor has c; the saved state cannot be used",
        ex.getMessage());
    EnsemblePredictor fewer = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 0)));
    ex = assertThrows(IllegalArgumentException.class, () -> fewer.restoreState(e.saveState()));
    assertEquals("ensemble state: 'members' must have 1 entries (one per member: [a]), but was 2", ex.getMessage());
  }

  @Test
  void aMemberRefusingItsStateRollsBackTheOthers() {
    EnsemblePredictor e = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 0), new Fixed("b", 2, 0, 0)));
    feed(e, 3, 1);
    String good = e.saveState();
    String bad = good.replace("\"state\":{\"seen\":3}}]", "\"state\":{\"seen\":\"x\"}}]");
    assertTrue(!bad.equals(good), bad);
    EnsemblePredictor target = new EnsemblePredictor(List.of(new Fixed("a", 1, 0, 0), new Fixed("b", 2, 0, 0)));
    String before = target.saveState();
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> target.restoreState(bad));
    assertTrue(ex.getMessage().startsWith("ensemble state: member 1 (b) refused its state: "), ex.getMessage());
    assertEquals(before, target.saveState());
  }

  @Test
  void standardCombinesTheThreeAlgorithms() {
    assertEquals(List.of("seasonal", "holt-winters", "ewma-trend"), EnsemblePredictor.standard().memberNames());
  }
}
