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
 * matters, the fleet it starts with. Immutable: every {@code withX} returns a copy (the policy
 * object itself is shared by the copies, and policies keep state: build a setup per replay).
 * {@link #of(ScalingPolicy)} gives the defaults a user's policy gets: the standard guard chain
 * within the scenario's bounds ({@link Guards#standard}), the default planner
 * ({@link Planner#ofDefaults()}), no predictors, the scenario's starting fleet and the
 * controller's default launch grace.
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
    this.predictors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predictors)); // in the order they were added
    this.arrivalPredictor = arrivalPredictor;
    this.initialInstances = initialInstances;
    this.launchGrace = launchGrace;
  }

  /**
   * A policy with the defaults: named after the policy, the standard guard chain within the
   * scenario's bounds, the default planner, no predictors, the scenario's starting fleet
   * ({@link Scenario#initialInstances()}), the controller's default launch grace.
   *
   * @param policy the policy to replay (a fresh one per replay: it keeps state)
   * @return the setup
   * @throws NullPointerException if {@code policy} is null
   */
  public static PolicySetup of(ScalingPolicy policy) {
    Objects.requireNonNull(policy, "policy");
    return new PolicySetup(policy.name(), policy, null, false, Planner.ofDefaults(), Map.of(), null, OptionalInt.empty(), null);
  }

  /**
   * The name reports use (default: the policy's own {@link ScalingPolicy#name()}).
   *
   * @param n the name to report
   * @return a copy with that name
   * @throws NullPointerException if {@code n} is null
   */
  public PolicySetup withName(String n) {
    return new PolicySetup(Objects.requireNonNull(n, "name"), policy, guards, boundsOnly, planner, predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * A guard chain of your own (include bounds: the scenario's bounds are not added to it).
   * Replaces {@link #withBoundsOnly()}.
   *
   * @param g the chain to run every tick, as is
   * @return a copy with that chain
   * @throws NullPointerException if {@code g} is null
   */
  public PolicySetup withGuards(GuardChain g) {
    return new PolicySetup(name, policy, Objects.requireNonNull(g, "guards"), false, planner, predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * Only the scenario's bounds as guards (and the launch back-off a provider imposes): for policies
   * that bring their own stabilisation, cooldowns and step rules (the baselines reproduce AWS and
   * Kubernetes, whose rules live in the policy), so no fail-safe, stabilization, cooldown or step limit.
   * Replaces a chain set by {@link #withGuards(GuardChain)}.
   *
   * @return a copy whose {@link #guards(int, int)} is the launch back-off and the bounds only
   */
  public PolicySetup withBoundsOnly() {
    return new PolicySetup(name, policy, null, true, planner, predictors, arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * The planner that turns the desired capacity into launches, drains and terminations
   * (default: {@link Planner#ofDefaults()}).
   *
   * @param p the planner
   * @return a copy with that planner
   * @throws NullPointerException if {@code p} is null
   */
  public PolicySetup withPlanner(Planner p) {
    return new PolicySetup(name, policy, guards, boundsOnly, Objects.requireNonNull(p, "planner"), predictors,
        arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * Learns and forecasts a signal (see {@code Controller.Builder#predictor}): each tick the
   * controller feeds it {@code series} and forecasts it at now + boot time + tick. A second call
   * for the same series replaces the first.
   *
   * @param series the signal name to learn, e.g. {@code queue.uploads.arrivals_per_s}
   * @param factory makes the predictor, once per controller the replay builds
   * @return a copy with the predictor added
   * @throws NullPointerException if {@code series} or {@code factory} is null
   */
  public PolicySetup withPredictor(String series, Supplier<Predictor> factory) {
    Map<String, Supplier<Predictor>> m = new LinkedHashMap<>(predictors);
    m.put(Objects.requireNonNull(series, "series"), Objects.requireNonNull(factory, "factory"));
    return new PolicySetup(name, policy, guards, boundsOnly, planner, m, arrivalPredictor, initialInstances, launchGrace);
  }

  /**
   * Forecasts the arrivals of every class with a fresh predictor from {@code factory} (see
   * {@code Controller.Builder#predictArrivals}).
   *
   * @param factory makes one predictor per class, for every controller the replay builds
   * @return a copy with the arrival predictor set
   * @throws NullPointerException if {@code factory} is null
   */
  public PolicySetup withArrivalPredictor(Supplier<Predictor> factory) {
    return new PolicySetup(name, policy, guards, boundsOnly, planner, predictors,
        Objects.requireNonNull(factory, "factory"), initialInstances, launchGrace);
  }

  /**
   * RUNNING instances at the start (a static fleet starts at its size), overriding the scenario's
   * {@link Scenario#initialInstances()}; the replay clamps it to the scenario's {@code [min, max]}.
   *
   * @param n instances, {@code >= 0}
   * @return a copy with that starting fleet
   * @throws IllegalArgumentException if {@code n} is negative
   */
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
   *
   * @param grace time after the boot time within which a launch's instances must reach RUNNING
   *     ({@code >= 0}; the controller's default is 3 minutes)
   * @return a copy with that launch grace
   * @throws NullPointerException if {@code grace} is null
   * @throws IllegalArgumentException if {@code grace} is negative
   */
  public PolicySetup withLaunchGrace(Duration grace) {
    Objects.requireNonNull(grace, "launchGrace");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("launchGrace must be >= 0, but was " + grace);
    }
    return new PolicySetup(name, policy, guards, boundsOnly, planner, predictors, arrivalPredictor, initialInstances,
        grace);
  }

  /**
   * The controller's launch grace, if set.
   *
   * @return the grace given to {@link #withLaunchGrace(Duration)}, or empty for the controller's default
   */
  public Optional<Duration> launchGrace() {
    return Optional.ofNullable(launchGrace);
  }

  /**
   * The name reports use.
   *
   * @return the name given to {@link #withName(String)}, else the policy's own
   */
  public String name() {
    return name;
  }

  /**
   * The policy the controller asks every tick.
   *
   * @return the policy object (shared by every copy of this setup)
   */
  public ScalingPolicy policy() {
    return policy;
  }

  /**
   * The guard chain to run within {@code [min, max]}: the chain given to
   * {@link #withGuards(GuardChain)} as is (bounds ignored); else, after {@link #withBoundsOnly()},
   * the launch back-off and the bounds; else {@link Guards#standard(int, int)}.
   *
   * @param min the scenario's fewest instances
   * @param max the scenario's most instances
   * @return the chain
   * @throws IllegalArgumentException if the bounds are invalid (and a chain is built from them)
   */
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

  /**
   * The planner that turns the desired capacity into actions.
   *
   * @return the planner ({@link Planner#ofDefaults()} unless set)
   */
  public Planner planner() {
    return planner;
  }

  /**
   * The predictors added by {@link #withPredictor(String, Supplier)}.
   *
   * @return predictor factories by signal name, unmodifiable; empty by default
   */
  public Map<String, Supplier<Predictor>> predictors() {
    return predictors;
  }

  /**
   * The predictor every class's arrivals get, if any.
   *
   * @return the factory given to {@link #withArrivalPredictor(Supplier)}, or empty
   */
  public Optional<Supplier<Predictor>> arrivalPredictor() {
    return Optional.ofNullable(arrivalPredictor);
  }

  /**
   * The starting fleet, if this setup sets it.
   *
   * @return the instances given to {@link #withInitialInstances(int)}, or empty for the
   *     scenario's (its {@link Scenario#initialInstances()}, negative meaning the first tick's
   *     expected demand)
   */
  public OptionalInt initialInstances() {
    return initialInstances;
  }
}
