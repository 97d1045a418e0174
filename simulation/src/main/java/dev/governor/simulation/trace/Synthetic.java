package dev.governor.simulation.trace;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Generated load behind the same {@link Trace} interface as recorded load: for examples, tests and
 * "what if" questions (a weekly upload peak, one click that enqueues 10,000 jobs). Generated rows
 * are computed while they are read; nothing is held in memory. Every generated trace is
 * deterministic: its random numbers come from its seed, restarted at every {@link Trace#open()},
 * so each reader sees the same rows. The traces of {@link #constant}, {@link #poisson} and
 * {@link #weekly} have {@code ceil(duration / step)} rows of length {@code step}, the first at
 * {@code start}; service times are always left to the scenario.
 */
public final class Synthetic {
  private Synthetic() {}

  /**
   * The same number of jobs in every interval, class {@value TraceRow#DEFAULT_CLASS}.
   *
   * @param name the trace's name
   * @param start the first interval's start
   * @param duration how long the trace lasts ({@code > 0}); the last interval may run past it
   * @param step each interval's length ({@code > 0})
   * @param countPerStep jobs per interval (finite, {@code >= 0}; fractions resolved by the
   *     simulator's seeded rounding)
   * @return the trace
   * @throws NullPointerException if {@code name}, {@code start}, {@code duration} or {@code step} is null
   * @throws IllegalArgumentException if {@code duration} or {@code step} is not positive, or
   *     {@code countPerStep} is negative, NaN or infinite
   */
  public static Trace constant(String name, Instant start, Duration duration, Duration step, double countPerStep) {
    checkCount("countPerStep", countPerStep);
    return generated(name, start, duration, step, TraceRow.DEFAULT_CLASS, (t, rnd) -> countPerStep, 0);
  }

  /**
   * A Poisson process of {@code ratePerSecond}, class {@value TraceRow#DEFAULT_CLASS}: each
   * interval's count is Poisson with mean {@code ratePerSecond × step}, and the simulator spreads
   * it uniformly, which is exactly a Poisson process. (Means above 10^6 use the normal
   * approximation, rounded and clipped at 0.)
   *
   * @param name the trace's name
   * @param start the first interval's start
   * @param duration how long the trace lasts ({@code > 0}); the last interval may run past it
   * @param step each interval's length ({@code > 0})
   * @param ratePerSecond mean arrivals per second (finite, {@code >= 0})
   * @param seed the seed of the counts (same seed, same trace)
   * @return the trace
   * @throws NullPointerException if {@code name}, {@code start}, {@code duration} or {@code step} is null
   * @throws IllegalArgumentException if {@code duration} or {@code step} is not positive, or
   *     {@code ratePerSecond} is negative, NaN or infinite
   */
  public static Trace poisson(String name, Instant start, Duration duration, Duration step, double ratePerSecond,
      long seed) {
    checkCount("ratePerSecond", ratePerSecond);
    double mean = ratePerSecond * seconds(step);
    return generated(name, start, duration, step, TraceRow.DEFAULT_CLASS, (t, rnd) -> poisson(rnd, mean), seed);
  }

  /**
   * A builder for a weekly seasonal load: a daily peak, quieter weekends, optional Poisson noise.
   *
   * @return a new builder with the defaults of {@link WeeklyBuilder}
   */
  public static WeeklyBuilder weekly() {
    return new WeeklyBuilder();
  }

  /**
   * A burst: {@code jobs} jobs of {@code jobClass} enqueued at the same instant {@code at} (a trace
   * row of length 0), for {@link #withBursts}.
   *
   * @param at when the jobs are enqueued
   * @param jobClass their job class
   * @param jobs how many (finite, {@code >= 0}; fractions resolved by the simulator's seeded rounding)
   */
  public record Burst(Instant at, String jobClass, double jobs) {
    /**
     * Validates the burst.
     *
     * @param at when the jobs are enqueued
     * @param jobClass their job class
     * @param jobs how many (finite, {@code >= 0}; fractions resolved by the simulator's seeded rounding)
     * @throws NullPointerException if {@code at} or {@code jobClass} is null
     * @throws IllegalArgumentException if {@code jobs} is negative, NaN or infinite
     */
    public Burst {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(jobClass, "jobClass");
      checkCount("jobs", jobs);
    }

    /**
     * A burst of the single-class traces' class, {@value TraceRow#DEFAULT_CLASS}.
     *
     * @param at when the jobs are enqueued
     * @param jobs how many (finite, {@code >= 0})
     * @return the burst
     * @throws IllegalArgumentException if {@code jobs} is negative, NaN or infinite
     */
    public static Burst of(Instant at, double jobs) {
      return new Burst(at, TraceRow.DEFAULT_CLASS, jobs);
    }
  }

  /**
   * {@code background} with bursts added at their instants: rows merged in time order, a burst
   * coming before a background row that starts at the same instant. The bursts are sorted here
   * (copied); the trace is named {@code <background's name>+bursts}.
   *
   * @param background the load the bursts are added to
   * @param bursts the bursts, in any order
   * @return the merged trace
   * @throws NullPointerException if {@code background} or {@code bursts} is null
   */
  public static Trace withBursts(Trace background, List<Burst> bursts) {
    Objects.requireNonNull(background, "background");
    List<Burst> sorted = new ArrayList<>(bursts);
    sorted.sort(Comparator.comparing(Burst::at));
    return new Trace() {
      @Override
      public String name() {
        return background.name() + "+bursts";
      }

      @Override
      public TraceReader open() {
        TraceReader in = background.open();
        return new TraceReader() {
          TraceRow pending = in.next();
          int next;
          long line;

          @Override
          public TraceRow next() {
            line++;
            if (next < sorted.size() && (pending == null || !sorted.get(next).at().isAfter(pending.start()))) {
              Burst b = sorted.get(next++);
              return new TraceRow(b.at(), 0, b.jobClass(), b.jobs(), Double.NaN, line);
            }
            TraceRow r = pending;
            if (r != null) {
              pending = in.next();
            }
            return r;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }

  /**
   * Builds {@link #weekly()}. The expected count of the interval starting at {@code t} is
   * {@code meanPerStep × (1 + dailyAmplitude·cos(2π(h − peakHourUtc)/24)) × (weekend ? weekendFactor : 1)},
   * where {@code h} is {@code t}'s hour of the day in UTC (fractional) and weekend means Saturday or
   * Sunday in UTC; the count is that value, or a Poisson draw around it with {@link #poissonNoise}.
   * Defaults: name {@code weekly}, class {@value TraceRow#DEFAULT_CLASS}, start
   * 2026-01-05T00:00:00Z (a Monday), 14 days in 1 minute steps, 100 jobs per step, amplitude 0.6,
   * peak at 20:00 UTC, weekend factor 0.6, Poisson noise on, seed 1. Not thread-safe.
   */
  public static final class WeeklyBuilder {
    private String name = "weekly";
    private String jobClass = TraceRow.DEFAULT_CLASS;
    private Instant start = Instant.parse("2026-01-05T00:00:00Z");
    private Duration duration = Duration.ofDays(14);
    private Duration step = Duration.ofMinutes(1);
    private double meanPerStep = 100;
    private double dailyAmplitude = 0.6;
    private double peakHourUtc = 20;
    private double weekendFactor = 0.6;
    private boolean poissonNoise = true;
    private long seed = 1;

    private WeeklyBuilder() {}

    /**
     * Sets the trace's name (default {@code weekly}).
     *
     * @param v the name
     * @return this builder
     * @throws NullPointerException if {@code v} is null
     */
    public WeeklyBuilder name(String v) {
      this.name = Objects.requireNonNull(v, "name");
      return this;
    }

    /**
     * Sets the job class of every row (default {@value TraceRow#DEFAULT_CLASS}).
     *
     * @param v the class name
     * @return this builder
     * @throws NullPointerException if {@code v} is null
     */
    public WeeklyBuilder jobClass(String v) {
      this.jobClass = Objects.requireNonNull(v, "jobClass");
      return this;
    }

    /**
     * Sets the first interval's start (default 2026-01-05T00:00:00Z, a Monday).
     *
     * @param v the start
     * @return this builder
     * @throws NullPointerException if {@code v} is null
     */
    public WeeklyBuilder start(Instant v) {
      this.start = Objects.requireNonNull(v, "start");
      return this;
    }

    /**
     * Sets how long the trace lasts (default 14 days); it has {@code ceil(duration / step)} rows.
     *
     * @param v the duration ({@code > 0})
     * @return this builder
     * @throws NullPointerException if {@code v} is null
     * @throws IllegalArgumentException if {@code v} is zero or negative
     */
    public WeeklyBuilder duration(Duration v) {
      this.duration = positive("duration", v);
      return this;
    }

    /**
     * Sets each interval's length (default 1 minute).
     *
     * @param v the step ({@code > 0})
     * @return this builder
     * @throws NullPointerException if {@code v} is null
     * @throws IllegalArgumentException if {@code v} is zero or negative
     */
    public WeeklyBuilder step(Duration v) {
      this.step = positive("step", v);
      return this;
    }

    /**
     * Sets the mean jobs per step on a weekday, before the daily shape (default 100).
     *
     * @param v jobs per step (finite, {@code >= 0})
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is negative, NaN or infinite
     */
    public WeeklyBuilder meanPerStep(double v) {
      checkCount("meanPerStep", v);
      this.meanPerStep = v;
      return this;
    }

    /**
     * Sets the daily swing as a fraction of the mean (default 0.6): the peak is
     * {@code mean × (1 + v)}, the trough 12 hours later {@code mean × (1 − v)}.
     *
     * @param v the amplitude, in [0, 1]
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 1]
     */
    public WeeklyBuilder dailyAmplitude(double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("dailyAmplitude must be in [0, 1], but was " + v);
      }
      this.dailyAmplitude = v;
      return this;
    }

    /**
     * Sets the hour of the daily peak, UTC (default 20).
     *
     * @param v the hour, in [0, 24) (fractions allowed: 20.5 is 20:30)
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is outside [0, 24)
     */
    public WeeklyBuilder peakHourUtc(double v) {
      if (!(v >= 0 && v < 24)) {
        throw new IllegalArgumentException("peakHourUtc must be in [0, 24), but was " + v);
      }
      this.peakHourUtc = v;
      return this;
    }

    /**
     * Sets the factor applied on Saturdays and Sundays, UTC (default 0.6; above 1 makes weekends
     * busier).
     *
     * @param v the factor (finite, {@code >= 0})
     * @return this builder
     * @throws IllegalArgumentException if {@code v} is negative, NaN or infinite
     */
    public WeeklyBuilder weekendFactor(double v) {
      checkCount("weekendFactor", v);
      this.weekendFactor = v;
      return this;
    }

    /**
     * Chooses Poisson counts around the shape (true, the default) or the expected count itself
     * (false: a smooth, possibly fractional count).
     *
     * @param v whether to draw Poisson counts
     * @return this builder
     */
    public WeeklyBuilder poissonNoise(boolean v) {
      this.poissonNoise = v;
      return this;
    }

    /**
     * Sets the seed of the Poisson noise (default 1).
     *
     * @param v the seed
     * @return this builder
     */
    public WeeklyBuilder seed(long v) {
      this.seed = v;
      return this;
    }

    /**
     * Builds the trace from the current settings (later changes to this builder do not affect it).
     *
     * @return the weekly trace
     */
    public Trace build() {
      double mean = meanPerStep;
      double amp = dailyAmplitude;
      double peak = peakHourUtc;
      double weekend = weekendFactor;
      boolean noise = poissonNoise;
      return generated(name, start, duration, step, jobClass, (t, rnd) -> {
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        double h = z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
        double shape = 1 + amp * Math.cos(2 * Math.PI * (h - peak) / 24);
        int dow = z.getDayOfWeek().getValue();
        double expected = mean * shape * (dow >= 6 ? weekend : 1);
        return noise ? poisson(rnd, expected) : expected;
      }, seed);
    }
  }

  /** Count of the interval starting at t. */
  @FunctionalInterface
  private interface CountFn {
    double count(Instant t, SplittableRandom rnd);
  }

  private static Trace generated(String name, Instant start, Duration duration, Duration step, String jobClass,
      CountFn fn, long seed) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(start, "start");
    positive("duration", duration);
    positive("step", step);
    double stepSeconds = seconds(step);
    long steps = (long) Math.ceil(seconds(duration) / stepSeconds - 1e-9);
    return new Trace() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TraceReader open() {
        SplittableRandom rnd = new SplittableRandom(seed);
        return new TraceReader() {
          long i;

          @Override
          public TraceRow next() {
            if (i >= steps) {
              return null;
            }
            Instant t = start.plus(step.multipliedBy(i));
            i++;
            return new TraceRow(t, stepSeconds, jobClass, fn.count(t, rnd), Double.NaN, i);
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  /** Poisson by counting unit-rate exponential gaps (exact; linear in the mean, which the simulator pays anyway). */
  static double poisson(SplittableRandom rnd, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 1e6) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * rnd.nextGaussian()));
    }
    long k = 0;
    double sum = -Math.log(1 - rnd.nextDouble());
    while (sum < mean) {
      k++;
      sum += -Math.log(1 - rnd.nextDouble());
    }
    return k;
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, but was " + d);
    }
    return d;
  }

  private static void checkCount(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, but was " + v);
    }
  }
}
