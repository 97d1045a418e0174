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
  /** Instances launched by earlier ticks that the fleet does not list yet (counted as pending). */
  public static final String FLEET_IN_FLIGHT = "fleet.in_flight";

  private static final java.util.Set<String> FLEET = java.util.Set.of(FLEET_RUNNING, FLEET_PENDING, FLEET_DRAINING,
      FLEET_BUSY_SLOTS, FLEET_SLOTS, FLEET_IN_FLIGHT);
  private static final java.util.Set<String> QUEUE_SUFFIXES = java.util.Set.of("visible", "inflight", "delayed",
      "oldest_age_s", "arrivals_per_s", "completions_per_s");
  private static final java.util.Set<String> JOBS_SUFFIXES = java.util.Set.of("service_s");

  /**
   * The job class a conventional per-class name ({@code queue.<class>.<signal>},
   * {@code jobs.<class>.<signal>}) refers to, or null for any other name.
   */
  public static String jobClassOf(String name) {
    int start = name.startsWith("queue.") ? 6 : name.startsWith("jobs.") ? 5 : -1;
    if (start < 0) {
      return null;
    }
    int end = name.lastIndexOf('.');
    return end > start ? name.substring(start, end) : null;
  }

  /**
   * Checks a name against the conventions: a {@code queue.}/{@code jobs.} name must name one of
   * {@code classes} and a known signal, a {@code fleet.} name one the controller adds. Returns
   * null when it passes (or is free-form), else what is wrong, with the choices.
   */
  public static String checkConventional(String name, java.util.Collection<String> classes) {
    if (name.startsWith("fleet.")) {
      return FLEET.contains(name) ? null : "is not a fleet signal; fleet signals are " + new java.util.TreeSet<>(FLEET);
    }
    boolean queue = name.startsWith("queue.");
    if (!queue && !name.startsWith("jobs.")) {
      return null;
    }
    String cls = jobClassOf(name);
    if (cls == null) {
      return "must look like " + (queue ? "queue" : "jobs") + ".<class>.<signal>";
    }
    if (!classes.contains(cls)) {
      return "names job class '" + cls + "', which is not configured (job classes: " + new java.util.TreeSet<>(classes) + ")";
    }
    String suffix = name.substring(name.lastIndexOf('.') + 1);
    java.util.Set<String> known = queue ? QUEUE_SUFFIXES : JOBS_SUFFIXES;
    return known.contains(suffix) ? null
        : "names signal '" + suffix + "', which is not one of " + new java.util.TreeSet<>(known);
  }

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
