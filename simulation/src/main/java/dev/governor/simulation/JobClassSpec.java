package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import java.time.Duration;
import java.util.Objects;

/**
 * How the jobs of one trace class behave in a scenario.
 *
 * @param name the class name in the trace
 * @param serviceTime mean service time
 * @param serviceCv coefficient of variation of the service time (lognormal); 0 is a constant
 * @param deadline the queue-wait objective: a job meets the SLO if it waits at most this long
 * @param priority higher is served first when classes compete for a slot; equal priorities go by
 *     earliest deadline (arrival + deadline)
 * @param maxInService most jobs of this class in service across the fleet at once, 0 for no limit: a
 *     downstream bottleneck (a database, an API quota) that more instances cannot lift
 */
public record JobClassSpec(String name, Duration serviceTime, double serviceCv, Duration deadline, int priority,
    int maxInService) {
  public JobClassSpec {
    if (maxInService < 0) {
      throw new IllegalArgumentException("maxInService of " + name + " must be >= 0 (0: no limit), but was "
          + maxInService);
    }
    Objects.requireNonNull(name, "name");
    positive("serviceTime of " + name, serviceTime);
    if (!(serviceCv >= 0) || Double.isInfinite(serviceCv)) {
      throw new IllegalArgumentException("serviceCv of " + name + " must be >= 0 and finite, but was " + serviceCv);
    }
    positive("deadline of " + name, deadline);
  }

  /** A class without a limit on jobs in service. */
  public JobClassSpec(String name, Duration serviceTime, double serviceCv, Duration deadline, int priority) {
    this(name, serviceTime, serviceCv, deadline, priority, 0);
  }

  /** The same class with at most {@code n} jobs in service across the fleet (0: no limit). */
  public JobClassSpec withMaxInService(int n) {
    return new JobClassSpec(name, serviceTime, serviceCv, deadline, priority, n);
  }

  /** The core's view of the class: its deadline is the max queue wait, its mean service time the prior. */
  public JobClass toJobClass() {
    return new JobClass(name, deadline, serviceTime, priority);
  }

  public double serviceSeconds() {
    return serviceTime.toNanos() / 1e9;
  }

  public double deadlineSeconds() {
    return deadline.toNanos() / 1e9;
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, but was " + d);
    }
  }
}
