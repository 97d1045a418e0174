package dev.governor.fleet;

import dev.governor.signal.SignalNames;
import java.time.Duration;
import java.util.Objects;

/**
 * One stream of work: a queue, its latency objective and what a job costs.
 *
 * @param name class name, also the middle of its signal names ({@code queue.<name>.visible})
 * @param maxQueueWait the objective: no job should wait longer than this before a worker takes it
 * @param serviceTimePrior expected service time before any completion has been measured
 * @param priority higher is served first when classes compete (informational for policies)
 */
public record JobClass(String name, Duration maxQueueWait, Duration serviceTimePrior, int priority) {
  public JobClass {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(maxQueueWait, "maxQueueWait");
    Objects.requireNonNull(serviceTimePrior, "serviceTimePrior");
    if (!name.matches("[A-Za-z0-9_\\-]+")) {
      throw new IllegalArgumentException("name must match [A-Za-z0-9_-]+, but was '" + name + "'");
    }
    if (maxQueueWait.isNegative() || maxQueueWait.isZero()) {
      throw new IllegalArgumentException("maxQueueWait of " + name + " must be > 0, but was " + maxQueueWait);
    }
    if (serviceTimePrior.isNegative() || serviceTimePrior.isZero()) {
      throw new IllegalArgumentException("serviceTimePrior of " + name + " must be > 0, but was " + serviceTimePrior);
    }
  }

  public static JobClass of(String name, Duration maxQueueWait, Duration serviceTimePrior) {
    return new JobClass(name, maxQueueWait, serviceTimePrior, 0);
  }

  public String visibleSignal() {
    return SignalNames.visible(name);
  }

  public String inflightSignal() {
    return SignalNames.inflight(name);
  }

  public String arrivalsSignal() {
    return SignalNames.arrivals(name);
  }

  public String serviceTimeSignal() {
    return SignalNames.serviceTime(name);
  }

  public String oldestAgeSignal() {
    return SignalNames.oldestAge(name);
  }
}
