package dev.governor;

import dev.governor.action.Planner;
import dev.governor.guard.GuardChain;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridConfig;
import dev.governor.policy.HybridPolicy;
import dev.governor.predict.Predictor;
import dev.governor.predict.Predictors;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The configuration the simulator benchmarks as {@code governor} (every number in the README's
 * result tables), as parts a host can take: the flagship {@link HybridPolicy} with
 * {@link HybridConfig} defaults, arrivals of every job class forecast by the
 * {@value #ARRIVAL_PREDICTOR} predictor, and the standard guard chain without a stabilization
 * window (the policy keeps capacity it will need again itself, so a window would only hold idle
 * instances longer), and the drain-first {@link Planner} (an instance is terminated only once a
 * later fleet view still shows it idle, so a busy report that lags never kills a job in progress).
 * {@link Controller.Builder#standardGovernor(int, int)} sets all four at once.
 */
public final class Governors {
  /** The {@link Predictors} name of the arrival forecaster the benchmarked configuration uses. */
  public static final String ARRIVAL_PREDICTOR = "ensemble";

  private Governors() {}

  /**
   * A new flagship policy with {@link HybridConfig} defaults (a policy keeps state: one per
   * controller).
   *
   * @return a new {@link HybridPolicy#ofDefaults()}
   */
  public static HybridPolicy policy() {
    return HybridPolicy.ofDefaults();
  }

  /**
   * The standard chain ({@link Guards#builder(int, int)}: fail-safe, launch back-off, step limit,
   * bounds) within [{@code min}, {@code max}] instances, with no stabilization window.
   *
   * @param min the fewest instances (&gt;= 0)
   * @param max the most instances (&gt;= {@code min})
   * @return a new chain
   * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}, naming the value
   */
  public static GuardChain guards(int min, int max) {
    return Guards.builder(min, max).stabilization(Duration.ZERO).build();
  }

  /**
   * The drain-first planner: busy victims are drained, and idle ones are drained before they are
   * terminated too, so no termination rests on a busy report that may lag.
   *
   * @return {@link Planner#drainFirst()}
   */
  public static Planner planner() {
    return Planner.drainFirst();
  }

  /**
   * The arrival forecaster of the benchmarked configuration, for
   * {@link Controller.Builder#predictArrivals} or {@link Controller.Builder#predictor}.
   *
   * @return a supplier of new {@value #ARRIVAL_PREDICTOR} predictors with their defaults, one per
   *     call (one per job class)
   */
  public static Supplier<Predictor> arrivalPredictor() {
    return Predictors.factory(ARRIVAL_PREDICTOR);
  }
}
