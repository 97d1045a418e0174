package dev.governor.simulation;

import java.util.Map;

/** What a {@link PolicyFactory} may use to build a policy for one replay. */
public interface RunContext {
  Scenario scenario();

  /** The replayed trace, summarised before the run. */
  TraceSummary trace();

  /** The future job stream (for the lookahead only; building it costs a second pass). */
  FutureView future();

  /**
   * The offline optimum's plan for this trace and scenario ({@code optimal} only; computed once per
   * {@link Simulation}).
   *
   * @throws IllegalStateException where the context was built without one (a policy that needs the
   *     optimum is replayed outside a {@link Simulation})
   */
  default dev.governor.simulation.optimum.OptimalPlanner.Plan optimum() {
    throw new IllegalStateException("the offline optimum is planned by a Simulation: this context has none");
  }

  /** Parameters set by {@code tune} or the caller; factories fall back to their natural values. */
  Map<String, Double> params();

  default double param(String name, double fallback) {
    Double v = params().get(name);
    return v != null ? v : fallback;
  }
}
