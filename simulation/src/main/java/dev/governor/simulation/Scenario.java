package dev.governor.simulation;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything about a replay but the trace and the policy: job classes, the instance type, boot,
 * billing, the controller interval, signal lag, faults and the seed. Immutable; every
 * {@code withX} validates at once and returns a copy. {@link #standard()} is the "standard
 * scenario", the defaults of the CLI:
 *
 * <pre>
 * scale 1, service time 30 s (lognormal, cv 1.0), deadline 300 s, 4 slots per instance,
 * boot 120 s (lognormal, cv 0.25), dispatch random, signal lag 60 s, tick 60 s,
 * billing per-second (60 s minimum), price 0.10 per instance-hour, min 1, max 1000 instances,
 * seed 1, no faults, the whole trace.
 * </pre>
 *
 * Every class of the trace gets the scenario's service time, cv and deadline unless a
 * {@link JobClassSpec} for it is added with {@link #withClass}.
 *
 * <p>Every {@code withX} throws {@link IllegalArgumentException} naming the field, its rule and the
 * rejected value, and {@link NullPointerException} for a null object argument unless it says null is
 * allowed; the scenario it is called on never changes. A scenario is effectively immutable (its
 * fields are not final): share it between threads after a safe publication, such as handing it to
 * an executor.
 */
public final class Scenario {
  /** Default {@link #withScale scale}: the trace's counts as recorded. */
  public static final double DEFAULT_SCALE = 1.0;
  /** Default mean {@link #withServiceTime service time} of a job: 30 s. */
  public static final Duration DEFAULT_SERVICE_TIME = Duration.ofSeconds(30);
  /** Default {@link #withServiceCv coefficient of variation} of the service time: 1.0. */
  public static final double DEFAULT_SERVICE_CV = 1.0;
  /** Default {@link #withSlots slots} per instance (jobs it runs at once): 4. */
  public static final int DEFAULT_SLOTS = 4;
  /** Default mean {@link #withBoot boot delay}, launch to RUNNING: 120 s. */
  public static final Duration DEFAULT_BOOT = Duration.ofSeconds(120);
  /** Default {@link #withBootCv coefficient of variation} of the boot delay: 0.25. */
  public static final double DEFAULT_BOOT_CV = 0.25;
  /** Default {@link #withSignalLag signal lag} of arrival and completion counts: 60 s. */
  public static final Duration DEFAULT_SIGNAL_LAG = Duration.ofSeconds(60);
  /** Default {@link #withDeadline deadline}, the queue-wait objective of a job: 300 s. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(300);
  /** Default controller interval ({@link #withTick tick}): 60 s. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(60);
  /** Default {@link #withPrice price} per instance-hour: 0.10. */
  public static final double DEFAULT_PRICE = 0.10;
  /** Default fewest instances ({@link #withBounds min}): 1. */
  public static final int DEFAULT_MIN = 1;
  /** Default most instances ({@link #withBounds max}): 1000. */
  public static final int DEFAULT_MAX = 1000;
  /** Default {@link #withSeed seed} of every random stream: 1. */
  public static final long DEFAULT_SEED = 1;
  /** The name of the one instance type the simulated fleet launches ({@link #instanceType}). */
  public static final String INSTANCE_TYPE = "sim.worker";
  /** Waiting jobs a replay holds at most (16 bytes each) before it stops and is reported as overloaded. */
  public static final int DEFAULT_MAX_QUEUED = 8_000_000;

  private double scale = DEFAULT_SCALE;
  private Duration serviceTime = DEFAULT_SERVICE_TIME;
  private double serviceCv = DEFAULT_SERVICE_CV;
  private ServiceDistribution serviceDistribution = ServiceDistribution.LOGNORMAL;
  private int slots = DEFAULT_SLOTS;
  private Duration boot = DEFAULT_BOOT;
  private double bootCv = DEFAULT_BOOT_CV;
  private Dispatch dispatch = Dispatch.RANDOM;
  private Duration signalLag = DEFAULT_SIGNAL_LAG;
  private Duration deadline = DEFAULT_DEADLINE;
  private Duration tick = DEFAULT_TICK;
  private BillingModel billing = BillingModel.PER_SECOND;
  private double price = DEFAULT_PRICE;
  private int min = DEFAULT_MIN;
  private int max = DEFAULT_MAX;
  private long seed = DEFAULT_SEED;
  private Instant from;
  private Instant until;
  private Faults faults = Faults.none();
  private int initialInstances = -1;
  private int maxQueued = DEFAULT_MAX_QUEUED;
  private Map<String, JobClassSpec> classes = Map.of();

  private Scenario() {}

  /**
   * The standard scenario: the CLI's defaults, listed in the type comment ({@code DEFAULT_*}).
   *
   * @return a new scenario of every default, no job class override, no fault and no window
   */
  public static Scenario standard() {
    return new Scenario();
  }

  private Scenario copy() {
    Scenario s = new Scenario();
    s.scale = scale;
    s.serviceTime = serviceTime;
    s.serviceCv = serviceCv;
    s.serviceDistribution = serviceDistribution;
    s.slots = slots;
    s.boot = boot;
    s.bootCv = bootCv;
    s.dispatch = dispatch;
    s.signalLag = signalLag;
    s.deadline = deadline;
    s.tick = tick;
    s.billing = billing;
    s.price = price;
    s.min = min;
    s.max = max;
    s.seed = seed;
    s.from = from;
    s.until = until;
    s.faults = faults;
    s.initialInstances = initialInstances;
    s.maxQueued = maxQueued;
    s.classes = classes;
    return s;
  }

  /**
   * Multiplies every count of the trace (and of the warm-up history before the window); fractions
   * are resolved by seeded random rounding (the expected total is exact): a row of count c yields
   * {@code floor(c × v)} jobs, plus one with probability equal to the fraction.
   *
   * @param v the factor (&gt; 0 and finite; default {@link #DEFAULT_SCALE})
   * @return a copy with scale {@code v}
   * @throws IllegalArgumentException if {@code v} is not above 0, NaN or infinite
   */
  public Scenario withScale(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("scale must be > 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.scale = v;
    return s;
  }

  /**
   * The mean service time of a job of every class without its own {@link JobClassSpec}; jobs whose
   * trace row records a service time keep theirs. Also the service time of
   * {@link #targetBacklogPerInstance}.
   *
   * @param v mean service time (&gt; 0; default {@link #DEFAULT_SERVICE_TIME})
   * @return a copy with service time {@code v}
   * @throws IllegalArgumentException if {@code v} is zero or negative
   */
  public Scenario withServiceTime(Duration v) {
    Scenario s = copy();
    s.serviceTime = positive("serviceTime", v);
    return s;
  }

  /**
   * The coefficient of variation (standard deviation ÷ mean) of the drawn lognormal service times of
   * every class without its own {@link JobClassSpec}. Ignored when the distribution is
   * {@link ServiceDistribution#EXPONENTIAL}.
   *
   * @param v the cv (&gt;= 0 and finite; 0: every job takes exactly the mean; default
   *     {@link #DEFAULT_SERVICE_CV})
   * @return a copy with service cv {@code v}
   * @throws IllegalArgumentException if {@code v} is negative, NaN or infinite
   */
  public Scenario withServiceCv(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("serviceCv must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.serviceCv = v;
    return s;
  }

  /**
   * The distribution drawn service times follow, for every class (the classes' cvs apply to
   * {@link ServiceDistribution#LOGNORMAL} only).
   *
   * @param v the distribution (default {@link ServiceDistribution#LOGNORMAL})
   * @return a copy with that distribution
   */
  public Scenario withServiceDistribution(ServiceDistribution v) {
    Scenario s = copy();
    s.serviceDistribution = Objects.requireNonNull(v, "serviceDistribution");
    return s;
  }

  /**
   * Worker slots per instance: how many jobs one instance runs at once.
   *
   * @param v slots (1 to 4096; default {@link #DEFAULT_SLOTS})
   * @return a copy with {@code v} slots per instance
   * @throws IllegalArgumentException if {@code v} is outside [1, 4096]
   */
  public Scenario withSlots(int v) {
    if (v < 1 || v > 4096) {
      throw new IllegalArgumentException("slots must be in [1, 4096], but was " + v);
    }
    Scenario s = copy();
    s.slots = v;
    return s;
  }

  /**
   * Mean boot delay (launch to RUNNING), during which the instance is billed but takes no job. Each
   * instance draws its delay from a lognormal of this mean and {@link #withBootCv bootCv}; the
   * controller is told the mean as the instance type's lead time.
   *
   * @param v mean boot delay (&gt;= 0; zero: instances run at once; default {@link #DEFAULT_BOOT})
   * @return a copy with boot {@code v}
   * @throws IllegalArgumentException if {@code v} is negative
   */
  public Scenario withBoot(Duration v) {
    Objects.requireNonNull(v, "boot");
    if (v.isNegative()) {
      throw new IllegalArgumentException("boot must be >= 0, but was " + v);
    }
    Scenario s = copy();
    s.boot = v;
    return s;
  }

  /**
   * The coefficient of variation of the (always lognormal) boot delay.
   *
   * @param v the cv (&gt;= 0 and finite; 0: every boot takes exactly the mean; default
   *     {@link #DEFAULT_BOOT_CV})
   * @return a copy with boot cv {@code v}
   * @throws IllegalArgumentException if {@code v} is negative, NaN or infinite
   */
  public Scenario withBootCv(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("bootCv must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.bootCv = v;
    return s;
  }

  /**
   * How a waiting job finds a free slot.
   *
   * @param v the dispatch mode (default {@link Dispatch#RANDOM})
   * @return a copy with that dispatch mode
   */
  public Scenario withDispatch(Dispatch v) {
    Scenario s = copy();
    s.dispatch = Objects.requireNonNull(v, "dispatch");
    return s;
  }

  /**
   * How late arrival and completion counts reach the controller (CloudWatch-like); depths are
   * always current.
   *
   * @param v the lag (&gt;= 0; zero: counts are current; default {@link #DEFAULT_SIGNAL_LAG})
   * @return a copy with signal lag {@code v}
   * @throws IllegalArgumentException if {@code v} is negative
   */
  public Scenario withSignalLag(Duration v) {
    Objects.requireNonNull(v, "signalLag");
    if (v.isNegative()) {
      throw new IllegalArgumentException("signalLag must be >= 0, but was " + v);
    }
    Scenario s = copy();
    s.signalLag = v;
    return s;
  }

  /**
   * The queue-wait objective of every class without its own {@link JobClassSpec}: a job meets the
   * SLO if it waits at most this long before its service starts. Also the deadline of
   * {@link #targetBacklogPerInstance}.
   *
   * @param v the deadline (&gt; 0; default {@link #DEFAULT_DEADLINE})
   * @return a copy with deadline {@code v}
   * @throws IllegalArgumentException if {@code v} is zero or negative
   */
  public Scenario withDeadline(Duration v) {
    Scenario s = copy();
    s.deadline = positive("deadline", v);
    return s;
  }

  /**
   * The controller interval: the controller decides once a tick, and the replay's time series,
   * demand and metrics are binned by it.
   *
   * @param v the interval (&gt;= 1 s; default {@link #DEFAULT_TICK})
   * @return a copy with tick {@code v}
   * @throws IllegalArgumentException if {@code v} is shorter than 1 s
   */
  public Scenario withTick(Duration v) {
    positive("tick", v);
    if (v.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("tick must be >= 1s, but was " + v);
    }
    Scenario s = copy();
    s.tick = v;
    return s;
  }

  /**
   * How instances are billed, from launch (boot is paid).
   *
   * @param v the billing model (default {@link BillingModel#PER_SECOND}: per second, 60 s minimum)
   * @return a copy with that billing model
   */
  public Scenario withBilling(BillingModel v) {
    Scenario s = copy();
    s.billing = Objects.requireNonNull(v, "billing");
    return s;
  }

  /**
   * Price per instance-hour, in the report's currency; cost is billed instance-hours × price.
   *
   * @param v the price (&gt;= 0 and finite; default {@link #DEFAULT_PRICE})
   * @return a copy with price {@code v}
   * @throws IllegalArgumentException if {@code v} is negative, NaN or infinite
   */
  public Scenario withPrice(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("price must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.price = v;
    return s;
  }

  /**
   * Capacity bounds every policy runs within: its guards keep the fleet in
   * {@code [minInstances, maxInstances]}, and the initial fleet is clamped to them.
   *
   * @param minInstances fewest instances (&gt;= 0; default {@link #DEFAULT_MIN})
   * @param maxInstances most instances (&gt;= {@code max(1, minInstances)}; default {@link #DEFAULT_MAX})
   * @return a copy with those bounds
   * @throws IllegalArgumentException if {@code minInstances < 0} or
   *     {@code maxInstances < max(1, minInstances)}
   */
  public Scenario withBounds(int minInstances, int maxInstances) {
    if (minInstances < 0) {
      throw new IllegalArgumentException("min must be >= 0, but was " + minInstances);
    }
    if (maxInstances < Math.max(1, minInstances)) {
      throw new IllegalArgumentException("max must be >= max(1, min) (" + Math.max(1, minInstances) + "), but was " + maxInstances);
    }
    Scenario s = copy();
    s.min = minInstances;
    s.max = maxInstances;
    return s;
  }

  /**
   * The seed of every random stream of the replay (arrivals, service and boot draws, dispatch,
   * faults): the same seed replays the same jobs for every policy.
   *
   * @param v any seed (default {@link #DEFAULT_SEED})
   * @return a copy with seed {@code v}
   */
  public Scenario withSeed(long v) {
    Scenario s = copy();
    s.seed = v;
    return s;
  }

  /**
   * Replays only the trace rows starting in {@code [from, until)}; the rows before {@code from}
   * warm the predictors. Default: the whole trace (both null).
   *
   * @param from first instant replayed, inclusive; null: the trace's start
   * @param until end of the replay, exclusive; null: the trace's end
   * @return a copy with that window
   * @throws IllegalArgumentException if both are given and {@code until} is not after {@code from}
   */
  public Scenario withWindow(Instant from, Instant until) {
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException("until must be after from (" + from + "), but was " + until);
    }
    Scenario s = copy();
    s.from = from;
    s.until = until;
    return s;
  }

  /**
   * The faults of the world below the controller during the replay; replaces any set before
   * (combine with {@link Faults#and}).
   *
   * @param v the faults (default {@link Faults#none()})
   * @return a copy with those faults
   */
  public Scenario withFaults(Faults v) {
    Scenario s = copy();
    s.faults = Objects.requireNonNull(v, "faults");
    return s;
  }

  /**
   * RUNNING instances at the start of the replay; negative (the default) means the demand of the
   * first interval, within the bounds, the same for every policy. Not validated: any value is
   * clamped to {@code [min, max]} when the replay starts, and a policy whose setup names its own
   * initial size (e.g. {@code static}) starts at that instead.
   *
   * @param v instances at the start, or negative (default -1) for the first interval's demand
   * @return a copy with that initial fleet
   */
  public Scenario withInitialInstances(int v) {
    Scenario s = copy();
    s.initialInstances = v;
    return s;
  }

  /**
   * The most jobs that may wait at once: beyond it the fleet evidently cannot keep up, and the
   * replay stops and is reported as overloaded, with its numbers up to that point.
   *
   * @param n waiting jobs (&gt;= 1; default {@link #DEFAULT_MAX_QUEUED}, about 16 bytes each)
   * @return a copy with that limit
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public Scenario withMaxQueued(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxQueued must be >= 1, but was " + n);
    }
    Scenario s = copy();
    s.maxQueued = n;
    return s;
  }

  /**
   * The most jobs that may wait at once before the replay stops as overloaded.
   *
   * @return the limit set by {@link #withMaxQueued} (default {@link #DEFAULT_MAX_QUEUED})
   */
  public int maxQueued() {
    return maxQueued;
  }

  /**
   * Overrides the service time, cv, deadline, priority and in-service limit of one class. A later
   * spec of the same name replaces the earlier one, in its place; a declared class the trace does
   * not have still gets a report row (of no jobs).
   *
   * @param spec the class, by its trace name
   * @return a copy with that override
   */
  public Scenario withClass(JobClassSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Map<String, JobClassSpec> m = new LinkedHashMap<>(classes);
    m.put(spec.name(), spec);
    Scenario s = copy();
    s.classes = java.util.Collections.unmodifiableMap(m); // keeps the order classes were added in
    return s;
  }

  /**
   * The spec of a class: its override, or the scenario's defaults.
   *
   * @param name the class name in the trace
   * @return the {@link #withClass} override of that name, else a spec of the scenario's service
   *     time, service cv and deadline, priority 0 and no in-service limit
   */
  public JobClassSpec classSpec(String name) {
    JobClassSpec c = classes.get(name);
    return c != null ? c : new JobClassSpec(name, serviceTime, serviceCv, deadline, 0);
  }

  /**
   * What the controller launches.
   *
   * @return the instance type {@link #INSTANCE_TYPE} with this scenario's slots, price per
   *     instance-hour, billing and the mean boot time as its lead time
   */
  public InstanceType instanceType() {
    return new InstanceType(INSTANCE_TYPE, slots, price, billing, boot);
  }

  /**
   * The factor every trace count is multiplied by.
   *
   * @return the scale (&gt; 0; default {@link #DEFAULT_SCALE})
   */
  public double scale() {
    return scale;
  }

  /**
   * The mean service time of classes without an override.
   *
   * @return the default mean service time (default {@link #DEFAULT_SERVICE_TIME})
   */
  public Duration serviceTime() {
    return serviceTime;
  }

  /**
   * The service-time coefficient of variation of classes without an override.
   *
   * @return the cv (&gt;= 0; default {@link #DEFAULT_SERVICE_CV})
   */
  public double serviceCv() {
    return serviceCv;
  }

  /**
   * The distribution drawn service times follow.
   *
   * @return the distribution (default {@link ServiceDistribution#LOGNORMAL})
   */
  public ServiceDistribution serviceDistribution() {
    return serviceDistribution;
  }

  /**
   * Worker slots per instance.
   *
   * @return jobs one instance runs at once, in [1, 4096] (default {@link #DEFAULT_SLOTS})
   */
  public int slots() {
    return slots;
  }

  /**
   * The mean boot delay, launch to RUNNING.
   *
   * @return the mean boot delay (&gt;= 0; default {@link #DEFAULT_BOOT})
   */
  public Duration boot() {
    return boot;
  }

  /**
   * The coefficient of variation of the lognormal boot delay.
   *
   * @return the cv (&gt;= 0; default {@link #DEFAULT_BOOT_CV})
   */
  public double bootCv() {
    return bootCv;
  }

  /**
   * How a waiting job finds a free slot.
   *
   * @return the dispatch mode (default {@link Dispatch#RANDOM})
   */
  public Dispatch dispatch() {
    return dispatch;
  }

  /**
   * How late arrival and completion counts reach the controller.
   *
   * @return the lag (&gt;= 0; default {@link #DEFAULT_SIGNAL_LAG})
   */
  public Duration signalLag() {
    return signalLag;
  }

  /**
   * The queue-wait objective of classes without an override.
   *
   * @return the default deadline (default {@link #DEFAULT_DEADLINE})
   */
  public Duration deadline() {
    return deadline;
  }

  /**
   * The controller interval.
   *
   * @return the tick (&gt;= 1 s; default {@link #DEFAULT_TICK})
   */
  public Duration tick() {
    return tick;
  }

  /**
   * How instances are billed.
   *
   * @return the billing model (default {@link BillingModel#PER_SECOND})
   */
  public BillingModel billing() {
    return billing;
  }

  /**
   * The price per instance-hour.
   *
   * @return the price (&gt;= 0; default {@link #DEFAULT_PRICE})
   */
  public double price() {
    return price;
  }

  /**
   * The fewest instances a policy may run.
   *
   * @return the lower capacity bound (&gt;= 0; default {@link #DEFAULT_MIN})
   */
  public int min() {
    return min;
  }

  /**
   * The most instances a policy may run.
   *
   * @return the upper capacity bound (&gt;= {@code max(1, min)}; default {@link #DEFAULT_MAX})
   */
  public int max() {
    return max;
  }

  /**
   * The seed of every random stream of the replay.
   *
   * @return the seed (default {@link #DEFAULT_SEED})
   */
  public long seed() {
    return seed;
  }

  /**
   * The start of the replayed window.
   *
   * @return the first instant replayed (inclusive), or null for the trace's start
   */
  public Instant from() {
    return from;
  }

  /**
   * The end of the replayed window.
   *
   * @return the end of the replay (exclusive), or null for the trace's end
   */
  public Instant until() {
    return until;
  }

  /**
   * The faults of the replay.
   *
   * @return the faults (default {@link Faults#none()})
   */
  public Faults faults() {
    return faults;
  }

  /**
   * The RUNNING instances at the start, as set.
   *
   * @return the value of {@link #withInitialInstances}, before clamping; negative (default -1) for
   *     the first interval's demand
   */
  public int initialInstances() {
    return initialInstances;
  }

  /**
   * The classes added with {@link #withClass}.
   *
   * @return an unmodifiable map from class name to spec, in the order the classes were first
   *     added; empty by default
   */
  public Map<String, JobClassSpec> classOverrides() {
    return classes;
  }

  /**
   * Natural target backlog per instance of the baselines: the jobs one instance can start within
   * the deadline. Uses the scenario's default deadline and service time, not the class overrides.
   *
   * @return {@code B = deadline ÷ serviceTime × slots}, in jobs per instance
   */
  public double targetBacklogPerInstance() {
    return deadline.toNanos() / (double) serviceTime.toNanos() * slots;
  }

  private static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, but was " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return "Scenario[scale=" + scale + ", service=" + serviceTime.toSeconds() + "s cv " + serviceCv + " "
        + serviceDistribution.label() + ", slots=" + slots + ", boot=" + boot.toSeconds() + "s cv " + bootCv
        + ", dispatch=" + dispatch.label() + ", signalLag=" + signalLag.toSeconds() + "s, deadline="
        + deadline.toSeconds() + "s, tick=" + tick.toSeconds() + "s, billing=" + billing.name() + ", price=" + price
        + ", bounds=[" + min + ", " + max + "], seed=" + seed + ", window=[" + from + ", " + until + "), faults="
        + faults + ", classes=" + classes + "]";
  }
}
