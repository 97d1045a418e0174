package dev.governor.simulation;

import java.util.Map;

/** What a {@link PolicyFactory} may use to build a policy for one replay. */
public interface RunContext {
  /**
   * The scenario being replayed.
   *
   * @return the run's scenario: job classes, instance type, bounds, tick, billing, faults, seed
   */
  Scenario scenario();

  /**
   * The replayed trace, summarised before the run.
   *
   * @return the summary of the trace within the scenario's window (span, classes, expected work per tick)
   */
  TraceSummary trace();

  /**
   * The future job stream (for the lookahead only; building it costs a second pass).
   *
   * @return the jobs this replay will draw, exactly; opened at the first call and shared by the
   *     calls of one replay
   */
  FutureView future();

  /**
   * The offline optimum's plan for this trace and scenario ({@code optimal} only; computed once per
   * {@link Simulation}).
   *
   * @return the plan, possibly infeasible ({@code feasible()} false)
   * @throws IllegalStateException where the context was built without one (a policy that needs the
   *     optimum is replayed outside a {@link Simulation})
   */
  default dev.governor.simulation.optimum.OptimalPlanner.Plan optimum() {
    throw new IllegalStateException("the offline optimum is planned by a Simulation: this context has none");
  }

  /**
   * Parameters set by {@code tune} or the caller; factories fall back to their natural values.
   *
   * @return parameter values by name (see each policy's {@link Knob}s), unmodifiable; empty for a
   *     run with natural parameters
   */
  Map<String, Double> params();

  /**
   * One parameter, or its natural value.
   *
   * @param name the parameter's name (a {@link Knob#name()})
   * @param fallback the value to use when {@code name} is not set
   * @return {@code params().get(name)}, or {@code fallback} if it is absent
   */
  default double param(String name, double fallback) {
    Double v = params().get(name);
    return v != null ? v : fallback;
  }
}
