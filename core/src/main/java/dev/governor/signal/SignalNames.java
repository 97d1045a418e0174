package dev.governor.signal;

/**
 * The conventional signal names. Sources that follow them plug into every built-in policy;
 * anything else is free-form and can be used by custom policies.
 */
public final class SignalNames {
  private SignalNames() {}

  /** The names of one class, built once: policies ask for them every tick. */
  private record ClassNames(String visible, String inflight, String delayed, String oldestAge, String arrivals,
      String completions, String serviceTime, String late) {
    ClassNames(String c) {
      this("queue." + c + ".visible", "queue." + c + ".inflight", "queue." + c + ".delayed", "queue." + c + ".oldest_age_s",
          "queue." + c + ".arrivals_per_s", "queue." + c + ".completions_per_s", "jobs." + c + ".service_s",
          "jobs." + c + ".late_per_s");
    }
  }

  private static final java.util.concurrent.ConcurrentHashMap<String, ClassNames> NAMES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static ClassNames of(String jobClass) {
    ClassNames n = NAMES.get(jobClass);
    return n != null ? n : NAMES.computeIfAbsent(jobClass, ClassNames::new);
  }

  public static final String FLEET_RUNNING = "fleet.running";
  public static final String FLEET_PENDING = "fleet.pending";
  public static final String FLEET_DRAINING = "fleet.draining";
  public static final String FLEET_BUSY_SLOTS = "fleet.busy_slots";
  public static final String FLEET_SLOTS = "fleet.slots";

  /** Messages waiting in the queue (SQS ApproximateNumberOfMessages). */
  public static String visible(String jobClass) {
    return of(jobClass).visible();
  }

  /** Messages received but not yet deleted (SQS ApproximateNumberOfMessagesNotVisible). */
  public static String inflight(String jobClass) {
    return of(jobClass).inflight();
  }

  /** Messages delayed (SQS ApproximateNumberOfMessagesDelayed). */
  public static String delayed(String jobClass) {
    return of(jobClass).delayed();
  }

  /** Age of the oldest waiting message, seconds. */
  public static String oldestAge(String jobClass) {
    return of(jobClass).oldestAge();
  }

  /** Arrival rate over the last measured interval, jobs per second. */
  public static String arrivals(String jobClass) {
    return of(jobClass).arrivals();
  }

  /** Completion rate over the last measured interval, jobs per second. */
  public static String completions(String jobClass) {
    return of(jobClass).completions();
  }

  /** Mean service time of recently completed jobs, seconds. */
  public static String serviceTime(String jobClass) {
    return of(jobClass).serviceTime();
  }

  /**
   * Jobs of a class that started after their objective, per second (reported by the workers, which
   * see each message's queue wait; e.g. SQS SentTimestamp against the receive time).
   */
  public static String late(String jobClass) {
    return of(jobClass).late();
  }
}
