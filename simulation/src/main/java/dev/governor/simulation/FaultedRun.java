package dev.governor.simulation;

import java.util.Objects;

/**
 * One replay under faults: its report and what the faults did.
 *
 * @param report the replay's report
 * @param counts what the faults did, and the violations they caused
 */
public record FaultedRun(SimulationReport report, FaultCounts counts) {
  /**
   * Pairs a report with its fault counts.
   *
   * @param report the replay's report (not null)
   * @param counts what the faults did, and the violations they caused (not null)
   * @throws NullPointerException if {@code report} or {@code counts} is null
   */
  public FaultedRun {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(counts, "counts");
  }

  /**
   * Jobs the replay lost: arrived, but neither completed nor still waiting or in service at the end.
   * A correct model and controller keep it at 0 under every fault (a killed job returns to the queue).
   *
   * @return {@code report.jobs() − report.completed() − report.unfinished()}
   */
  public long jobsLost() {
    return report.jobs() - report.completed() - report.unfinished();
  }

  /**
   * The most instances running or booting beyond the tick's demand (the fewest instances that
   * could serve the tick's work at 100 % busy), over the ticks.
   *
   * @return {@code max(0, max over ticks k of running(k) + pending(k) − demand(k))}, in instances;
   *     0 for a replay of no ticks or one never above demand
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
