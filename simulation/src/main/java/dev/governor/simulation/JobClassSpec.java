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
 */
public record JobClassSpec(String name, Duration serviceTime, double serviceCv, Duration deadline, int priority) {
  public JobClassSpec {
    Objects.requireNonNull(name, "name");
    positive("serviceTime of " + name, serviceTime);
    if (!(serviceCv >= 0) || Double.isInfinite(serviceCv)) {
      throw new IllegalArgumentException("serviceCv of " + name + " must be >= 0 and finite, but was " + serviceCv);
    }
    positive("deadline of " + name, deadline);
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
