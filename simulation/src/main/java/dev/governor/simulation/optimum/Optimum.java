package dev.governor.simulation.optimum;

import dev.governor.simulation.Scenario;
import dev.governor.simulation.TraceSummary;

/**
 * Builds the {@link OptimalPlanner.Problem} of a scenario and a trace's binned work: the bridge
 * between a {@link dev.governor.simulation.Simulation} and the planner (which
 * {@link dev.governor.simulation.Simulation#optimum()} calls with the service seconds of the jobs every run replays).
 */
public final class Optimum {
  private Optimum() {}

  /**
   * The problem for {@code work[class][tick]} (classes in {@code summary.classes()} order): ticks
   * of the scenario's tick, {@code dt[k] = min(tick, duration − k·tick)} (the last one ending at the
   * trace's end), each class's lag {@code floor(deadline / tick)} from its
   * {@link Scenario#classSpec} (so a deadline shorter than a tick means the work must be served in
   * its arrival tick), the scenario's slots, mean boot, billing and min/max bounds.
   *
   * @param sc the scenario
   * @param summary the summary of the trace as the scenario replays it (window applied): its
   *     classes, tick, tick count and duration
   * @param work service seconds per class and arrival tick, {@code summary.classes().size()} rows
   *     of {@code summary.ticks()} values (held by the problem, not copied)
   * @return the problem
   * @throws IllegalArgumentException if {@code work} does not have that shape or holds a negative or
   *     non-finite value (from {@link OptimalPlanner.Problem})
   */
  public static OptimalPlanner.Problem problem(Scenario sc, TraceSummary summary, double[][] work) {
    double tick = summary.tickSeconds();
    int ticks = summary.ticks();
    double[] dt = new double[ticks];
    for (int k = 0; k < ticks; k++) {
      dt[k] = Math.max(1e-9, Math.min(tick, summary.durationSeconds() - k * tick));
    }
    int[] lag = new int[summary.classes().size()];
    for (int c = 0; c < lag.length; c++) {
      lag[c] = (int) Math.floor(sc.classSpec(summary.classes().get(c)).deadlineSeconds() / tick + 1e-9);
    }
    return new OptimalPlanner.Problem(work, lag, dt, tick, sc.slots(), sc.boot().toNanos() / 1e9, sc.billing(),
        sc.min(), sc.max());
  }
}
