package dev.governor.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one job class in one replay: the {@code perClass} entries of the report
 * contract. Waits are queue waits (arrival to start of service), booked as in
 * {@link SimulationReport}; the class's objective is its own deadline.
 *
 * @param name the class name
 * @param jobs jobs of the class that arrived
 * @param sloAttainment fraction of the class's jobs that waited at most {@code deadlineSeconds} (1 without jobs)
 * @param waitP50Seconds median queue wait of the class
 * @param waitP99Seconds 99th percentile queue wait of the class
 * @param maxWaitSeconds longest queue wait of the class
 * @param deadlineSeconds the class's queue-wait objective
 * @param priority the class's priority (higher is served first)
 * @param meanServiceSeconds mean service time of the jobs drawn (0 without jobs)
 * @param lowerBoundInstanceHours the class's service seconds ÷ slots ÷ 3600: its share of the fleet's lower bound
 * @param arrivalsPerTick jobs of the class arriving in each tick (not in the JSON; for charts)
 * @param waitP99PerTick 99th percentile wait of the class's jobs started in each tick (not in the JSON)
 */
public record ClassReport(String name, long jobs, double sloAttainment, double waitP50Seconds, double waitP99Seconds,
    double maxWaitSeconds, double deadlineSeconds, int priority, double meanServiceSeconds,
    double lowerBoundInstanceHours, int[] arrivalsPerTick, float[] waitP99PerTick) {

  /** Whether the class met its objective share: at least {@code target} of its jobs waited at most its deadline. */
  public boolean meets(double target) {
    return sloAttainment >= target;
  }

  /** The contract keys of one class, in order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("class", name);
    m.put("jobs", jobs);
    m.put("sloAttainment", sloAttainment);
    m.put("deadlineSeconds", deadlineSeconds);
    m.put("waitP50Seconds", waitP50Seconds);
    m.put("waitP99Seconds", waitP99Seconds);
    m.put("maxWaitSeconds", maxWaitSeconds);
    m.put("priority", priority);
    m.put("meanServiceSeconds", meanServiceSeconds);
    m.put("lowerBoundInstanceHours", lowerBoundInstanceHours);
    return m;
  }
}
