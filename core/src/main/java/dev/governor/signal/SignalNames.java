package dev.governor.signal;

/**
 * The conventional signal names. Sources that follow them plug into every built-in policy;
 * anything else is free-form and can be used by custom policies.
 */
public final class SignalNames {
  private SignalNames() {}

  public static final String FLEET_RUNNING = "fleet.running";
  public static final String FLEET_PENDING = "fleet.pending";
  public static final String FLEET_DRAINING = "fleet.draining";
  public static final String FLEET_BUSY_SLOTS = "fleet.busy_slots";
  public static final String FLEET_SLOTS = "fleet.slots";

  /** Messages waiting in the queue (SQS ApproximateNumberOfMessages). */
  public static String visible(String jobClass) {
    return "queue." + jobClass + ".visible";
  }

  /** Messages received but not yet deleted (SQS ApproximateNumberOfMessagesNotVisible). */
  public static String inflight(String jobClass) {
    return "queue." + jobClass + ".inflight";
  }

  /** Messages delayed (SQS ApproximateNumberOfMessagesDelayed). */
  public static String delayed(String jobClass) {
    return "queue." + jobClass + ".delayed";
  }

  /** Age of the oldest waiting message, seconds. */
  public static String oldestAge(String jobClass) {
    return "queue." + jobClass + ".oldest_age_s";
  }

  /** Arrival rate over the last measured interval, jobs per second. */
  public static String arrivals(String jobClass) {
    return "queue." + jobClass + ".arrivals_per_s";
  }

  /** Completion rate over the last measured interval, jobs per second. */
  public static String completions(String jobClass) {
    return "queue." + jobClass + ".completions_per_s";
  }

  /** Mean service time of recently completed jobs, seconds. */
  public static String serviceTime(String jobClass) {
    return "jobs." + jobClass + ".service_s";
  }
}
