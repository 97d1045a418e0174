package dev.governor.signal;

import java.util.Objects;

/**
 * The conventional signal names. Sources that follow them plug into every built-in policy;
 * anything else is free-form and can be used by custom policies.
 *
 * <p>Per job class {@code c}: {@code queue.c.visible}, {@code queue.c.inflight},
 * {@code queue.c.delayed}, {@code queue.c.oldest_age_s}, {@code queue.c.arrivals_per_s},
 * {@code queue.c.completions_per_s}, {@code jobs.c.service_s}, {@code jobs.c.late_per_s}. The
 * {@code fleet.*} signals are added by the controller from its fleet view each tick; a source need
 * not report them, and a source's readings of them are ignored (the tick's errors say so). Counts
 * are instances, jobs or slots; rates are per second; ages and times are seconds. Thread-safe.
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

  /** Instances in state RUNNING (serving jobs), from the fleet view. */
  public static final String FLEET_RUNNING = "fleet.running";
  /** Instances in state PENDING (launched, still booting), as the fleet lists them. */
  public static final String FLEET_PENDING = "fleet.pending";
  /** Instances in state DRAINING (finishing their jobs, taking no new ones). */
  public static final String FLEET_DRAINING = "fleet.draining";
  /** Jobs being served now: busy slots over every instance, draining ones included. */
  public static final String FLEET_BUSY_SLOTS = "fleet.busy_slots";
  /** Job slots of the RUNNING instances: how many jobs the fleet can serve at once now. */
  public static final String FLEET_SLOTS = "fleet.slots";
  /** Instances launched by earlier ticks that the fleet does not list yet (counted as pending). */
  public static final String FLEET_IN_FLIGHT = "fleet.in_flight";

  private static final java.util.Set<String> FLEET = java.util.Set.of(FLEET_RUNNING, FLEET_PENDING, FLEET_DRAINING,
      FLEET_BUSY_SLOTS, FLEET_SLOTS, FLEET_IN_FLIGHT);
  private static final java.util.Set<String> QUEUE_SUFFIXES = java.util.Set.of("visible", "inflight", "delayed",
      "oldest_age_s", "arrivals_per_s", "completions_per_s");
  private static final java.util.Set<String> JOBS_SUFFIXES = java.util.Set.of("service_s", "late_per_s");

  /**
   * Whether {@code name} is one of the {@code fleet.*} signals the controller adds from its own
   * view of the fleet ({@link #FLEET_RUNNING} and the others); a signal source's reading of such a
   * name is ignored.
   *
   * @param name a signal name
   * @return true for a controller-owned fleet signal
   * @throws NullPointerException if {@code name} is null
   */
  public static boolean isFleetSignal(String name) {
    return FLEET.contains(Objects.requireNonNull(name, "name"));
  }

  /**
   * The job class a conventional per-class name ({@code queue.<class>.<signal>},
   * {@code jobs.<class>.<signal>}) refers to, or null for any other name. The class is everything
   * between the prefix and the last dot, so a class name may contain dots.
   *
   * @param name a signal name
   * @return the job class name, or null if {@code name} is not a per-class name
   * @throws NullPointerException if {@code name} is null
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
   *
   * @param name the signal name to check
   * @param classes the configured job class names
   * @return null if {@code name} is fine, else the problem, phrased to follow the name (e.g.
   *     {@code names job class 'x', which is not configured (job classes: [uploads])})
   * @throws NullPointerException if {@code name} is null, or {@code classes} is null and
   *     {@code name} is a per-class name
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

  /**
   * Messages waiting in the queue (SQS ApproximateNumberOfMessages).
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.visible}
   */
  public static String visible(String jobClass) {
    return of(jobClass).visible();
  }

  /**
   * Messages received but not yet deleted (SQS ApproximateNumberOfMessagesNotVisible): jobs in
   * progress.
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.inflight}
   */
  public static String inflight(String jobClass) {
    return of(jobClass).inflight();
  }

  /**
   * Messages delayed (SQS ApproximateNumberOfMessagesDelayed).
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.delayed}
   */
  public static String delayed(String jobClass) {
    return of(jobClass).delayed();
  }

  /**
   * Age of the oldest waiting message, seconds.
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.oldest_age_s}
   */
  public static String oldestAge(String jobClass) {
    return of(jobClass).oldestAge();
  }

  /**
   * Arrival rate over the last measured interval, jobs per second.
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.arrivals_per_s}
   */
  public static String arrivals(String jobClass) {
    return of(jobClass).arrivals();
  }

  /**
   * Completion rate over the last measured interval, jobs per second.
   *
   * @param jobClass the job class name
   * @return {@code queue.<jobClass>.completions_per_s}
   */
  public static String completions(String jobClass) {
    return of(jobClass).completions();
  }

  /**
   * Mean service time of recently completed jobs, seconds per job.
   *
   * @param jobClass the job class name
   * @return {@code jobs.<jobClass>.service_s}
   */
  public static String serviceTime(String jobClass) {
    return of(jobClass).serviceTime();
  }

  /**
   * Jobs of a class that started after their objective, per second (reported by the workers, which
   * see each message's queue wait; e.g. SQS SentTimestamp against the receive time).
   *
   * @param jobClass the job class name
   * @return {@code jobs.<jobClass>.late_per_s}
   */
  public static String late(String jobClass) {
    return of(jobClass).late();
  }
}
