package dev.governor;

import dev.governor.internal.Checks;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Planner;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.GuardChain;
import dev.governor.guard.GuardContext;
import dev.governor.guard.Guards;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.predict.Forecast;
import dev.governor.predict.Predictor;
import dev.governor.signal.Freshness;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.SignalSource;
import dev.governor.signal.Snapshot;
import dev.governor.state.ControllerState;
import dev.governor.state.HistoryEntry;
import dev.governor.state.InMemoryStateStore;
import dev.governor.state.ScalingHistory;
import dev.governor.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine. One {@link #tick()} reads the clock once and runs
 * {@code signals → predictors → policy → guards → planner → actuator → report → listeners → state}.
 *
 * <p>Synchronous and single-threaded: the host calls {@code tick()} from the scheduler it already
 * has, about once a {@linkplain Builder#tick(Duration) tick interval}. Ticks are serialized with a
 * lock, so a late tick waits for the previous one instead of overlapping it; the state a tick
 * changes is touched only inside that lock (single writer).
 * Failures of a signal source, the fleet view or the actuator never escape: they become errors in
 * the {@link TickReport}, and missing data can never cause scale-in.
 */
public final class Controller {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  /** Weight of a new service-time measurement in the running estimate. */
  static final double SERVICE_EWMA_ALPHA = 0.2;
  /** Default interval between serialisations of predictor state. */
  public static final Duration DEFAULT_PREDICTOR_SAVE_INTERVAL = Duration.ofMinutes(15);

  private final InstantSource clock;
  private final SignalSource signals;
  private final Freshness freshness;
  private final List<JobClass> jobClasses;
  private final InstanceType launchType;
  private final ScalingPolicy policy;
  private final GuardChain guards;
  private final Planner planner;
  private final Actuator actuator;
  private final StateStore stateStore;
  private final List<TickListener> listeners;
  private final Map<String, Predictor> predictors;
  private final Duration tick;
  private final Duration historyRetention;
  private final Set<String> requiredSignals;

  private ScalingHistory history = ScalingHistory.empty();
  private final Map<String, Double> serviceSeconds = new HashMap<>();
  private final Map<String, Instant> lastServiceObservation = new HashMap<>();
  private final Map<String, Instant> lastPredictorObservation = new HashMap<>();
  private Snapshot previous;
  private final Duration predictorSaveInterval;
  private Map<String, String> savedPredictors = Map.of();
  private Instant predictorsSavedAt;
  private final Object lock = new Object();

  private Controller(Builder b) {
    this.clock = b.clock;
    this.signals = b.signals;
    this.freshness = b.freshness;
    this.jobClasses = List.copyOf(b.jobClasses);
    this.launchType = b.launchType;
    this.policy = b.policy;
    this.guards = b.guards;
    this.planner = b.planner;
    this.actuator = b.actuator;
    this.stateStore = b.stateStore;
    this.listeners = List.copyOf(b.listeners);
    this.tick = b.tick;
    this.historyRetention = b.historyRetention;
    this.predictorSaveInterval = b.predictorSaveInterval;
    Map<String, Predictor> preds = new LinkedHashMap<>();
    b.predictors.forEach((series, factory) -> preds.put(series, Objects.requireNonNull(factory.get(), "predictor for " + series)));
    this.predictors = preds;
    Set<String> req = new TreeSet<>(policy.requiredSignals(jobClasses));
    req.addAll(b.extraRequired);
    this.requiredSignals = Set.copyOf(req);
    restore();
  }

  public static Builder builder() {
    return new Builder();
  }

  private void restore() {
    Optional<ControllerState> s = stateStore.load();
    if (s.isEmpty()) {
      return;
    }
    ControllerState st = s.get();
    history = st.history();
    serviceSeconds.putAll(st.serviceSeconds());
    st.predictors().forEach((series, json) -> {
      Predictor p = predictors.get(series);
      if (p != null) {
        try {
          p.restoreState(json);
        } catch (IllegalArgumentException e) {
          // A forecast only ever adds capacity, so starting a predictor afresh is safe; refusing to
          // start the controller over it would not be.
          LOG.warn("predictor {} for {}: saved state not usable ({}); starting it afresh", p.name(), series,
              e.getMessage());
        }
      }
    });
    LOG.info("restored state saved at {} ({} history entries, {} predictors)", st.savedAt(), history.entries().size(),
        st.predictors().size());
  }

  /** Runs one tick at the clock's current time and returns its report. */
  public TickReport tick() {
    synchronized (lock) {
      return tickAt(clock.instant());
    }
  }

  private TickReport tickAt(Instant now) {
    List<String> errors = new ArrayList<>(0);

    Fleet fleet;
    try {
      fleet = Objects.requireNonNull(actuator.fleet(now), "actuator returned a null fleet");
    } catch (RuntimeException e) {
      errors.add("fleet: " + describe(e));
      Snapshot snap = Snapshot.empty(now, freshness);
      Proposal p = Proposal.hold(0, "fleet", "fleet state unavailable, not acting");
      return finish(now, Fleet.empty(), snap, Set.copyOf(requiredSignals), Map.of(), p,
          new GuardChain.Outcome(0, List.of()), new Sleep("fleet state unavailable: " + describe(e)),
          ActionResult.failed("fleet: " + describe(e)), errors, false);
    }

    Collection<Reading> readings;
    try {
      readings = signals.read(now);
    } catch (RuntimeException e) {
      errors.add("signals: " + describe(e));
      readings = List.of();
    }
    List<Reading> all = new ArrayList<>(readings.size() + 5);
    all.addAll(readings);
    all.add(new Reading(SignalNames.FLEET_RUNNING, fleet.running(), now));
    all.add(new Reading(SignalNames.FLEET_PENDING, fleet.pending(), now));
    all.add(new Reading(SignalNames.FLEET_DRAINING, fleet.draining(), now));
    all.add(new Reading(SignalNames.FLEET_BUSY_SLOTS, fleet.busySlots(), now));
    all.add(new Reading(SignalNames.FLEET_SLOTS, fleet.runningSlots(), now));
    Snapshot snapshot = Snapshot.of(now, all, freshness);

    updateServiceTimes(snapshot);
    Map<String, Forecast> forecasts = updatePredictors(snapshot, now);

    PolicyContext ctx = new PolicyContext(now, tick, snapshot, previous, fleet, jobClasses, serviceSeconds, forecasts,
        launchType, history);
    Proposal proposal;
    try {
      proposal = Objects.requireNonNull(policy.propose(ctx), "policy returned null");
    } catch (RuntimeException e) {
      errors.add("policy: " + describe(e));
      proposal = Proposal.hold(fleet.effective(), "policy", "policy failed, holding capacity: " + describe(e));
    }

    Set<String> stale = snapshot.staleAmong(requiredSignals);
    GuardContext gctx = new GuardContext(now, fleet.effective(), proposal.desired(), snapshot, stale, history, fleet,
        launchType);
    GuardChain.Outcome outcome = guards.apply(gctx, proposal.desired());

    Action action = planner.plan(outcome.desired(), fleet, launchType, now, token(now, outcome.desired(), fleet));
    ActionResult result;
    if (action instanceof Sleep) {
      result = ActionResult.noop();
    } else {
      try {
        result = Objects.requireNonNull(actuator.apply(action, now), "actuator returned a null result");
      } catch (RuntimeException e) {
        errors.add("actuator: " + describe(e));
        result = ActionResult.failed(describe(e));
      }
    }
    previous = snapshot;
    return finish(now, fleet, snapshot, stale, forecasts, proposal, outcome, action, result, errors, true);
  }

  private TickReport finish(Instant now, Fleet fleet, Snapshot snapshot, Set<String> stale,
      Map<String, Forecast> forecasts, Proposal proposal, GuardChain.Outcome outcome, Action action,
      ActionResult result, List<String> errors, boolean record) {
    if (record) {
      history = history.plus(new HistoryEntry(now, fleet.effective(), proposal.desired(), outcome.desired(),
          appliedChange(action, result)), historyRetention);
      if (action instanceof Launch l && l.count() > 0 && result.status() != ActionResult.Status.UNKNOWN) {
        // UNKNOWN is not confirmed either way: it neither resets nor advances the back-off.
        if (result.status() == ActionResult.Status.FAILED) {
          history = history.withLaunchFailure(now, result.errors().isEmpty() ? "unknown error" : result.errors().get(0));
        } else if (result.status() == ActionResult.Status.PARTIAL && result.launched().size() <= l.reactivate().size()) {
          history = history.withLaunchFailure(now, result.errors().isEmpty() ? "no instance launched" : result.errors().get(0));
        } else {
          history = history.withLaunchSuccess();
        }
      }
    }
    TickReport report = new TickReport(now, policy.name(), fleet.running(), fleet.pending(), fleet.draining(),
        snapshot.readings(), stale, forecasts, proposal, outcome.effects(), outcome.desired(), action, result, errors);
    for (TickListener l : listeners) {
      try {
        l.onTick(report);
      } catch (RuntimeException e) {
        LOG.warn("tick listener {} failed", l, e);
      }
    }
    try {
      stateStore.save(currentState(now));
    } catch (RuntimeException e) {
      LOG.warn("saving controller state failed", e);
    }
    return report;
  }

  /**
   * The capacity change that really happened (for cooldowns and rate limits). Dry-run counts as
   * done; so does an UNKNOWN outcome, which may have acted: assuming it did keeps rate limits and
   * cooldowns on the safe side.
   */
  static int appliedChange(Action action, ActionResult result) {
    switch (result.status()) {
      case OK:
      case DRY_RUN:
      case UNKNOWN:
        return action.capacityDelta();
      case PARTIAL:
        if (action instanceof Launch) {
          return result.launched().size();
        }
        if (action instanceof Terminate t) {
          int n = 0;
          for (String id : result.terminated()) {
            if (!t.terminate().contains(id) || t.drain().contains(id)) {
              continue;
            }
            n++;
          }
          return -Math.min(-t.capacityDelta(), n + result.drained().size());
        }
        return 0;
      default:
        return 0;
    }
  }

  private void updateServiceTimes(Snapshot snapshot) {
    for (JobClass c : jobClasses) {
      Reading r = snapshot.reading(c.serviceTimeSignal());
      if (r == null || snapshot.isStale(r.name()) || r.value() <= 0) {
        continue;
      }
      Instant last = lastServiceObservation.get(c.name());
      if (last != null && !r.observedAt().isAfter(last)) {
        continue;
      }
      lastServiceObservation.put(c.name(), r.observedAt());
      Double est = serviceSeconds.get(c.name());
      serviceSeconds.put(c.name(), est == null ? r.value() : est + SERVICE_EWMA_ALPHA * (r.value() - est));
    }
  }

  private Map<String, Forecast> updatePredictors(Snapshot snapshot, Instant now) {
    if (predictors.isEmpty()) {
      return Map.of();
    }
    Map<String, Forecast> out = new HashMap<>();
    Duration horizon = launchType.bootTime().plus(tick);
    for (Map.Entry<String, Predictor> e : predictors.entrySet()) {
      String series = e.getKey();
      Predictor p = e.getValue();
      Reading r = snapshot.reading(series);
      if (r != null && !snapshot.isStale(series)) {
        Instant last = lastPredictorObservation.get(series);
        if (last == null || r.observedAt().isAfter(last)) {
          lastPredictorObservation.put(series, r.observedAt());
          p.observe(r.observedAt(), r.value());
        }
      }
      try {
        p.forecast(now, horizon).ifPresent(f -> out.put(series, f));
      } catch (RuntimeException ex) {
        LOG.warn("predictor {} for {} failed", p.name(), series, ex);
      }
    }
    return out;
  }

  private ControllerState currentState(Instant now) {
    // Predictor state is large (a weekly profile) and changes slowly: serialise it every
    // predictorSaveInterval, not every tick. A restart loses at most that much learning.
    if (!predictors.isEmpty()
        && (predictorsSavedAt == null || !now.isBefore(predictorsSavedAt.plus(predictorSaveInterval)))) {
      Map<String, String> preds = new HashMap<>();
      predictors.forEach((k, p) -> preds.put(k, p.saveState()));
      savedPredictors = Map.copyOf(preds);
      predictorsSavedAt = now;
    }
    return new ControllerState(now, history, savedPredictors, serviceSeconds);
  }

  private static String token(Instant now, int desired, Fleet fleet) {
    return "gov-" + now.getEpochSecond() + "-" + fleet.effective() + "-" + desired;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  public ScalingPolicy policy() {
    return policy;
  }

  public List<JobClass> jobClasses() {
    return jobClasses;
  }

  public InstanceType launchType() {
    return launchType;
  }

  public Duration tickInterval() {
    return tick;
  }

  /** The signals whose staleness forbids scale-in. */
  public Set<String> requiredSignals() {
    return requiredSignals;
  }

  /** History as the guards see it (for tests and dashboards). */
  public ScalingHistory history() {
    return history;
  }

  /** Current service-time estimates per class. */
  public Map<String, Double> serviceSeconds() {
    return Map.copyOf(serviceSeconds);
  }

  /** Builds a controller; every setter validates at once and names the field, rule and value. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private SignalSource signals;
    private Freshness freshness = Freshness.ofDefaults();
    private final List<JobClass> jobClasses = new ArrayList<>();
    private InstanceType launchType;
    private ScalingPolicy policy;
    private GuardChain guards;
    private Planner planner = Planner.ofDefaults();
    private Actuator actuator;
    private StateStore stateStore = new InMemoryStateStore();
    private final List<TickListener> listeners = new ArrayList<>();
    private final Map<String, Supplier<Predictor>> predictors = new LinkedHashMap<>();
    private final Set<String> extraRequired = new TreeSet<>();
    private Duration tick = Duration.ofSeconds(60);
    private Duration historyRetention = ScalingHistory.DEFAULT_RETENTION;
    private Duration predictorSaveInterval = DEFAULT_PREDICTOR_SAVE_INTERVAL;

    private Builder() {}

    /** How often predictor state is serialised into the saved state (default 15 min; every tick if smaller than it). */
    public Builder predictorSaveInterval(Duration d) {
      this.predictorSaveInterval = Checks.nonNegative("predictorSaveInterval", d);
      return this;
    }

    /** The one clock read per tick (default: system clock). Tests pass a {@code ManualClock}. */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder signals(SignalSource signals) {
      this.signals = Objects.requireNonNull(signals, "signals");
      return this;
    }

    public Builder freshness(Freshness freshness) {
      this.freshness = Objects.requireNonNull(freshness, "freshness");
      return this;
    }

    public Builder jobClass(JobClass c) {
      Objects.requireNonNull(c, "jobClass");
      for (JobClass existing : jobClasses) {
        if (existing.name().equals(c.name())) {
          throw new IllegalArgumentException("jobClass names must be unique, but '" + c.name() + "' was added twice");
        }
      }
      jobClasses.add(c);
      return this;
    }

    public Builder jobClasses(Collection<JobClass> cs) {
      cs.forEach(this::jobClass);
      return this;
    }

    public Builder launchType(InstanceType t) {
      this.launchType = Objects.requireNonNull(t, "launchType");
      return this;
    }

    public Builder policy(ScalingPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Builder guards(GuardChain g) {
      this.guards = Objects.requireNonNull(g, "guards");
      return this;
    }

    public Builder planner(Planner p) {
      this.planner = Objects.requireNonNull(p, "planner");
      return this;
    }

    public Builder actuator(Actuator a) {
      this.actuator = Objects.requireNonNull(a, "actuator");
      return this;
    }

    public Builder stateStore(StateStore s) {
      this.stateStore = Objects.requireNonNull(s, "stateStore");
      return this;
    }

    public Builder listener(TickListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /** Learns {@code series} (a signal name) each tick and forecasts it at now + boot time + tick. */
    public Builder predictor(String series, Supplier<Predictor> factory) {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(factory, "predictor factory");
      if (predictors.containsKey(series)) {
        throw new IllegalArgumentException("predictor series must be unique, but '" + series + "' was added twice");
      }
      predictors.put(series, factory);
      return this;
    }

    /** Forecasts the arrivals of every job class configured so far. */
    public Builder predictArrivals(Supplier<Predictor> factory) {
      for (JobClass c : jobClasses) {
        predictor(c.arrivalsSignal(), factory);
      }
      return this;
    }

    /** A signal whose staleness forbids scale-in, in addition to the policy's own. */
    public Builder requireSignal(String name) {
      extraRequired.add(Objects.requireNonNull(name, "name"));
      return this;
    }

    public Builder tick(Duration d) {
      this.tick = Checks.positive("tick", d);
      return this;
    }

    public Builder historyRetention(Duration d) {
      this.historyRetention = Checks.positive("historyRetention", d);
      return this;
    }

    public Controller build() {
      require(signals, "signals");
      require(launchType, "launchType");
      require(policy, "policy");
      require(actuator, "actuator");
      if (jobClasses.isEmpty()) {
        throw new IllegalStateException("jobClasses must not be empty: add at least one jobClass(...)");
      }
      if (guards == null) {
        guards = Guards.standard(0, Integer.MAX_VALUE);
      }
      return new Controller(this);
    }

    private static void require(Object o, String field) {
      if (o == null) {
        throw new IllegalStateException(field + " must be set");
      }
    }
  }
}
