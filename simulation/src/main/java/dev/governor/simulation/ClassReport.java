package dev.governor.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of one job class in one replay: the {@code perClass} entries of the report
 * contract. Waits are queue waits in seconds (arrival to start of service), booked, counted and
 * summarised exactly as in {@link SimulationReport} (same histogram, same nearest-rank
 * percentiles), but over this class's jobs only; the class's objective is its own deadline.
 *
 * <p>The two arrays are the report's own (not copied): treat them as read-only.
 *
 * @param name the class name
 * @param jobs jobs of the class that arrived
 * @param sloAttainment fraction 0..1 of the class's booked jobs whose queue wait was at most
 *     {@code deadlineSeconds}: {@code met ÷ booked}; 1 without jobs
 * @param waitP50Seconds median queue wait of the class, seconds (within 0.8 %); 0 without jobs
 * @param waitP99Seconds 99th percentile queue wait of the class, seconds (within 0.8 %); 0 without jobs
 * @param maxWaitSeconds longest queue wait of the class, seconds, exact; 0 without jobs
 * @param deadlineSeconds the class's queue-wait objective, seconds
 * @param priority the class's priority (higher is served first)
 * @param meanServiceSeconds mean service time of the class's jobs drawn, seconds: their total
 *     service seconds ÷ {@code jobs}; 0 without jobs
 * @param lowerBoundInstanceHours the class's service seconds ÷ slots ÷ 3600: its share of the
 *     run's {@link SimulationReport#lowerBoundInstanceHours()}
 * @param arrivalsPerTick jobs of the class arriving in each controller tick, index k for tick k
 *     (not in the JSON; for charts)
 * @param waitP99PerTick 99th percentile wait, seconds, of the class's jobs that started in each
 *     tick (a coarser histogram: within 6.3 %); 0 for a tick where none started (not in the JSON)
 */
public record ClassReport(String name, long jobs, double sloAttainment, double waitP50Seconds, double waitP99Seconds,
    double maxWaitSeconds, double deadlineSeconds, int priority, double meanServiceSeconds,
    double lowerBoundInstanceHours, int[] arrivalsPerTick, float[] waitP99PerTick) {

  /**
   * Whether the class met its objective share: at least {@code target} of its jobs waited at most
   * its deadline. A class without jobs (attainment 1) always meets it.
   *
   * @param target the attainment required, a fraction 0..1 (e.g. 0.99)
   * @return {@code sloAttainment >= target}
   */
  public boolean meets(double target) {
    return sloAttainment >= target;
  }

  /**
   * The class's entry in the report's JSON.
   *
   * @return an ordered, modifiable map of the contract keys: {@code class} (the name),
   *     {@code jobs}, {@code sloAttainment}, {@code deadlineSeconds}, {@code waitP50Seconds},
   *     {@code waitP99Seconds}, {@code maxWaitSeconds}, {@code priority},
   *     {@code meanServiceSeconds}, {@code lowerBoundInstanceHours}; the per-tick arrays are left out
   */
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
