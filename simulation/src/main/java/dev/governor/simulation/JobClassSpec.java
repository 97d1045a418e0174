package dev.governor.simulation;

import dev.governor.fleet.JobClass;
import java.time.Duration;
import java.util.Objects;

/**
 * How the jobs of one trace class behave in a scenario. A scenario gives every class of its trace
 * one: the override added with {@link Scenario#withClass}, else the scenario's service time, cv
 * and deadline with priority 0 and no limit ({@link Scenario#classSpec}). Immutable.
 *
 * @param name the class name in the trace (not null; {@link #toJobClass} further requires
 *     {@link JobClass#isValidName})
 * @param serviceTime mean service time of a job (&gt; 0), used for jobs whose trace row records
 *     none
 * @param serviceCv coefficient of variation of the service time (lognormal), &gt;= 0 and finite; 0 is
 *     a constant; ignored when the scenario draws exponential service times
 * @param deadline the queue-wait objective (&gt; 0): a job meets the SLO if it waits at most this long
 *     between arrival and the start of its service
 * @param priority higher is served first when classes compete for a slot; equal priorities go by
 *     earliest deadline (arrival + deadline); any int, 0 by default
 * @param maxInService most jobs of this class in service across the fleet at once, 0 for no limit: a
 *     downstream bottleneck (a database, an API quota) that more instances cannot lift (&gt;= 0)
 */
public record JobClassSpec(String name, Duration serviceTime, double serviceCv, Duration deadline, int priority,
    int maxInService) {
  /**
   * Validates the spec.
   *
   * @param name the class name in the trace (not null)
   * @param serviceTime mean service time (&gt; 0)
   * @param serviceCv coefficient of variation of the service time (&gt;= 0 and finite)
   * @param deadline the queue-wait objective (&gt; 0)
   * @param priority higher is served first (any int)
   * @param maxInService most jobs of this class in service at once (&gt;= 0; 0: no limit)
   * @throws IllegalArgumentException if {@code maxInService < 0}, {@code serviceTime} or
   *     {@code deadline} is not positive, or {@code serviceCv} is negative, NaN or infinite
   * @throws NullPointerException if {@code name}, {@code serviceTime} or {@code deadline} is null
   */
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

  /**
   * A class without a limit on jobs in service ({@code maxInService} 0).
   *
   * @param name the class name in the trace
   * @param serviceTime mean service time (&gt; 0)
   * @param serviceCv coefficient of variation of the service time, &gt;= 0 and finite (0: constant)
   * @param deadline the queue-wait objective (&gt; 0)
   * @param priority higher is served first; equal priorities go by earliest deadline
   * @throws IllegalArgumentException as the canonical constructor
   * @throws NullPointerException as the canonical constructor
   */
  public JobClassSpec(String name, Duration serviceTime, double serviceCv, Duration deadline, int priority) {
    this(name, serviceTime, serviceCv, deadline, priority, 0);
  }

  /**
   * The same class with a limit on its jobs in service.
   *
   * @param n most jobs of this class in service across the fleet at once (&gt;= 0; 0: no limit)
   * @return a copy with {@code maxInService} {@code n}
   * @throws IllegalArgumentException if {@code n < 0}
   */
  public JobClassSpec withMaxInService(int n) {
    return new JobClassSpec(name, serviceTime, serviceCv, deadline, priority, n);
  }

  /**
   * The core's view of the class, as the controller under test is configured with it.
   *
   * @return a {@link JobClass} of the same name and priority, whose {@code maxQueueWait} is the
   *     deadline and whose {@code serviceTimePrior} is the mean service time
   * @throws IllegalArgumentException if the name breaks {@link JobClass#isValidName}
   */
  public JobClass toJobClass() {
    return new JobClass(name, deadline, serviceTime, priority);
  }

  /**
   * The mean service time in seconds.
   *
   * @return {@code serviceTime}, in seconds (with its fraction)
   */
  public double serviceSeconds() {
    return serviceTime.toNanos() / 1e9;
  }

  /**
   * The queue-wait objective in seconds.
   *
   * @return {@code deadline}, in seconds (with its fraction)
   */
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
