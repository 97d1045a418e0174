package dev.governor.simulation;

import java.util.Objects;

/**
 * One replay under faults: its report and what the faults did.
 *
 * @param report the replay's report
 * @param counts what the faults did, and the violations they caused
 */
public record FaultedRun(SimulationReport report, FaultCounts counts) {
  public FaultedRun {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(counts, "counts");
  }

  /** Jobs that arrived but are neither completed nor waiting nor in service at the end (must be 0). */
  public long jobsLost() {
    return report.jobs() - report.completed() - report.unfinished();
  }

  /**
   * The most instances running or booting beyond the tick's demand (the fewest instances that
   * could serve the tick's work at 100 % busy), over the ticks.
   */
  public int maxOverProvision() {
    var s = report.series();
    int max = 0;
    for (int k = 0; k < s.size(); k++) {
      max = Math.max(max, s.running(k) + s.pending(k) - s.demand(k));
    }
    return max;
  }
}
