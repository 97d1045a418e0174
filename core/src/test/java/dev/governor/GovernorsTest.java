package dev.governor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.JobClass;
import dev.governor.guard.GuardChain;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.predict.Predictors;
import dev.governor.signal.ManualSignalSource;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@code standardGovernor(min, max)} is the benchmarked {@code governor} written out by hand: the
 * flagship policy with defaults, ensemble arrival forecasts for every class, the standard guards
 * without stabilization. Two controllers, one per wiring, see the same two scripted hours and must
 * write the same reports.
 */
class GovernorsTest {
  static final JobClass THUMBS = JobClass.of("thumbnails", Duration.ofMinutes(2), Duration.ofSeconds(5));

  /** Two hours: a daily-ish wave on uploads, a 3,000-job burst at minute 30, quiet thumbnails. */
  static List<String> run(UnaryOperator<Controller.Builder> wiring) {
    return run(UnaryOperator.identity(), wiring);
  }

  /** {@code before} is applied to the builder before its job classes are added, {@code after} after. */
  static List<String> run(UnaryOperator<Controller.Builder> before, UnaryOperator<Controller.Builder> after) {
    ManualClock clock = new ManualClock(Fixtures.T0);
    ManualSignalSource signals = new ManualSignalSource();
    InMemoryActuator fleet = new InMemoryActuator(Fixtures.TYPE).withRunning(3, Fixtures.T0.minus(Duration.ofHours(1)));
    Controller c = after.apply(before.apply(Controller.builder()).clock(clock).signals(signals)
        .jobClass(Fixtures.UPLOADS).jobClass(THUMBS).launchType(Fixtures.TYPE).actuator(fleet)).build();
    List<String> out = new ArrayList<>();
    for (int minute = 0; minute < 120; minute++) {
      double rate = 1 + 0.8 * Math.sin(minute / 10.0);
      double visible = minute >= 30 && minute < 36 ? 3000 - 500 * (minute - 30) : 10 * rate;
      Fixtures.queue(signals, clock, "uploads", visible, Math.min(visible, 12), rate);
      Fixtures.queue(signals, clock, "thumbnails", 2, 1, 0.2);
      out.add(c.tick().toJson());
      clock.advance(Duration.ofMinutes(1));
    }
    return out;
  }

  static List<String> byHand(GuardChain guards) {
    return run(b -> b.policy(HybridPolicy.ofDefaults()).guards(guards).predictArrivals(Predictors.factory("ensemble"))
        .planner(dev.governor.action.Planner.drainFirst()));
  }

  @Test
  void theOneLinerIsTheBenchmarkedConfigurationWrittenOutByHand() {
    List<String> preset = run(b -> b.standardGovernor(1, 40));
    assertEquals(byHand(Guards.builder(1, 40).stabilization(Duration.ZERO).build()), preset);
    assertTrue(preset.stream().anyMatch(j -> j.contains("queue.uploads.arrivals_per_s")
        && j.contains("queue.thumbnails.arrivals_per_s") && j.contains("\"forecasts\":{\"")),
        "both classes' arrivals are forecast");
    // The script can tell the configurations apart: with the usual 5-minute window it differs.
    assertNotEquals(byHand(Guards.standard(1, 40)), preset);
  }

  @Test
  void thePresetMayComeBeforeTheClassesAndAClassWithItsOwnPredictorKeepsIt() {
    List<String> preset = run(b -> b.standardGovernor(1, 40));
    assertEquals(preset, run(b -> b.standardGovernor(1, 40), UnaryOperator.identity()));
    List<String> own = run(b -> b.standardGovernor(1, 40).predictor("queue.uploads.arrivals_per_s",
        Predictors.factory(dev.governor.predict.EwmaTrendPredictor.NAME)));
    assertEquals(run(b -> b.policy(HybridPolicy.ofDefaults()).guards(Guards.builder(1, 40).stabilization(Duration.ZERO)
        .build()).predictor("queue.uploads.arrivals_per_s", Predictors.factory(dev.governor.predict.EwmaTrendPredictor.NAME))
        .predictor("queue.thumbnails.arrivals_per_s", Predictors.factory("ensemble"))
        .planner(dev.governor.action.Planner.drainFirst())), own);
  }

  @Test
  void badBoundsNameTheValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Controller.builder().standardGovernor(5, 2));
    assertTrue(e.getMessage().contains("5") && e.getMessage().contains("2"), e.getMessage());
  }
}
