package dev.governor.micrometer;

import dev.governor.TickListener;
import dev.governor.TickReport;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.fleet.JobClass;
import dev.governor.guard.GuardEffect;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Governor's metrics for Micrometer: a {@link MeterBinder} that is also the controller's
 * {@link TickListener}. Add it to the controller and bind it to your registry:
 *
 * <pre>{@code
 * GovernorMetrics metrics = GovernorMetrics.builder().jobClasses(classes).tags(Tags.of("pool", "uploads")).build();
 * Controller governor = Controller.builder()...jobClasses(classes).listener(metrics).build();
 * metrics.bindTo(registry);
 * scheduler.scheduleWithFixedDelay(metrics.timed(governor::tick), 0, 1, TimeUnit.MINUTES);
 * }</pre>
 *
 * <p>Meters (every one also carries the builder's {@linkplain Builder#tags tags}):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@code governor.instances}</td><td>gauge</td><td>{@code state}: running, pending, draining</td><td>instances in that state before the tick acted</td></tr>
 * <tr><td>{@code governor.instances.current}</td><td>gauge</td><td></td><td>running + pending (what the guards call current)</td></tr>
 * <tr><td>{@code governor.instances.desired}</td><td>gauge</td><td></td><td>desired capacity after the guards</td></tr>
 * <tr><td>{@code governor.decisions}</td><td>counter</td><td>{@code kind}: launch, terminate, sleep</td><td>ticks by the action they planned</td></tr>
 * <tr><td>{@code governor.instances.launched}, {@code .terminated}, {@code .drained}</td><td>counter</td><td></td><td>instances the actuator reported launched (or reactivated), terminated, drained</td></tr>
 * <tr><td>{@code governor.launch.failures}</td><td>counter</td><td></td><td>ticks whose launch failed outright or launched nothing new (what the launch back-off counts)</td></tr>
 * <tr><td>{@code governor.guard.vetoes}</td><td>counter</td><td>{@code guard}, {@code direction}: up, down</td><td>ticks in which a guard changed the policy's proposal, and which way</td></tr>
 * <tr><td>{@code governor.tick.errors}</td><td>counter</td><td>{@code stage}: fleet, signals, policy, actuator, other</td><td>failures that did not stop a tick</td></tr>
 * <tr><td>{@code governor.signals.stale}</td><td>gauge</td><td></td><td>required signals that were stale or missing in the last tick</td></tr>
 * <tr><td>{@code governor.tick.last}</td><td>gauge, seconds</td><td></td><td>the last tick's time, epoch seconds (alert when it stops moving)</td></tr>
 * <tr><td>{@code governor.tick.duration}</td><td>timer</td><td></td><td>how long {@link #timed(Runnable) timed} ticks took</td></tr>
 * <tr><td>{@code governor.queue.messages}</td><td>gauge</td><td>{@code class}, {@code state}: visible, inflight</td><td>queue depth the controller saw (NaN when it saw none)</td></tr>
 * <tr><td>{@code governor.queue.arrival.rate}</td><td>gauge, jobs/s</td><td>{@code class}</td><td>arrival rate the controller saw</td></tr>
 * <tr><td>{@code governor.jobs.service.time}</td><td>gauge, seconds</td><td>{@code class}</td><td>measured mean service time the controller saw</td></tr>
 * </table>
 *
 * <p>Tag values are bounded: {@code class} only ever holds the job classes given to the builder
 * (readings of other classes are not exported), {@code guard} the names of the guards in the
 * chain (at most {@value #MAX_GUARD_TAGS}; any further ones count as {@code other}), and the
 * other tags the fixed values above. Instance ids, error messages and tokens are never tags.
 *
 * <p>Thread-safe: the controller's thread writes, registries read. Counters count from the
 * binder's creation, so binding late (or to several registries) loses nothing.
 */
public final class GovernorMetrics implements MeterBinder, TickListener {
  /** The most distinct guard names exported as tag values; more are counted as {@code other}. */
  public static final int MAX_GUARD_TAGS = 32;
  /** The {@code stage} tag values of {@code governor.tick.errors}. */
  public static final List<String> ERROR_STAGES = List.of("fleet", "signals", "policy", "actuator", "other");

  private final List<String> classes;
  private final Tags tags;
  private final Clock clock;
  private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

  private volatile Last last = Last.NONE;
  private final Map<String, AtomicLong> decisions = new LinkedHashMap<>();
  private final Map<String, AtomicLong> errors = new LinkedHashMap<>();
  private final AtomicLong launched = new AtomicLong();
  private final AtomicLong terminated = new AtomicLong();
  private final AtomicLong drained = new AtomicLong();
  private final AtomicLong launchFailures = new AtomicLong();
  /** Key: guard name + '\n' + direction. */
  private final Map<String, AtomicLong> vetoes = new ConcurrentHashMap<>();
  /** Guard names exported so far (guarded by {@code vetoes}). */
  private final java.util.Set<String> guardNames = new java.util.HashSet<>();

  /** What the last tick saw, replaced whole once a tick so gauges read one consistent tick. */
  private record Last(int running, int pending, int draining, int desired, int stale, double at, double[] visible,
      double[] inflight, double[] arrivals, double[] service) {
    static final Last NONE = new Last(0, 0, 0, 0, 0, Double.NaN, new double[0], new double[0], new double[0],
        new double[0]);

    double get(double[] a, int i) {
      return i < a.length ? a[i] : Double.NaN;
    }
  }

  private GovernorMetrics(Builder b) {
    this.classes = List.copyOf(b.classes);
    this.tags = b.tags;
    this.clock = b.clock;
    for (String kind : List.of("launch", "terminate", "sleep")) {
      decisions.put(kind, new AtomicLong());
    }
    for (String stage : ERROR_STAGES) {
      errors.put(stage, new AtomicLong());
    }
  }

  /**
   * Starts a configuration; with no job classes, no per-class meters are exported.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    gauge(registry, "governor.instances", "instances in this state before the tick acted", Tags.of("state", "running"),
        l -> l.running);
    gauge(registry, "governor.instances", "instances in this state before the tick acted", Tags.of("state", "pending"),
        l -> l.pending);
    gauge(registry, "governor.instances", "instances in this state before the tick acted", Tags.of("state", "draining"),
        l -> l.draining);
    gauge(registry, "governor.instances.current", "running + pending instances before the tick acted", Tags.empty(),
        l -> l.running + l.pending);
    gauge(registry, "governor.instances.desired", "desired capacity after the guards", Tags.empty(), l -> l.desired);
    gauge(registry, "governor.signals.stale", "required signals stale or missing in the last tick", Tags.empty(),
        l -> l.stale);
    Gauge.builder("governor.tick.last", this, m -> m.last.at).tags(tags).baseUnit("seconds")
        .description("time of the last tick, epoch seconds").strongReference(true).register(registry);
    decisions.forEach((kind, n) -> counter(registry, "governor.decisions", "ticks by the action they planned",
        Tags.of("kind", kind), n));
    errors.forEach((stage, n) -> counter(registry, "governor.tick.errors", "failures that did not stop a tick",
        Tags.of("stage", stage), n));
    counter(registry, "governor.instances.launched", "instances launched or reactivated", Tags.empty(), launched);
    counter(registry, "governor.instances.terminated", "instances terminated", Tags.empty(), terminated);
    counter(registry, "governor.instances.drained", "instances put to draining", Tags.empty(), drained);
    counter(registry, "governor.launch.failures", "ticks whose launch failed or launched nothing new", Tags.empty(),
        launchFailures);
    Timer.builder("governor.tick.duration").tags(tags).description("duration of timed ticks").register(registry);
    for (int c = 0; c < classes.size(); c++) {
      int i = c;
      Tags ct = Tags.of("class", classes.get(c));
      gauge(registry, "governor.queue.messages", "queue depth the controller saw", ct.and("state", "visible"),
          l -> l.get(l.visible, i));
      gauge(registry, "governor.queue.messages", "queue depth the controller saw", ct.and("state", "inflight"),
          l -> l.get(l.inflight, i));
      Gauge.builder("governor.queue.arrival.rate", this, m -> m.last.get(m.last.arrivals, i)).tags(tags).tags(ct)
          .baseUnit("jobs/s").description("arrival rate the controller saw").strongReference(true).register(registry);
      Gauge.builder("governor.jobs.service.time", this, m -> m.last.get(m.last.service, i)).tags(tags).tags(ct)
          .baseUnit("seconds").description("mean service time the controller saw").strongReference(true)
          .register(registry);
    }
    synchronized (vetoes) {
      vetoes.forEach((key, n) -> registerVeto(registry, key, n));
      registries.add(registry);
    }
  }

  private void gauge(MeterRegistry r, String name, String description, Tags extra,
      java.util.function.ToDoubleFunction<Last> f) {
    Gauge.builder(name, this, m -> f.applyAsDouble(m.last)).tags(tags).tags(extra).description(description)
        .strongReference(true).register(r);
  }

  private void counter(MeterRegistry r, String name, String description, Tags extra, AtomicLong n) {
    FunctionCounter.builder(name, n, AtomicLong::get).tags(tags).tags(extra).description(description).register(r);
  }

  private void registerVeto(MeterRegistry r, String key, AtomicLong n) {
    int nl = key.indexOf('\n');
    counter(r, "governor.guard.vetoes", "ticks in which a guard changed the proposal",
        Tags.of("guard", key.substring(0, nl), "direction", key.substring(nl + 1)), n);
  }

  /**
   * Wraps a tick so that its duration is recorded in {@code governor.tick.duration}, measured
   * with the builder's clock (Micrometer's monotonic clock by default): pass
   * {@code metrics.timed(governor::tick)} to your scheduler. A tick that throws is timed too.
   * (The controller itself reads no wall clock; the report of a tick does not carry its
   * duration, so it is measured here, around the call.)
   *
   * @param tick what the scheduler would run, usually {@code governor::tick}
   * @return {@code tick}, timed
   */
  public Runnable timed(Runnable tick) {
    Objects.requireNonNull(tick, "tick");
    return () -> {
      long start = clock.monotonicTime();
      try {
        tick.run();
      } finally {
        long nanos = clock.monotonicTime() - start;
        for (MeterRegistry r : registries) {
          Timer.builder("governor.tick.duration").tags(tags).register(r).record(nanos, TimeUnit.NANOSECONDS);
        }
      }
    };
  }

  @Override
  public void onTick(TickReport report) {
    observe(report);
  }

  /**
   * The one place that reads a {@link TickReport}: everything exported comes from here, so a
   * change of the report's shape is adapted here only.
   */
  private void observe(TickReport r) {
    int n = classes.size();
    double[] visible = new double[n];
    double[] inflight = new double[n];
    double[] arrivals = new double[n];
    double[] service = new double[n];
    java.util.Arrays.fill(visible, Double.NaN);
    java.util.Arrays.fill(inflight, Double.NaN);
    java.util.Arrays.fill(arrivals, Double.NaN);
    java.util.Arrays.fill(service, Double.NaN);
    if (n > 0) {
      Map<String, Reading> byName = new java.util.HashMap<>();
      for (Reading reading : r.readings()) {
        byName.put(reading.name(), reading);
      }
      for (int c = 0; c < n; c++) {
        String cls = classes.get(c);
        visible[c] = value(byName, SignalNames.visible(cls));
        inflight[c] = value(byName, SignalNames.inflight(cls));
        arrivals[c] = value(byName, SignalNames.arrivals(cls));
        service[c] = value(byName, SignalNames.serviceTime(cls));
      }
    }
    double at = r.at().getEpochSecond() + r.at().getNano() / 1e9;
    last = new Last(r.running(), r.pending(), r.draining(), r.desired(), r.stale().size(), at, visible, inflight,
        arrivals, service);

    Action a = r.action();
    decisions.get(kindOf(a)).incrementAndGet();
    ActionResult res = r.result();
    launched.addAndGet(res.launched().size());
    terminated.addAndGet(res.terminated().size());
    drained.addAndGet(res.drained().size());
    if (launchFailed(a, res)) {
      launchFailures.incrementAndGet();
    }
    for (GuardEffect g : r.guards()) {
      if (g.changed()) {
        veto(g.guard(), g.after() > g.before() ? "up" : "down").incrementAndGet();
      }
    }
    for (String e : r.errors()) {
      errors.get(stageOf(e)).incrementAndGet();
    }
  }

  private static double value(Map<String, Reading> byName, String name) {
    Reading reading = byName.get(name);
    return reading == null ? Double.NaN : reading.value();
  }

  private static String kindOf(Action a) {
    if (a instanceof Launch) {
      return "launch";
    }
    if (a instanceof Terminate) {
      return "terminate";
    }
    if (a instanceof Sleep) {
      return "sleep";
    }
    throw new IllegalArgumentException("unknown action " + a);
  }

  /** As the controller counts a failed launch for its back-off: nothing new came of it. */
  static boolean launchFailed(Action a, ActionResult res) {
    if (!(a instanceof Launch l) || l.count() == 0) {
      return false;
    }
    return res.status() == ActionResult.Status.FAILED
        || res.status() == ActionResult.Status.PARTIAL && res.launched().size() <= l.reactivate().size();
  }

  /** A tick error's stage: the controller prefixes each error with it ("signals: ..."). */
  static String stageOf(String error) {
    int colon = error.indexOf(':');
    String stage = colon < 0 ? "" : error.substring(0, colon).strip();
    return ERROR_STAGES.contains(stage) ? stage : "other";
  }

  private AtomicLong veto(String guard, String direction) {
    String key = guard + "\n" + direction;
    AtomicLong n = vetoes.get(key);
    if (n != null) {
      return n;
    }
    synchronized (vetoes) {
      n = vetoes.get(key);
      if (n != null) {
        return n;
      }
      if (!guard.equals("other") && !guardNames.contains(guard) && guardNames.size() >= MAX_GUARD_TAGS) {
        return veto("other", direction);
      }
      guardNames.add(guard);
      AtomicLong created = new AtomicLong();
      vetoes.put(key, created);
      for (MeterRegistry r : registries) {
        registerVeto(r, key, created);
      }
      return created;
    }
  }

  /** Builds {@link GovernorMetrics}. */
  public static final class Builder {
    private final List<String> classes = new ArrayList<>();
    private Tags tags = Tags.empty();
    private Clock clock = Clock.SYSTEM;

    private Builder() {}

    /**
     * The job classes whose queue signals get per-class meters (tag {@code class}).
     *
     * @param jobClasses the controller's own list; names must be unique
     * @return this builder
     */
    public Builder jobClasses(Collection<JobClass> jobClasses) {
      Objects.requireNonNull(jobClasses, "jobClasses");
      for (JobClass c : jobClasses) {
        Objects.requireNonNull(c, "jobClass");
        if (classes.contains(c.name())) {
          throw new IllegalArgumentException("jobClasses must be unique, but '" + c.name() + "' was given twice");
        }
        classes.add(c.name());
      }
      return this;
    }

    /**
     * Tags every meter carries, e.g. {@code pool=uploads} when one host runs several controllers.
     *
     * @param tags added to those given before
     * @return this builder
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Objects.requireNonNull(tags, "tags"));
      return this;
    }

    /**
     * The clock {@link GovernorMetrics#timed(Runnable)} measures with.
     *
     * @param clock default {@link Clock#SYSTEM}; tests pass a {@code MockClock}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the binder.
     *
     * @return a binder not yet bound to any registry
     */
    public GovernorMetrics build() {
      return new GovernorMetrics(this);
    }
  }
}
