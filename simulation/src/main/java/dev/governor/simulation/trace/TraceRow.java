package dev.governor.simulation.trace;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of a trace: {@code count} jobs of {@code jobClass} arriving within
 * {@code [start, start + lengthSeconds)}, or — for a job-level trace — one job arriving at
 * {@code start} whose service time is known.
 *
 * @param start the start of the interval (a job's arrival time for job-level rows)
 * @param lengthSeconds the interval's length; 0 means every job arrives at {@code start} (a burst, or a job-level row)
 * @param jobClass the job class; its signals are {@code queue.<jobClass>.*}
 * @param count jobs arriving (finite, >= 0; fractions are resolved by seeded random rounding)
 * @param serviceSeconds the job's recorded service time, or NaN when the scenario draws it
 * @param line where the row came from (1-based line of the file, or an index for generated rows)
 */
public record TraceRow(Instant start, double lengthSeconds, String jobClass, double count, double serviceSeconds,
    long line) {
  /** The class name single-class traces use. */
  public static final String DEFAULT_CLASS = "jobs";

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

  /** {@code count} jobs spread over {@code [start, start + lengthSeconds)}. */
  public static TraceRow interval(Instant start, double lengthSeconds, String jobClass, double count) {
    return new TraceRow(start, lengthSeconds, jobClass, count, Double.NaN, 0);
  }

  /** {@code jobs} jobs arriving together at {@code at} (one click that enqueues 10,000 jobs). */
  public static TraceRow burst(Instant at, String jobClass, double jobs) {
    return new TraceRow(at, 0, jobClass, jobs, Double.NaN, 0);
  }

  /** One recorded job. */
  public static TraceRow job(Instant at, String jobClass, double serviceSeconds) {
    return new TraceRow(at, 0, jobClass, 1, serviceSeconds, 0);
  }

  public boolean hasServiceTime() {
    return !Double.isNaN(serviceSeconds);
  }

  TraceRow withLine(long l) {
    return new TraceRow(start, lengthSeconds, jobClass, count, serviceSeconds, l);
  }
}
