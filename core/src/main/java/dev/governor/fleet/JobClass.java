package dev.governor.fleet;

import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.util.Objects;

/**
 * One stream of work: a queue, its latency objective and what a job costs.
 *
 * @param name class name, also the middle of its signal names ({@code queue.<name>.visible}): letters,
 *     digits, {@code -} and {@code _}, optionally ending in {@code .fifo}, so that every SQS queue name
 *     (standard, or FIFO with its {@code .fifo} suffix) can name its class; see {@link #isValidName}
 * @param maxQueueWait the objective: no job should wait longer than this before a worker takes it
 * @param serviceTimePrior expected service time before any completion has been measured
 * @param priority higher is served first when classes compete (informational for policies)
 */
public record JobClass(String name, Duration maxQueueWait, Duration serviceTimePrior, int priority) {
  /** The name rule in words, for error messages: {@code "name must be " + NAME_RULE + ", but was …"}. */
  public static final String NAME_RULE = "letters, digits, '-' or '_', optionally ending in '.fifo'";
  private static final String FIFO_SUFFIX = ".fifo";

  /**
   * Validates the class: name valid per {@link #isValidName}, {@code maxQueueWait > 0}, {@code
   * serviceTimePrior > 0}; errors name the field, rule and value.
   *
   * @param name class name, also the middle of its signal names ({@code queue.<name>.visible}): letters,
   *     digits, {@code -} and {@code _}, optionally ending in {@code .fifo}, so that every SQS queue name
   *     (standard, or FIFO with its {@code .fifo} suffix) can name its class; see {@link #isValidName}
   * @param maxQueueWait the objective: no job should wait longer than this before a worker takes it
   * @param serviceTimePrior expected service time before any completion has been measured
   * @param priority higher is served first when classes compete (informational for policies)
   */
  public JobClass {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxQueueWait, "maxQueueWait");
    Objects.requireNonNull(serviceTimePrior, "serviceTimePrior");
    if (!isValidName(name)) {
      throw new IllegalArgumentException("name must be " + NAME_RULE + ", but was '" + name + "'");
    }
    if (maxQueueWait.isNegative() || maxQueueWait.isZero()) {
      throw new IllegalArgumentException("maxQueueWait of " + name + " must be > 0, but was " + maxQueueWait);
    }
    if (serviceTimePrior.isNegative() || serviceTimePrior.isZero()) {
      throw new IllegalArgumentException("serviceTimePrior of " + name + " must be > 0, but was " + serviceTimePrior);
    }
  }

  /**
   * Whether {@code name} can name a job class: one or more of {@code [A-Za-z0-9_-]}, optionally
   * followed by {@code .fifo}. Every SQS queue name passes (1–80 such characters; a FIFO queue's name
   * must end in {@code .fifo}); longer names pass too, as a class need not be an SQS queue. No other
   * dot is allowed, so a class name never contains a signal name's separator except in that suffix,
   * and {@code queue.<name>.visible} stays unambiguous.
   *
   * @param name the candidate name (null is not valid)
   * @return true when it is a valid class name
   */
  public static boolean isValidName(String name) {
    if (name == null) {
      return false;
    }
    int end = name.endsWith(FIFO_SUFFIX) ? name.length() - FIFO_SUFFIX.length() : name.length();
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A class with priority 0.
   *
   * @param name class name (see {@link #isValidName})
   * @param maxQueueWait the wait objective (&gt; 0)
   * @param serviceTimePrior expected service time before any measurement (&gt; 0)
   * @return the class
   */
  public static JobClass of(String name, Duration maxQueueWait, Duration serviceTimePrior) {
    return new JobClass(name, maxQueueWait, serviceTimePrior, 0);
  }

  /**
   * The name of this class's visible-depth signal, {@code queue.<name>.visible}: jobs waiting.
   *
   * @return the signal name
   */
  public String visibleSignal() {
    return SignalNames.visible(name);
  }

  /**
   * The name of this class's in-flight signal, {@code queue.<name>.inflight}: jobs taken but not
   * finished.
   *
   * @return the signal name
   */
  public String inflightSignal() {
    return SignalNames.inflight(name);
  }

  /**
   * The name of this class's arrivals signal: jobs arrived per second.
   *
   * @return the signal name
   */
  public String arrivalsSignal() {
    return SignalNames.arrivals(name);
  }

  /**
   * The name of this class's service-time signal: seconds per completed job.
   *
   * @return the signal name
   */
  public String serviceTimeSignal() {
    return SignalNames.serviceTime(name);
  }

  /**
   * The name of this class's oldest-job-age signal: seconds the oldest waiting job has waited.
   *
   * @return the signal name
   */
  public String oldestAgeSignal() {
    return SignalNames.oldestAge(name);
  }
}
