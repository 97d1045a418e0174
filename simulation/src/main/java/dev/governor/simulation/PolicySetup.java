package dev.governor.simulation;

import dev.governor.action.Planner;
import dev.governor.guard.GuardChain;
import dev.governor.guard.Guards;
import dev.governor.policy.ScalingPolicy;
import dev.governor.predict.Predictor;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * A policy with everything the controller runs around it: guards, planner, predictors and, if it
 * matters, the fleet it starts with. Immutable. {@link #of(ScalingPolicy)} gives the defaults a
 * user's policy gets: the standard guard chain within the scenario's bounds
 * ({@link Guards#standard}), the default planner, no predictors.
 */
public final class PolicySetup {
  private final String name;
  private final ScalingPolicy policy;
  private final GuardChain guards;
  private final boolean boundsOnly;
  private final Planner planner;
  private final Map<String, Supplier<Predictor>> predictors;
  private final Supplier<Predictor> arrivalPredictor;
  private final OptionalInt initialInstances;
  private final Duration launchGrace;

  private PolicySetup(String name, ScalingPolicy policy, GuardChain guards, boolean boundsOnly, Planner planner,
      Map<String, Supplier<Predictor>> predictors, Supplier<Predictor> arrivalPredictor, OptionalInt initialInstances,
      Duration launchGrace) {
    this.name = name;
    this.policy = policy;
    this.guards = guards;
    this.boundsOnly = boundsOnly;
    this.planner = planner;
    this.predictors = Map.copyOf(predictors);
    this.arrivalPredictor = arrivalPredictor;
    this.initialInstances = initialInstances;
    this.launchGrace = launchGrace;
  }

  public static PolicySetup of(ScalingPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new PolicySetup(policy.name(), policy, null, false, Planner.ofDefaults(), Map.of(), null, OptionalInt.empty(), null);
  }

  /** The name reports use (default: the policy's own). */
  public PolicySetup withName(String n) {
    return new PolicySetup(Objects.requireNonNull(n, "name"), policy, guards, boundsOnly, planner, predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /** A guard chain of your own (include bounds: the scenario's bounds are not added to it). */
  public PolicySetup withGuards(GuardChain g) {
    return new PolicySetup(name, policy, Objects.requireNonNull(g, "guards"), false, planner, predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * Only the scenario's bounds as guards (and the launch back-off a provider imposes): for policies
   * that bring their own stabilisation, cooldowns and step rules (the baselines reproduce AWS and
   * Kubernetes, whose rules live in the policy), so no fail-safe, stabilization, cooldown or step limit.
   */
  public PolicySetup withBoundsOnly() {
    return new PolicySetup(name, policy, null, true, planner, predictors, arrivalPredictor, initialInstances, launchGrace);
  }

  public PolicySetup withPlanner(Planner p) {
    return new PolicySetup(name, policy, guards, boundsOnly, Objects.requireNonNull(p, "planner"), predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /** Learns and forecasts a signal (see {@code Controller.Builder#predictor}). */
  public PolicySetup withPredictor(String series, Supplier<Predictor> factory) {
    Map<String, Supplier<Predictor>> m = new LinkedHashMap<>(predictors);
    m.put(Objects.requireNonNull(series, "series"), Objects.requireNonNull(factory, "factory"));
    return new PolicySetup(name, policy, guards, boundsOnly, planner, m, arrivalPredictor, initialInstances, launchGrace);
  }

  /** Forecasts the arrivals of every class with a fresh predictor from {@code factory}. */
  public PolicySetup withArrivalPredictor(Supplier<Predictor> factory) {
    return new PolicySetup(name, policy, guards, boundsOnly, planner, predictors,
        Objects.requireNonNull(factory, "factory"), initialInstances, launchGrace);
  }

  /** RUNNING instances at the start (a static fleet starts at its size). */
  public PolicySetup withInitialInstances(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("initialInstances must be >= 0, but was " + n);
    }
    return new PolicySetup(name, policy, guards, boundsOnly, planner, predictors, arrivalPredictor, OptionalInt.of(n), launchGrace);
  }

  /**
   * The controller's {@code launchGrace} (see {@code Controller.Builder#launchGrace}); unset: the
   * controller's default. A grace shorter than the fleet view's lag forgets launches before the
   * view shows them — the way to build a controller that launches twice.
   */
  public PolicySetup withLaunchGrace(Duration grace) {
    Objects.requireNonNull(grace, "launchGrace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("launchGrace must be >= 0, but was " + grace);
    }
    return new PolicySetup(name, policy, guards, boundsOnly, planner, predictors, arrivalPredictor, initialInstances,
        grace);
  }

  /** The controller's launch grace, if set. */
  public Optional<Duration> launchGrace() {
    return Optional.ofNullable(launchGrace);
  }

  public String name() {
    return name;
  }

  public ScalingPolicy policy() {
    return policy;
  }

  /** The guard chain to run within {@code [min, max]}. */
  public GuardChain guards(int min, int max) {
    if (guards != null) {
      return guards;
    }
    if (boundsOnly) {
      return Guards.builder(min, max).failSafe(false).stabilization(Duration.ZERO).stepLimit(null)
          .cooldowns(Duration.ZERO, Duration.ZERO).build();
    }
    return Guards.standard(min, max);
  }

  public Planner planner() {
    return planner;
  }

  public Map<String, Supplier<Predictor>> predictors() {
    return predictors;
  }

  /** The predictor every class's arrivals get, if any. */
  public Optional<Supplier<Predictor>> arrivalPredictor() {
    return Optional.ofNullable(arrivalPredictor);
  }

  public OptionalInt initialInstances() {
    return initialInstances;
  }
}
