package dev.governor.simulation.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a trace: {@code count} jobs of {@code jobClass} arriving within
 * {@code [start, start + lengthSeconds)}, or — for a job-level trace — one job arriving at
 * {@code start} whose service time is known. The simulator multiplies {@code count} by the
 * scenario's scale, rounds the product with a seeded random draw (down or up, so that the expected
 * number of jobs is exact) and spreads the jobs uniformly at random over the interval.
 *
 * @param start the start of the interval (a job's arrival time for job-level rows)
 * @param lengthSeconds the interval's length in seconds (finite, {@code >= 0}); 0 means every job
 *     arrives at {@code start} (a burst, or a job-level row)
 * @param jobClass the job class; its signals are {@code queue.<jobClass>.*} (not checked here; the
 *     CSV reader checks it against {@link dev.governor.fleet.JobClass#isValidName})
 * @param count jobs arriving (finite, {@code >= 0}; fractions are resolved by seeded random rounding)
 * @param serviceSeconds the service time in seconds every job of the row takes (a recorded job's,
 *     or a recorded window's mean; finite, {@code >= 0}), or NaN when the scenario draws it
 * @param line where the row came from (1-based line of the file, or an index for generated rows;
 *     0 when unknown)
 */
public record TraceRow(Instant start, double lengthSeconds, String jobClass, double count, double serviceSeconds,
    long line) {
  /** The class name single-class traces use. */
  public static final String DEFAULT_CLASS = "jobs";

  /**
   * Validates the row.
   *
   * @param start the start of the interval (a job's arrival time for job-level rows)
   * @param lengthSeconds the interval's length in seconds (finite, {@code >= 0}); 0 means every job
   *     arrives at {@code start} (a burst, or a job-level row)
   * @param jobClass the job class; its signals are {@code queue.<jobClass>.*} (not checked here; the
   *     CSV reader checks it against {@link dev.governor.fleet.JobClass#isValidName})
   * @param count jobs arriving (finite, {@code >= 0}; fractions are resolved by seeded random rounding)
   * @param serviceSeconds the service time in seconds every job of the row takes (a recorded job's,
   *     or a recorded window's mean; finite, {@code >= 0}), or NaN when the scenario draws it
   * @param line where the row came from (1-based line of the file, or an index for generated rows;
   *     0 when unknown)
   * @throws NullPointerException if {@code start} or {@code jobClass} is null
   * @throws IllegalArgumentException if {@code lengthSeconds} or {@code count} is negative, NaN or
   *     infinite, or {@code serviceSeconds} is negative or infinite (naming the field and the value)
   */
  public TraceRow {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(jobClass, "jobClass");
    if (!(lengthSeconds >= 0) || Double.isInfinite(lengthSeconds)) {
      throw new IllegalArgumentException("lengthSeconds must be >= 0 and finite, but was " + lengthSeconds);
    }
    if (!(count >= 0) || Double.isInfinite(count)) {
      throw new IllegalArgumentException("count must be >= 0 and finite, but was " + count);
    }
    if (!Double.isNaN(serviceSeconds) && (serviceSeconds < 0 || Double.isInfinite(serviceSeconds))) {
      throw new IllegalArgumentException("serviceSeconds must be >= 0 and finite (or NaN), but was " + serviceSeconds);
    }
  }

  /**
   * {@code count} jobs spread over {@code [start, start + lengthSeconds)}, service times drawn by
   * the scenario.
   *
   * @param start the interval's start
   * @param lengthSeconds the interval's length in seconds ({@code >= 0})
   * @param jobClass the job class
   * @param count jobs arriving ({@code >= 0}, may be fractional)
   * @return the row, with line 0
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static TraceRow interval(Instant start, double lengthSeconds, String jobClass, double count) {
    return new TraceRow(start, lengthSeconds, jobClass, count, Double.NaN, 0);
  }

  /**
   * {@code jobs} jobs arriving together at {@code at} (one click that enqueues 10,000 jobs), service
   * times drawn by the scenario.
   *
   * @param at when they all arrive
   * @param jobClass the job class
   * @param jobs how many ({@code >= 0}, may be fractional)
   * @return a row of length 0, with line 0
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static TraceRow burst(Instant at, String jobClass, double jobs) {
    return new TraceRow(at, 0, jobClass, jobs, Double.NaN, 0);
  }

  /**
   * One recorded job.
   *
   * @param at its arrival time
   * @param jobClass its class
   * @param serviceSeconds its service time in seconds ({@code >= 0}, or NaN to let the scenario draw it)
   * @return a row of one job, length 0, line 0
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static TraceRow job(Instant at, String jobClass, double serviceSeconds) {
    return new TraceRow(at, 0, jobClass, 1, serviceSeconds, 0);
  }

  /**
   * Whether the row fixes its jobs' service time.
   *
   * @return true if {@link #serviceSeconds()} is a number (every job of the row takes it), false if
   *     it is NaN (the scenario's service-time distribution draws each job's)
   */
  public boolean hasServiceTime() {
    return !Double.isNaN(serviceSeconds);
  }

  TraceRow withLine(long l) {
    return new TraceRow(start, lengthSeconds, jobClass, count, serviceSeconds, l);
  }
}
