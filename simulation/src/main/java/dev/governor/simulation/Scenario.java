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
 */
public final class Scenario {
  public static final double DEFAULT_SCALE = 1.0;
  public static final Duration DEFAULT_SERVICE_TIME = Duration.ofSeconds(30);
  public static final double DEFAULT_SERVICE_CV = 1.0;
  public static final int DEFAULT_SLOTS = 4;
  public static final Duration DEFAULT_BOOT = Duration.ofSeconds(120);
  public static final double DEFAULT_BOOT_CV = 0.25;
  public static final Duration DEFAULT_SIGNAL_LAG = Duration.ofSeconds(60);
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(300);
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(60);
  public static final double DEFAULT_PRICE = 0.10;
  public static final int DEFAULT_MIN = 1;
  public static final int DEFAULT_MAX = 1000;
  public static final long DEFAULT_SEED = 1;
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

  /** The standard scenario (the CLI defaults). */
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

  /** Multiplies every count of the trace; fractions are resolved by seeded random rounding (the expected total is exact). */
  public Scenario withScale(double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("scale must be > 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.scale = v;
    return s;
  }

  public Scenario withServiceTime(Duration v) {
    Scenario s = copy();
    s.serviceTime = positive("serviceTime", v);
    return s;
  }

  public Scenario withServiceCv(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("serviceCv must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.serviceCv = v;
    return s;
  }

  public Scenario withServiceDistribution(ServiceDistribution v) {
    Scenario s = copy();
    s.serviceDistribution = Objects.requireNonNull(v, "serviceDistribution");
    return s;
  }

  public Scenario withSlots(int v) {
    if (v < 1 || v > 4096) {
      throw new IllegalArgumentException("slots must be in [1, 4096], but was " + v);
    }
    Scenario s = copy();
    s.slots = v;
    return s;
  }

  /** Mean boot delay (launch to RUNNING); billed. */
  public Scenario withBoot(Duration v) {
    Objects.requireNonNull(v, "boot");
    if (v.isNegative()) {
      throw new IllegalArgumentException("boot must be >= 0, but was " + v);
    }
    Scenario s = copy();
    s.boot = v;
    return s;
  }

  public Scenario withBootCv(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("bootCv must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.bootCv = v;
    return s;
  }

  public Scenario withDispatch(Dispatch v) {
    Scenario s = copy();
    s.dispatch = Objects.requireNonNull(v, "dispatch");
    return s;
  }

  /** How late arrival and completion counts reach the controller (CloudWatch-like); depths are always current. */
  public Scenario withSignalLag(Duration v) {
    Objects.requireNonNull(v, "signalLag");
    if (v.isNegative()) {
      throw new IllegalArgumentException("signalLag must be >= 0, but was " + v);
    }
    Scenario s = copy();
    s.signalLag = v;
    return s;
  }

  public Scenario withDeadline(Duration v) {
    Scenario s = copy();
    s.deadline = positive("deadline", v);
    return s;
  }

  /** The controller interval (>= 1 s). */
  public Scenario withTick(Duration v) {
    positive("tick", v);
    if (v.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("tick must be >= 1s, but was " + v);
    }
    Scenario s = copy();
    s.tick = v;
    return s;
  }

  public Scenario withBilling(BillingModel v) {
    Scenario s = copy();
    s.billing = Objects.requireNonNull(v, "billing");
    return s;
  }

  /** Price per instance-hour. */
  public Scenario withPrice(double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("price must be >= 0 and finite, but was " + v);
    }
    Scenario s = copy();
    s.price = v;
    return s;
  }

  /** Capacity bounds every policy runs within. */
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

  public Scenario withSeed(long v) {
    Scenario s = copy();
    s.seed = v;
    return s;
  }

  /** Replays only the trace rows starting in {@code [from, until)}; either may be null (open). */
  public Scenario withWindow(Instant from, Instant until) {
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException("until must be after from (" + from + "), but was " + until);
    }
    Scenario s = copy();
    s.from = from;
    s.until = until;
    return s;
  }

  public Scenario withFaults(Faults v) {
    Scenario s = copy();
    s.faults = Objects.requireNonNull(v, "faults");
    return s;
  }

  /**
   * RUNNING instances at the start of the replay; negative (the default) means the demand of the
   * first interval, within the bounds, the same for every policy.
   */
  public Scenario withInitialInstances(int v) {
    Scenario s = copy();
    s.initialInstances = v;
    return s;
  }

  /**
   * The most jobs that may wait at once: beyond it the fleet evidently cannot keep up, and the
   * replay stops and is reported as overloaded, with its numbers up to that point.
   */
  public Scenario withMaxQueued(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("maxQueued must be >= 1, but was " + n);
    }
    Scenario s = copy();
    s.maxQueued = n;
    return s;
  }

  public int maxQueued() {
    return maxQueued;
  }

  /** Overrides the service time, cv, deadline or priority of one class. */
  public Scenario withClass(JobClassSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Map<String, JobClassSpec> m = new LinkedHashMap<>(classes);
    m.put(spec.name(), spec);
    Scenario s = copy();
    s.classes = java.util.Collections.unmodifiableMap(m); // keeps the order classes were added in
    return s;
  }

  /** The spec of a class: its override, or the scenario's defaults. */
  public JobClassSpec classSpec(String name) {
    JobClassSpec c = classes.get(name);
    return c != null ? c : new JobClassSpec(name, serviceTime, serviceCv, deadline, 0);
  }

  /** What the controller launches: slots, price, billing and the mean boot time as its lead. */
  public InstanceType instanceType() {
    return new InstanceType(INSTANCE_TYPE, slots, price, billing, boot);
  }

  public double scale() {
    return scale;
  }

  public Duration serviceTime() {
    return serviceTime;
  }

  public double serviceCv() {
    return serviceCv;
  }

  public ServiceDistribution serviceDistribution() {
    return serviceDistribution;
  }

  public int slots() {
    return slots;
  }

  public Duration boot() {
    return boot;
  }

  public double bootCv() {
    return bootCv;
  }

  public Dispatch dispatch() {
    return dispatch;
  }

  public Duration signalLag() {
    return signalLag;
  }

  public Duration deadline() {
    return deadline;
  }

  public Duration tick() {
    return tick;
  }

  public BillingModel billing() {
    return billing;
  }

  public double price() {
    return price;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public long seed() {
    return seed;
  }

  public Instant from() {
    return from;
  }

  public Instant until() {
    return until;
  }

  public Faults faults() {
    return faults;
  }

  public int initialInstances() {
    return initialInstances;
  }

  public Map<String, JobClassSpec> classOverrides() {
    return classes;
  }

  /** Natural target backlog per instance of the baselines: deadline ÷ service time × slots. */
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
