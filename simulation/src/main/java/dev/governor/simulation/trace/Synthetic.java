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
 * are computed while they are read; nothing is held in memory.
 */
public final class Synthetic {
  private Synthetic() {}

  /** {@code countPerStep} jobs in every interval (fractions resolved by the simulator's seeded rounding). */
  public static Trace constant(String name, Instant start, Duration duration, Duration step, double countPerStep) {
    checkCount("countPerStep", countPerStep);
    return generated(name, start, duration, step, TraceRow.DEFAULT_CLASS, (t, rnd) -> countPerStep, 0);
  }

  /**
   * A Poisson process of {@code ratePerSecond}: each interval's count is Poisson with mean
   * {@code rate × step}, and the simulator spreads it uniformly, which is exactly a Poisson process.
   */
  public static Trace poisson(String name, Instant start, Duration duration, Duration step, double ratePerSecond,
      long seed) {
    checkCount("ratePerSecond", ratePerSecond);
    double mean = ratePerSecond * seconds(step);
    return generated(name, start, duration, step, TraceRow.DEFAULT_CLASS, (t, rnd) -> poisson(rnd, mean), seed);
  }

  /** A builder for a weekly seasonal load: a daily peak, quieter weekends, optional Poisson noise. */
  public static WeeklyBuilder weekly() {
    return new WeeklyBuilder();
  }

  /** A burst: {@code jobs} jobs of {@code jobClass} enqueued at the same instant {@code at}. */
  public record Burst(Instant at, String jobClass, double jobs) {
    public Burst {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(jobClass, "jobClass");
      checkCount("jobs", jobs);
    }

    public static Burst of(Instant at, double jobs) {
      return new Burst(at, TraceRow.DEFAULT_CLASS, jobs);
    }
  }

  /** {@code background} with bursts added at their instants (rows merged in time order). */
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

  /** Builds {@link #weekly()}. Rate at time t: {@code mean × (1 + dailyAmplitude·cos(2π(h − peakHour)/24)) × (weekend ? weekendFactor : 1)}. */
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

    public WeeklyBuilder name(String v) {
      this.name = Objects.requireNonNull(v, "name");
      return this;
    }

    public WeeklyBuilder jobClass(String v) {
      this.jobClass = Objects.requireNonNull(v, "jobClass");
      return this;
    }

    public WeeklyBuilder start(Instant v) {
      this.start = Objects.requireNonNull(v, "start");
      return this;
    }

    public WeeklyBuilder duration(Duration v) {
      this.duration = positive("duration", v);
      return this;
    }

    public WeeklyBuilder step(Duration v) {
      this.step = positive("step", v);
      return this;
    }

    /** Mean jobs per step on a weekday, before the daily shape. */
    public WeeklyBuilder meanPerStep(double v) {
      checkCount("meanPerStep", v);
      this.meanPerStep = v;
      return this;
    }

    public WeeklyBuilder dailyAmplitude(double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException("dailyAmplitude must be in [0, 1], but was " + v);
      }
      this.dailyAmplitude = v;
      return this;
    }

    public WeeklyBuilder peakHourUtc(double v) {
      if (!(v >= 0 && v < 24)) {
        throw new IllegalArgumentException("peakHourUtc must be in [0, 24), but was " + v);
      }
      this.peakHourUtc = v;
      return this;
    }

    public WeeklyBuilder weekendFactor(double v) {
      checkCount("weekendFactor", v);
      this.weekendFactor = v;
      return this;
    }

    /** Poisson counts around the shape (default) or the expected count itself. */
    public WeeklyBuilder poissonNoise(boolean v) {
      this.poissonNoise = v;
      return this;
    }

    public WeeklyBuilder seed(long v) {
      this.seed = v;
      return this;
    }

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
