package dev.governor;

import dev.governor.guard.GuardEffect;
import dev.governor.guard.RateLimitGuard;
import dev.governor.guard.StabilizationGuard;
import dev.governor.guard.Guard;
import dev.governor.internal.Checks;
import dev.governor.internal.ActionTracker;
import dev.governor.internal.LaunchTracker;
import dev.governor.internal.ServiceTimes;
import dev.governor.state.InFlightLaunch;
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
import dev.governor.ha.FencedActuator;
import dev.governor.ha.LeaderElection;
import dev.governor.ha.Lease;
import dev.governor.ha.Role;
import dev.governor.state.FencedStateStore;
import dev.governor.state.StaleEpochException;
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
import java.util.HashSet;
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
 * {@code clock check → fleet → launches in flight → signals → predictors → policy → guards →
 * planner → actuator → state → report → listeners}.
 *
 * <p>Synchronous and single-threaded: the host calls {@code tick()} from the scheduler it already
 * has, about once a {@linkplain Builder#tick(Duration) tick interval}. Ticks are serialized with a
 * lock, so a late tick waits for the previous one instead of overlapping it; the state a tick
 * changes is touched only inside that lock (single writer).
 *
 * <p>What it promises (each held by a test, see the README's "What Governor promises"):
 * <ul>
 *   <li>{@code tick()} never throws. Whatever a signal source, the fleet view, a predictor, the
 *       policy, a guard, the planner, the actuator, a listener or the state store does — return
 *       null, throw any exception or {@code Error}, even a checked one thrown sneakily — becomes an
 *       error in the {@link TickReport} naming its stage, and capacity is held. Only a
 *       {@link VirtualMachineError} propagates, after being logged.
 *   <li>Time only goes forward for its windows. A tick earlier than the last one (a clock stepped
 *       back) is a fault: that tick cannot scale in, and the history is re-anchored so that
 *       stabilization, rate limits, cooldowns and the launch back-off go on as if one tick had
 *       passed — never skipped, never frozen for the size of the step. A gap longer than
 *       {@linkplain Builder#maxTickGap maxTickGap} (a clock stepped forward, a host that slept)
 *       also counts as one tick, so a step forward cannot skip them either.
 *   <li>Launches in flight are state: until their instances are RUNNING (or boot time plus
 *       {@linkplain Builder#launchGrace grace} passes) the ones the fleet does not list count as
 *       pending, so a lost response, a lagging fleet view or a restart never launches twice for one
 *       decision. A launch whose instances never reach RUNNING counts as failed for the back-off.
 *   <li>Terminations, drains and reactivations in flight are remembered for boot time plus grace
 *       (in ticks): until the fleet view shows them, a terminated instance is not capacity, a
 *       drained one is draining and fully busy, a reactivated one running — a view that lags
 *       cannot make the controller terminate twice for one decision.
 *   <li>The first tick of a controller seeds its windows with the current fleet (as the HPA seeds
 *       its stabilization window with the current replicas): a restart cannot scale in on a dip.
 *   <li>A fleet view that contradicts itself (an id listed twice, a booting instance that is busy)
 *       is reported, sanitized and cannot cause scale-in; stale, missing or future-stamped required
 *       signals never cause scale-in.
 * </ul>
 *
 * <p><b>High availability</b> ({@link Builder#leaderElection}): several controllers of one pool
 * tick alike, and only the holder of the lease acts. Each tick takes or renews the lease first; a
 * standby reads the fleet and the signals and feeds its predictors (so it is warm when it takes
 * over), but acts on nothing and saves nothing. Right before acting the leader renews the lease
 * again, and acts only if what is left of it, counted on the injected clock from before that
 * renewal, covers the {@linkplain Builder#actionBudget action budget}; the action carries the
 * leader's epoch and is refused ({@link ActionResult.Status#REFUSED}) when the
 * {@link FencedStateStore} is at a newer one. State is saved only under the epoch. A controller
 * that takes over claims the store, reloads the last leader's history and launches in flight, and
 * cannot scale in in that tick.
 */
public final class Controller {
  private static final Logger LOG = LoggerFactory.getLogger(Controller.class);
  /** Default interval between serialisations of predictor state. */
  public static final Duration DEFAULT_PREDICTOR_SAVE_INTERVAL = Duration.ofMinutes(15);
  /** Default interval between serialisations of the policy's state: zero, every tick. */
  public static final Duration DEFAULT_POLICY_SAVE_INTERVAL = Duration.ZERO;
  /** Default time after its boot time within which a launch's instances must reach RUNNING. */
  public static final Duration DEFAULT_LAUNCH_GRACE = Duration.ofMinutes(3);
  /** Default largest gap between ticks that counts in full for windows, as a multiple of the tick. */
  public static final int DEFAULT_MAX_TICK_GAP_TICKS = 3;
  private static final int MAX_CHECKED_NAMES = 10_000;

  private final InstantSource clock;
  private final SignalSource signals;
  private final Freshness freshness;
  private final List<JobClass> jobClasses;
  private final Map<String, JobClass> classesByName;
  private final InstanceType launchType;
  private final ScalingPolicy policy;
  private final String policyName;
  private final GuardChain guards;
  private final Planner planner;
  private final Actuator actuator;
  private final StateStore stateStore;
  private final List<TickListener> listeners;
  private final Map<String, Predictor> predictors;
  private final Duration tick;
  private final Duration historyRetention;
  private final Duration maxTickGap;
  private final Duration launchTimeout;
  private final Set<String> requiredSignals;
  /** Leader election, or null (a single controller, {@link Role#SINGLE}). */
  private final LeaderElection election;
  private final FencedStateStore fenced;
  private final Duration actionBudget;
  /** The epoch this controller leads under while {@link #leading}; the epoch it last saw otherwise. */
  private long epoch;
  private boolean leading;

  private ScalingHistory history = ScalingHistory.empty();
  private final ServiceTimes serviceTimes = new ServiceTimes();
  private final Map<String, Instant> lastPredictorObservation = new HashMap<>();
  private Snapshot previous;
  private final Duration predictorSaveInterval;
  private final Duration policySaveInterval;
  private Instant policySavedAt;
  private Map<String, String> savedPredictors = Map.of();
  /** The policy's state as last saved (by the policy's name), written with every state save. */
  private Map<String, String> savedPolicy = Map.of();
  private Instant predictorsSavedAt;
  private List<InFlightLaunch> inFlight = List.of();
  private final ActionTracker actions;
  private int lastUnseen;
  /** The latest tick time seen (wall clock); a tick before it is a clock step back. */
  private Instant lastTick;
  private boolean seeded;
  private final List<String> startupErrors = new ArrayList<>(0);
  private final Set<String> requiredEverReported = new HashSet<>();
  private final Set<String> checkedNames = new HashSet<>();
  private final Object lock = new Object();

  private Controller(Builder b) {
    this.clock = b.clock;
    this.signals = b.signals;
    this.freshness = b.freshness;
    this.jobClasses = List.copyOf(b.jobClasses);
    Map<String, JobClass> byName = new HashMap<>();
    jobClasses.forEach(c -> byName.put(c.name(), c));
    this.classesByName = Map.copyOf(byName);
    this.launchType = b.launchType;
    this.policy = b.policy;
    this.policyName = Objects.requireNonNull(policy.name(), "policy name");
    this.guards = b.guards;
    this.planner = b.planner;
    this.election = b.election;
    this.fenced = b.election == null ? null : (FencedStateStore) b.stateStore;
    this.actionBudget = b.election == null ? Duration.ZERO
        : b.actionBudget != null ? b.actionBudget : b.election.leaseDuration().dividedBy(2);
    this.actuator = b.election == null ? b.actuator : new FencedActuator(b.actuator, fenced);
    this.stateStore = b.stateStore;
    this.listeners = List.copyOf(b.listeners);
    this.tick = b.tick;
    this.historyRetention = b.historyRetention;
    this.maxTickGap = b.maxTickGap != null ? b.maxTickGap : b.tick.multipliedBy(DEFAULT_MAX_TICK_GAP_TICKS);
    this.launchTimeout = launchType.bootTime().plus(b.launchGrace);
    this.actions = new ActionTracker((int) Math.min(1000, Math.max(1,
        (launchTimeout.toNanos() + b.tick.toNanos() - 1) / b.tick.toNanos())));
    this.predictorSaveInterval = b.predictorSaveInterval;
    this.policySaveInterval = b.policySaveInterval;
    Map<String, Predictor> preds = new LinkedHashMap<>();
    b.predictors.forEach((series, factory) -> preds.put(series, Objects.requireNonNull(factory.get(), "predictor for " + series)));
    this.predictors = preds;
    Set<String> req = new TreeSet<>(policy.requiredSignals(jobClasses));
    req.addAll(b.extraRequired);
    this.requiredSignals = Set.copyOf(req);
    restore();
  }

  /**
   * Starts configuring a controller. {@link Builder#build()} needs at least
   * {@link Builder#signals}, {@link Builder#launchType}, {@link Builder#actuator}, one
   * {@link Builder#jobClass} and a {@link Builder#policy} (or {@link Builder#standardGovernor});
   * everything else has a default, given on its setter.
   *
   * @return a new builder holding the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads the saved state. A store that fails, or a state that is not valid, is reported in the
   * first tick's errors and the controller starts afresh (its windows seeded from the fleet):
   * refusing to start would leave the fleet unmanaged, and failing every tick would be worse.
   */
  private void restore() {
    Optional<ControllerState> s;
    try {
      s = stateStore.load();
    } catch (Throwable e) {
      startupErrors.add(failure("state", e) + " (could not load the saved state; starting afresh, windows seeded from the fleet)");
      LOG.error("loading the saved state failed; starting afresh", e);
      return;
    }
    if (s == null || s.isEmpty()) {
      return;
    }
    ControllerState st = s.get();
    history = st.history();
    lastTick = st.savedAt();
    inFlight = st.inFlight();
    st.serviceSeconds().forEach((cls, v) -> {
      JobClass c = classesByName.get(cls);
      if (c != null) {
        String clamped = serviceTimes.restore(c, v);
        if (clamped != null) {
          startupErrors.add("state: " + clamped);
        }
      }
    });
    st.predictors().forEach((series, json) -> {
      Predictor p = predictors.get(series);
      if (p != null) {
        try {
          p.restoreState(json);
        } catch (Throwable e) {
          // A forecast only ever adds capacity, so starting a predictor afresh is safe; refusing to
          // start the controller over it would not be.
          startupErrors.add(failure("state", e) + " (saved state of predictor " + p.name() + " for " + series
              + " not usable; starting it afresh)");
        }
      }
    });
    String policyState = st.policies().get(policy.name());
    if (policyState != null) {
      try {
        policy.restoreState(policyState);
        savedPolicy = Map.of(policy.name(), policyState);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError v) {
          throw v;
        }
        // The policy then learns again, from a warm start or online, as on a first start.
        startupErrors.add(failure("state", e) + " (saved state of policy " + policy.name()
            + " not usable; it learns afresh)");
      }
    }
    LOG.info("restored state saved at {} ({} history entries, {} predictors, {} launches in flight, policy state {})",
        st.savedAt(), history.entries().size(), st.predictors().size(), inFlight.size(),
        savedPolicy.isEmpty() ? "none" : "restored");
  }

  /**
   * Learns from the past before ticking: every predictor gets the history of its series
   * ({@link Predictor#warmStart}) and the policy the whole history ({@link ScalingPolicy#warmStart}),
   * the way a live controller starts from 14 days of CloudWatch. A failure of one of them is logged
   * and leaves it to learn online. Call it before the first {@link #tick()}; it waits for a tick in
   * progress. A series without values in {@code history} leaves its predictor as it is.
   *
   * @param history past values by signal name; a predictor gets the series named like the one it
   *     {@linkplain Builder#predictor forecasts}
   * @throws NullPointerException if {@code history} is null
   */
  public void warmStart(dev.governor.signal.SignalHistory history) {
    Objects.requireNonNull(history, "history");
    synchronized (lock) {
      predictors.forEach((series, p) -> {
        var values = history.series(series);
        if (!values.isEmpty()) {
          try {
            p.warmStart(values);
            lastPredictorObservation.put(series, values.get(values.size() - 1).getKey());
          } catch (Throwable e) {
            if (e instanceof VirtualMachineError v) {
              throw v;
            }
            LOG.warn("predictor {} for {}: warm start failed ({}); it learns online", p.name(), series, e.toString());
          }
        }
      });
      try {
        policy.warmStart(history, jobClasses);
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError v) {
          throw v;
        }
        LOG.warn("policy {}: warm start failed ({}); it learns online", policy.name(), e.toString());
      }
    }
  }

  /**
   * Runs one tick at the clock's current time and returns its report. Never throws (see the class
   * comment): whatever fails becomes an error in the report naming its stage, and capacity is held;
   * only a {@link VirtualMachineError} propagates, after being logged. Thread-safe: a call made
   * while another tick runs waits for it to finish.
   *
   * @return the tick's explanation, already passed to every {@linkplain Builder#listener listener};
   *     if the clock itself fails, a report stamped with the last tick's time ({@link Instant#EPOCH}
   *     before the first) whose action is a {@link Sleep} and whose result is
   *     {@link ActionResult.Status#FAILED}
   */
  public TickReport tick() {
    synchronized (lock) {
      Instant now;
      try {
        now = Objects.requireNonNull(clock.instant(), "the clock returned null");
      } catch (Throwable e) {
        String err = failure("clock", e);
        return safeReport(lastTick != null ? lastTick : Instant.EPOCH, err);
      }
      try {
        return tickAt(now);
      } catch (Throwable e) {
        // Every stage catches its own failures; this is a bug of the controller itself. Hold.
        String err = failure("controller", e);
        LOG.error("tick at {} failed; holding capacity", now, e);
        return safeReport(now, err);
      }
    }
  }

  /** A report built from nothing that can fail: the last resort when a tick could not run. */
  private TickReport safeReport(Instant now, String error) {
    TickReport r = new TickReport(now, policyName, 0, 0, 0, 0, List.of(), Set.of(), Map.of(),
        Proposal.hold(0, "controller", "tick failed, not acting"), List.of(), 0, new Sleep("tick failed: " + error),
        ActionResult.failed(error), List.of(error));
    return notifyListeners(election == null ? r : r.withRole(Role.STANDBY, epoch)); // it did not act
  }

  private TickReport tickAt(Instant now) {
    List<String> errors = new ArrayList<>(startupErrors);
    startupErrors.clear();
    String fault = checkClock(now, errors);
    String standby = null;
    if (election != null) {
      standby = lead(errors);
      if (standby == null && fault == null && leading && !seeded) {
        fault = "this controller has just taken the lease (epoch " + epoch + ")";
      }
    }

    Fleet fleet;
    try {
      fleet = Objects.requireNonNull(actuator.fleet(now), "the actuator returned a null fleet");
    } catch (Throwable e) {
      String err = failure("fleet", e);
      errors.add(err);
      Snapshot snap = Snapshot.empty(now, freshness);
      List<HistoryEntry> es = history.entries();
      int held = es.isEmpty() ? 0 : es.get(es.size() - 1).current(); // the last capacity known
      Proposal p = Proposal.hold(held, "fleet", "fleet state unavailable, not acting");
      return finish(now, Fleet.empty(), lastUnseen, snap, Set.copyOf(requiredSignals), Map.of(), p,
          new GuardChain.Outcome(held, List.of()), new Sleep("fleet state unavailable: " + err.substring(7)),
          ActionResult.failed(err), errors, false);
    }
    List<String> problems = fleet.problems();
    if (!problems.isEmpty()) {
      for (String pr : problems) {
        errors.add("fleet: " + pr);
      }
      fault = fault != null ? fault : "the fleet view contradicts itself";
      fleet = fleet.sanitized();
    }
    try {
      fleet = actions.overlay(fleet);
    } catch (RuntimeException e) {
      errors.add(failure("actions in flight", e) + " (the fleet view is used as it is)");
    }

    int unseen = reconcileLaunches(fleet, now, errors);
    int current = (int) Math.min(Integer.MAX_VALUE, (long) fleet.effective() + unseen);
    if (!seeded) {
      // HPA-style: the windows start with the current fleet, so a fresh start cannot scale in on a dip.
      history = history.plus(new HistoryEntry(now, current, current, current, 0), historyRetention);
      seeded = true;
    }

    boolean signalsFailed = false;
    List<Reading> all = new ArrayList<>(64);
    try {
      Collection<Reading> readings = signals.read(now);
      if (readings == null) {
        errors.add("signals: the source returned null instead of readings; every signal counts as missing");
        signalsFailed = true;
      } else {
        int nulls = 0;
        Set<String> ownNames = null;
        for (Reading r : readings) {
          if (r == null) {
            nulls++;
          } else if (SignalNames.isFleetSignal(r.name())) {
            // the controller reads the fleet itself; a source's reading of the same name, stamped a
            // little later, would otherwise win the snapshot and size the fleet on someone else's count
            if (ownNames == null) {
              ownNames = new TreeSet<>();
            }
            ownNames.add(r.name());
          } else {
            all.add(r);
          }
        }
        if (nulls > 0) {
          errors.add("signals: the source returned " + nulls + " null reading(s); they were ignored");
        }
        if (ownNames != null) {
          errors.add("signals: the source's readings of " + ownNames + " were ignored: the controller reads the "
              + "fleet itself and adds the fleet.* signals from it");
        }
      }
    } catch (Throwable e) {
      errors.add(failure("signals", e));
      all.clear(); // a source that failed half-way is not trusted for the half it returned
      signalsFailed = true;
    }
    all.add(new Reading(SignalNames.FLEET_RUNNING, fleet.running(), now));
    all.add(new Reading(SignalNames.FLEET_PENDING, fleet.pending(), now));
    all.add(new Reading(SignalNames.FLEET_DRAINING, fleet.draining(), now));
    all.add(new Reading(SignalNames.FLEET_BUSY_SLOTS, fleet.busySlots(), now));
    all.add(new Reading(SignalNames.FLEET_SLOTS, fleet.runningSlots(), now));
    all.add(new Reading(SignalNames.FLEET_IN_FLIGHT, unseen, now));
    Snapshot snapshot = Snapshot.of(now, all, freshness);
    checkReadings(snapshot, errors);

    try {
      updateServiceTimes(snapshot, errors);
    } catch (Throwable e) {
      errors.add(failure("service times", e));
    }
    Map<String, Forecast> forecasts = updatePredictors(snapshot, now, errors);

    PolicyContext ctx = new PolicyContext(now, tick, snapshot, previous, fleet, jobClasses, serviceTimes.estimates(),
        forecasts, launchType, history);
    Proposal proposal;
    try {
      proposal = Objects.requireNonNull(policy.propose(ctx), "the policy returned null");
    } catch (Throwable e) {
      String err = failure("policy", e);
      errors.add(err);
      proposal = Proposal.hold(current, "policy", "policy failed, holding capacity: " + err.substring(8));
    }

    Set<String> stale = snapshot.staleAmong(requiredSignals);
    if (!signalsFailed) {
      checkRequiredEverReported(snapshot, stale, errors);
    }
    GuardContext gctx = new GuardContext(now, current, proposal.desired(), snapshot, stale, history, fleet, launchType,
        unseen);
    GuardChain.Outcome outcome;
    int start = proposal.desired();
    GuardEffect hold = null;
    if (fault != null && start < current) {
      hold = new GuardEffect("fault", start, current, "no scale-in: " + fault);
      start = current;
    }
    try {
      outcome = guards.apply(gctx, start);
      errors.addAll(outcome.errors());
    } catch (Throwable e) {
      String err = failure("guards", e);
      errors.add(err);
      outcome = new GuardChain.Outcome(current, List.of(new GuardEffect("guards", start, current, err)));
    }
    if (hold != null) {
      List<GuardEffect> effects = new ArrayList<>(outcome.effects().size() + 1);
      effects.add(hold);
      effects.addAll(outcome.effects());
      outcome = new GuardChain.Outcome(outcome.desired(), effects, outcome.errors());
    }

    Action action;
    try {
      // a drain-first planner's victims stop being billed at the next tick, not now
      action = Objects.requireNonNull(planner.plan(outcome.desired(), fleet, unseen, launchType, now,
          token(now, outcome.desired(), current), planner.isDrainFirst() ? tick : Duration.ZERO),
          "the planner returned null");
    } catch (Throwable e) {
      String err = failure("planner", e);
      errors.add(err);
      action = new Sleep("planner failed, holding capacity: " + err.substring(9));
    }
    ActionResult result = null;
    boolean standbySleep = standby != null;
    if (standby != null && !(action instanceof Sleep)) {
      action = new Sleep(standby + "; not acting");
    } else if (election != null && !(action instanceof Sleep)) {
      action = action instanceof Launch l ? l.withEpoch(epoch) : ((Terminate) action).withEpoch(epoch);
      result = checkLease(); // right before acting: the lease must still be ours and cover the call
    }
    if (result != null) {
      errors.add("lease: " + result.errors().get(0));
    } else if (action instanceof Sleep && standbySleep) {
      result = ActionResult.noop(); // a standby touches nothing, upkeep included
    } else if (action instanceof Sleep) {
      // Sleep still reaches the actuator: that is its chance for upkeep (the Auto Scaling actuator
      // protects busy workers and completes lifecycle hooks on every apply). A Sleep changes no
      // capacity, so a failure here is an error to report, not a launch of unknown outcome.
      try {
        ActionResult upkeep = actuator.apply(action, now);
        result = upkeep == null ? ActionResult.noop() : upkeep;
      } catch (Throwable e) {
        String err = failure("actuator", e);
        errors.add(err);
        result = new ActionResult(ActionResult.Status.NOOP, List.of(), List.of(), List.of(), List.of(err));
      }
    } else if (!saveIntent(action, now, errors)) {
      // deposed between the lease check and the write-ahead save: the new leader decides
      result = new ActionResult(ActionResult.Status.NOOP, List.of(), List.of(), List.of(),
          List.of("not applied: a newer leader holds the state store"));
    } else {
      try {
        result = Objects.requireNonNull(actuator.apply(action, now), "the actuator returned a null result");
      } catch (Throwable e) {
        // The call may have acted before it failed: not confirmed either way.
        String err = failure("actuator", e);
        errors.add(err);
        result = new ActionResult(ActionResult.Status.UNKNOWN, List.of(), List.of(), List.of(), List.of(err));
      }
    }
    recordLaunch(action, result, now);
    try {
      actions.record(action, result);
    } catch (RuntimeException e) {
      errors.add(failure("actions in flight", e) + " (not remembered)");
    }
    if (action instanceof Terminate && !result.terminated().isEmpty()) {
      inFlight = LaunchTracker.terminated(inFlight, result.terminated());
    }
    previous = snapshot;
    return finish(now, fleet, unseen, snapshot, stale, forecasts, proposal, outcome, action, result, errors, true);
  }

  /**
   * Takes or renews the lease at the start of a tick. Returns null when this controller leads
   * this tick, else why it stands by. A new lease (or a new epoch) claims the fenced store and
   * takes over the state the last leader saved (history, launches in flight; this controller's
   * predictors, kept warm as a standby, stay), and re-seeds the windows with the fleet.
   */
  private String lead(List<String> errors) {
    Lease l;
    try {
      l = Objects.requireNonNull(election.acquire(), "the leader election returned null");
    } catch (Throwable e) {
      leading = false;
      errors.add(failure("lease", e) + " (standing by: a leader that cannot confirm its lease does not act)");
      return "standby: the lease could not be confirmed";
    }
    if (!l.held()) {
      leading = false;
      epoch = l.epoch();
      return l.active() ? "standby: the lease is held by '" + l.holder() + "' (epoch " + l.epoch() + ")"
          : "standby: the lease is vacant";
    }
    if (!leading || l.epoch() != epoch) {
      try {
        fenced.claim(l.epoch());
        ControllerState st = fenced.load().orElse(null);
        if (st != null) {
          history = st.history();
          inFlight = st.inFlight();
        }
      } catch (Throwable e) {
        leading = false;
        errors.add(failure("state", e) + " (the lease of epoch " + l.epoch() + " is held but the store could not be"
            + " claimed or read; standing by)");
        return "standby: the store could not be claimed";
      }
      LOG.info("{} leads under epoch {}", election.candidate(), l.epoch());
      seeded = false; // the windows start again from the fleet, as after a restart
      leading = true;
      epoch = l.epoch();
    }
    return null;
  }

  /**
   * Gives up the lease (a clean shutdown), so that a standby takes over at its next tick instead of
   * after the lease expires; waits for a tick in progress. Does nothing without leader election or
   * when this controller does not lead. {@link ControllerRunner#close()} calls it.
   */
  public void releaseLease() {
    synchronized (lock) {
      if (election == null || !leading) {
        return;
      }
      leading = false;
      try {
        election.release(epoch);
        LOG.info("{} released the lease of epoch {}", election.candidate(), epoch);
      } catch (RuntimeException e) {
        LOG.warn("releasing the lease of epoch {} failed; it expires on its own", epoch, e);
      }
    }
  }

  /** Renews the lease right before an action; null if it is still ours and covers the action budget, else why not. */
  private ActionResult checkLease() {
    Lease l;
    Instant before;
    Instant at;
    try {
      // The lease's authority measures what is left from its answer; counted on this controller's
      // clock from before the request, the deadline can only come early.
      before = Objects.requireNonNull(clock.instant(), "the clock returned null");
      l = Objects.requireNonNull(election.renew(epoch), "the leader election returned null");
      at = Objects.requireNonNull(clock.instant(), "the clock returned null");
    } catch (Throwable e) {
      leading = false;
      return ActionResult.refused("LeaseUnconfirmed: the lease of epoch " + epoch + " could not be renewed before acting ("
          + describe(e) + ")");
    }
    if (!l.held() || l.epoch() != epoch) {
      leading = false;
      return ActionResult.refused("LeaseLost: the lease of epoch " + epoch + " was lost before acting (now held by '"
          + l.holder() + "' under epoch " + l.epoch() + ")");
    }
    Instant deadline = before.plus(l.remaining());
    if (at.plus(actionBudget).isAfter(deadline)) {
      return ActionResult.refused("LeaseTooShort: the lease of epoch " + epoch + " has " + Duration.between(at, deadline)
          + " left, less than the action budget " + actionBudget);
    }
    return null;
  }

  /**
   * Checks {@code now} against the last tick; after a step back or a long gap re-anchors the
   * history and the launches in flight so the gap counts as one tick. Returns the fault that
   * forbids scale-in this tick (a step back), or null.
   */
  private String checkClock(Instant now, List<String> errors) {
    Instant last = lastTick;
    if (last == null || now.equals(last)) {
      lastTick = now;
      return null;
    }
    Duration since = Duration.between(last, now);
    String fault = null;
    if (since.isNegative()) {
      errors.add("clock: stepped back by " + since.negated() + " (last tick " + last + ", this tick " + now
          + "); windows go on as if one tick had passed, and this tick cannot scale in");
      fault = "the clock stepped back by " + since.negated();
    } else if (since.compareTo(maxTickGap) > 0) {
      errors.add("clock: " + since + " since the last tick at " + last + ", more than maxTickGap " + maxTickGap
          + "; windows count it as one tick");
    } else {
      lastTick = now;
      return null;
    }
    Duration shift = since.minus(tick);
    history = history.shifted(shift);
    List<InFlightLaunch> moved = new ArrayList<>(inFlight.size());
    for (InFlightLaunch l : inFlight) {
      moved.add(l.shifted(shift));
    }
    inFlight = List.copyOf(moved);
    if (since.isNegative()) {
      // Observation stamps from before the step mean nothing now.
      previous = null;
      serviceTimes.forgetObservationTimes();
      lastPredictorObservation.clear();
      predictorsSavedAt = null;
      policySavedAt = null;
    }
    lastTick = now;
    return fault;
  }

  /** Matches launches in flight with the fleet; returns their instances the fleet does not list. */
  private int reconcileLaunches(Fleet fleet, Instant now, List<String> errors) {
    if (inFlight.isEmpty()) {
      lastUnseen = 0;
      return 0;
    }
    try {
      LaunchTracker.Result r = LaunchTracker.reconcile(inFlight, fleet, now, launchTimeout);
      inFlight = r.inFlight();
      if (!r.worked().isEmpty()) {
        history = history.withLaunchSuccess();
      }
      for (InFlightLaunch l : r.failed()) {
        String why = "LaunchNeverRan: none of the " + l.count() + " instance(s) of launch " + l.token() + " at " + l.at()
            + " reached RUNNING within boot time + grace (" + launchTimeout + ")";
        history = history.withLaunchFailure(now, why);
        errors.add("launch: " + why);
      }
      lastUnseen = r.unseen();
    } catch (Throwable e) {
      errors.add(failure("launches in flight", e) + " (their last count, " + lastUnseen + ", still counts as pending)");
    }
    return lastUnseen;
  }

  /**
   * Saves a launch as in flight before it is applied (write-ahead): a controller that dies between
   * the call and the tick's state save comes back knowing the launch may have happened, and does
   * not launch it again while a lagging view does not list it yet. Under leader election the save
   * is fenced by this leader's epoch like every other save: a leader deposed since its lease check
   * must neither overwrite the new leader's state nor act.
   *
   * @return false if a newer leader holds the store (the action must not be applied); true
   *     otherwise, also when the save failed for another reason (the launch goes ahead unsaved, as
   *     the error says)
   */
  private boolean saveIntent(Action action, Instant now, List<String> errors) {
    if (!(action instanceof Launch l) || l.count() <= 0) {
      return true;
    }
    List<InFlightLaunch> next = new ArrayList<>(inFlight.size() + 1);
    next.addAll(inFlight);
    next.add(InFlightLaunch.started(l.token(), l.instanceType(), l.count(), now, List.of()));
    ControllerState intent = new ControllerState(now, history, savedPredictors, serviceTimes.estimates(),
        List.copyOf(next), savedPolicy);
    try {
      if (election == null) {
        stateStore.save(intent);
      } else {
        fenced.save(intent, epoch);
      }
    } catch (StaleEpochException e) {
      leading = false;
      errors.add(failure("state", e) + " (the launch was not applied: a newer leader holds the store; this controller stands by)");
      return false;
    } catch (Throwable e) {
      errors.add(failure("state", e) + " (the launch was not saved as in flight before it was applied)");
    }
    return true;
  }

  /** Records a launch that may have started instances as in flight, and a launch that surely failed for the back-off. */
  private void recordLaunch(Action action, ActionResult result, Instant now) {
    if (!(action instanceof Launch l) || l.count() <= 0) {
      return;
    }
    ActionResult.Status st = result.status();
    if (st == ActionResult.Status.FAILED) {
      history = history.withLaunchFailure(now, result.errors().isEmpty() ? "unknown error" : result.errors().get(0));
      return;
    }
    if (st != ActionResult.Status.OK && st != ActionResult.Status.PARTIAL && st != ActionResult.Status.UNKNOWN) {
      return; // a dry run launches nothing
    }
    Set<String> reactivated = new HashSet<>(l.reactivate());
    List<String> ids = new ArrayList<>();
    for (String id : new java.util.LinkedHashSet<>(result.launched())) {
      if (id != null && !id.isBlank() && !reactivated.contains(id) && ids.size() < l.count()) {
        ids.add(id);
      }
    }
    int count = st == ActionResult.Status.PARTIAL ? ids.size() : l.count();
    if (count == 0) {
      history = history.withLaunchFailure(now, result.errors().isEmpty() ? "no instance launched" : result.errors().get(0));
      return;
    }
    List<InFlightLaunch> next = new ArrayList<>(inFlight.size() + 1);
    next.addAll(inFlight);
    next.add(InFlightLaunch.started(l.token(), l.instanceType(), count, now, ids));
    inFlight = List.copyOf(next);
  }

  private TickReport finish(Instant now, Fleet fleet, int unseen, Snapshot snapshot, Set<String> stale,
      Map<String, Forecast> forecasts, Proposal proposal, GuardChain.Outcome outcome, Action action,
      ActionResult result, List<String> errors, boolean record) {
    if (record) {
      history = history.plus(new HistoryEntry(now, (int) Math.min(Integer.MAX_VALUE, (long) fleet.effective() + unseen),
          proposal.desired(), outcome.desired(), appliedChange(action, result)), historyRetention);
    }
    try {
      if (election == null) {
        stateStore.save(currentState(now, errors));
      } else if (leading) {
        fenced.save(currentState(now, errors), epoch); // a standby saves nothing
      }
    } catch (StaleEpochException e) {
      leading = false;
      errors.add(failure("state", e) + " (not saved: a newer leader holds the store; this controller stands by)");
    } catch (Throwable e) {
      errors.add(failure("state", e) + " (not saved; a restart now would resume from the last state saved)");
    }
    TickReport report = new TickReport(now, policyName, fleet.running(),
        (int) Math.min(Integer.MAX_VALUE, (long) fleet.pending() + unseen), fleet.draining(), unseen,
        snapshot.readings(), stale, forecasts, proposal, outcome.effects(), outcome.desired(), action, result, errors);
    return notifyListeners(election == null ? report : report.withRole(leading ? Role.LEADER : Role.STANDBY, epoch));
  }

  /** Tells every listener; a listener that fails is named in the returned report (the others still hear). */
  private TickReport notifyListeners(TickReport report) {
    List<String> failed = null;
    for (TickListener l : listeners) {
      try {
        l.onTick(report);
      } catch (Throwable e) {
        if (failed == null) {
          failed = new ArrayList<>(1);
        }
        failed.add(failure("listener", e) + " (" + l.getClass().getName() + ")");
      }
    }
    return failed == null ? report : report.withErrors(failed);
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

  private void updateServiceTimes(Snapshot snapshot, List<String> errors) {
    for (JobClass c : jobClasses) {
      Reading r = snapshot.reading(c.serviceTimeSignal());
      if (r == null || snapshot.isStale(r.name()) || r.value() <= 0) {
        continue;
      }
      String outlier = serviceTimes.observe(c, r.value(), r.observedAt());
      if (outlier != null) {
        errors.add("signals: " + outlier);
      }
    }
  }

  private Map<String, Forecast> updatePredictors(Snapshot snapshot, Instant now, List<String> errors) {
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
          lastPredictorObservation.put(series, r.observedAt()); // even if refused: one error per observation
          try {
            p.observe(r.observedAt(), r.value());
          } catch (Throwable ex) {
            errors.add(failure("predictor " + p.name() + " for " + series, ex) + " (observation " + r.value()
                + " not learnt)");
          }
        }
      }
      try {
        Optional<Forecast> f = p.forecast(now, horizon);
        if (f != null && f.isPresent()) {
          out.put(series, f.get());
        }
      } catch (Throwable ex) {
        errors.add(failure("predictor " + p.name() + " for " + series, ex) + " (no forecast this tick)");
      }
    }
    return out;
  }

  private ControllerState currentState(Instant now, List<String> errors) {
    // Predictor state is large (a weekly profile) and changes slowly: serialise it every
    // predictorSaveInterval, not every tick. A restart loses at most that much learning.
    if (!predictors.isEmpty()
        && (predictorsSavedAt == null || !now.isBefore(predictorsSavedAt.plus(predictorSaveInterval)))) {
      Map<String, String> preds = new HashMap<>(savedPredictors);
      predictors.forEach((k, p) -> {
        try {
          preds.put(k, Objects.requireNonNull(p.saveState(), "saveState returned null"));
        } catch (Throwable e) {
          // One predictor that cannot save must not stop the rest of the state from being saved.
          errors.add(failure("state", e) + " (predictor " + p.name() + " for " + k + " not saved; its last saved state is kept)");
        }
      });
      savedPredictors = Map.copyOf(preds);
      predictorsSavedAt = now;
    }
    // The policy's state is serialised every policySaveInterval (by default every tick: its confidence
    // moves every tick, and under every fault at once a state 5 minutes old cost 0.2 points of SLO).
    if (policySavedAt == null || !now.isBefore(policySavedAt.plus(policySaveInterval))) {
      try {
        String ps = policy.saveState();
        savedPolicy = ps == null ? Map.of() : Map.of(policy.name(), ps);
        policySavedAt = now;
      } catch (Throwable e) {
        if (e instanceof VirtualMachineError v) {
          throw v;
        }
        errors.add(failure("state", e) + " (policy " + policy.name() + " not saved; its last saved state is kept)");
      }
    }
    return new ControllerState(now, history, savedPredictors, serviceTimes.estimates(), inFlight, savedPolicy);
  }

  /** Signals naming a job class nobody configured (a typo on either side), reported once per name. */
  private void checkReadings(Snapshot snapshot, List<String> errors) {
    List<Reading> future = snapshot.fromTheFuture();
    if (!future.isEmpty()) {
      List<String> names = new ArrayList<>(future.size());
      for (Reading r : future) {
        names.add(r.name() + " at " + r.observedAt());
      }
      errors.add("signals: readings stamped more than " + freshness.maxSkew() + " after the tick are from the future"
          + " and count as stale: " + names);
    }
    if (checkedNames.size() >= MAX_CHECKED_NAMES) {
      return;
    }
    for (String name : snapshot.asMap().keySet()) {
      if (checkedNames.add(name)) {
        String cls = SignalNames.jobClassOf(name);
        if (cls != null && !classesByName.containsKey(cls)) {
          errors.add("signals: '" + name + "' names job class '" + cls + "', which is not configured (job classes: "
              + new TreeSet<>(classesByName.keySet()) + "); a typo in the source or in a jobClass?");
        }
      }
    }
  }

  /** A required signal no reading has ever had: scale-in is off until it comes, and the report says so. */
  private void checkRequiredEverReported(Snapshot snapshot, Set<String> stale, List<String> errors) {
    if (requiredEverReported.size() == requiredSignals.size()) {
      return;
    }
    for (String name : requiredSignals) {
      if (snapshot.has(name)) {
        requiredEverReported.add(name);
      } else if (stale.contains(name) && !requiredEverReported.contains(name)) {
        errors.add("signals: required signal '" + name + "' has never been reported by the signal source;"
            + " scale-in stays off until it is");
      }
    }
  }

  /** The decision's idempotency token; under leader election it names the epoch, so two leaders never share one. */
  private String token(Instant now, int desired, int current) {
    String t = "gov-" + now.getEpochSecond() + "-" + current + "-" + desired;
    return election != null && leading ? t + "-e" + epoch : t;
  }

  /**
   * Turns a failure into a report error naming its stage. A {@link VirtualMachineError} is logged
   * and rethrown: the JVM is in trouble and the host must know.
   */
  static String failure(String stage, Throwable e) {
    if (e instanceof VirtualMachineError vme) {
      LOG.error("{} failed fatally; the error propagates", stage, vme);
      throw vme;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt(); // keep the host's interrupt
    }
    if (e instanceof RuntimeException) {
      LOG.debug("{} failed", stage, e);
    } else {
      LOG.warn("{} failed with {}", stage, e.getClass().getName(), e);
    }
    return stage + ": " + describe(e);
  }

  private static String describe(Throwable e) {
    String m;
    try {
      m = e.getMessage();
    } catch (RuntimeException broken) {
      m = null;
    }
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * The policy that proposes the desired capacity each tick.
   *
   * @return the policy set with {@link Builder#policy} or {@link Builder#standardGovernor}
   */
  public ScalingPolicy policy() {
    return policy;
  }

  /**
   * The job classes this controller serves.
   *
   * @return the configured classes in the order they were added; unmodifiable
   */
  public List<JobClass> jobClasses() {
    return jobClasses;
  }

  /**
   * What every launch starts. Its boot time sets the forecast horizon (boot time + tick) and, plus
   * {@linkplain Builder#launchGrace launch grace}, how long a launch stays in flight.
   *
   * @return the instance type set with {@link Builder#launchType}
   */
  public InstanceType launchType() {
    return launchType;
  }

  /**
   * The interval the host is expected to tick at: {@link ControllerRunner} ticks at it, the
   * forecast horizon adds it to the boot time, and a gap between ticks longer than
   * {@linkplain Builder#maxTickGap maxTickGap} counts as one of it.
   *
   * @return the configured tick interval (default 60 s)
   */
  public Duration tickInterval() {
    return tick;
  }

  /**
   * The signals whose staleness forbids scale-in: the policy's
   * {@link ScalingPolicy#requiredSignals required signals} for the configured classes plus every
   * {@link Builder#requireSignal} name. A tick where any of them is missing, older than its
   * {@linkplain Freshness max age} or from the future cannot scale in.
   *
   * @return the signal names, fixed when the controller was built; unmodifiable
   */
  public Set<String> requiredSignals() {
    return requiredSignals;
  }

  /**
   * The scaling history as the guards of the next tick will see it (for tests and dashboards):
   * the ticks within {@linkplain Builder#historyRetention history retention}, the last scale-out
   * and scale-in, and the run of failed launches. Not synchronized with {@link #tick()}: read it
   * from the ticking thread or from a {@link TickListener}.
   *
   * @return the current history; immutable
   */
  public ScalingHistory history() {
    return history;
  }

  /**
   * The current service-time estimates, learnt online from each class's
   * {@code jobs.<class>.service_s} readings (an EWMA, {@code s = s + 0.2 * (x - s)}, the first
   * measurement replacing the prior; readings more than 10 times away from the median of the
   * estimate and the last two readings are not learnt; the estimate stays within
   * [prior / 100, prior * 100]) or restored from the saved state. A class with neither is absent:
   * policies then use its {@linkplain JobClass#serviceTimePrior() prior}. Waits for a tick in
   * progress.
   *
   * @return seconds per job, by job class name; an immutable copy
   */
  public Map<String, Double> serviceSeconds() {
    synchronized (lock) {
      return Map.copyOf(serviceTimes.estimates());
    }
  }

  /**
   * Launches whose instances have not all reached RUNNING yet. Until they do (or boot time plus
   * {@linkplain Builder#launchGrace launch grace} passes) the instances the fleet does not list
   * count as pending. Waits for a tick in progress.
   *
   * @return the launches in flight, oldest first; unmodifiable
   */
  public List<InFlightLaunch> inFlight() {
    synchronized (lock) {
      return inFlight;
    }
  }

  /**
   * Builds a controller; every setter validates at once and names the field, rule and value, and
   * {@link #build()} checks what depends on several settings. Every setter returns this builder.
   * Not thread-safe: configure it on one thread.
   */
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
    private Duration policySaveInterval = DEFAULT_POLICY_SAVE_INTERVAL;
    private Duration maxTickGap;
    private Duration launchGrace = DEFAULT_LAUNCH_GRACE;
    private Supplier<Predictor> defaultArrivalPredictor;
    private LeaderElection election;
    private Duration actionBudget;

    private Builder() {}

    /**
     * The benchmarked configuration ({@link Governors}): {@link Governors#policy()}, the guards
     * {@link Governors#guards(int, int)} within [{@code min}, {@code max}] instances, and arrivals
     * of every job class (added before or after this call) forecast by
     * {@link Governors#arrivalPredictor()}, unless a {@link #predictor} for that class's arrivals
     * is set, and the drain-first planner {@link Governors#planner()}. A later {@link #policy},
     * {@link #guards} or {@link #planner} call replaces that part.
     *
     * @param min the fewest instances the fleet may have (&gt;= 0)
     * @param max the most instances the fleet may have (&gt;= {@code min})
     * @return this builder
     * @throws IllegalArgumentException if {@code min < 0} or {@code max < min}, naming the value
     */
    public Builder standardGovernor(int min, int max) {
      this.guards = Governors.guards(min, max);
      this.policy = Governors.policy();
      this.defaultArrivalPredictor = Governors.arrivalPredictor();
      this.planner = Governors.planner();
      return this;
    }

    /**
     * Runs this controller as one of several of one pool: only the holder of {@code election}'s
     * lease acts and saves the state; the others stand by (they read the fleet and the signals and
     * keep their predictors warm, but act on nothing and save nothing). Every action carries the
     * leader's epoch and is refused when the store has a newer one. Requires a
     * {@link FencedStateStore} shared by the candidates (the default in-memory store is one, for a
     * single process). The lease is renewed right before each action, which is not attempted
     * unless at least {@code actionBudget} of it remains (default: half the lease). The actuator is
     * wrapped in a {@link FencedActuator}. Default: none (a single controller, {@link Role#SINGLE}).
     *
     * @param election the pool's lease, one instance per candidate
     * @return this builder
     * @throws NullPointerException if {@code election} is null
     */
    public Builder leaderElection(LeaderElection election) {
      this.election = Objects.requireNonNull(election, "leaderElection");
      return this;
    }

    /**
     * The least lease time that must remain, at the check right before an action, for the action
     * to be attempted (default: half of {@link LeaderElection#leaseDuration()}); it must cover
     * the actuator call. Only with {@link #leaderElection}.
     *
     * @param d the least lease time left to act; &gt; 0, and &lt; the lease duration (checked by
     *     {@link #build()}, which also fails if no leader election is set)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder actionBudget(Duration d) {
      this.actionBudget = Checks.positive("actionBudget", d);
      return this;
    }

    /**
     * The longest gap between two ticks that counts in full for the windows (default 3 ticks). A
     * longer gap — a clock stepped forward, a host that slept — counts as one tick, so it cannot
     * skip a stabilization window or a rate limit; it is reported in the tick's errors.
     *
     * @param d the longest gap that counts in full; &gt; 0, and &gt;= the {@linkplain #tick tick}
     *     (checked by {@link #build()}); default {@value Controller#DEFAULT_MAX_TICK_GAP_TICKS} ticks
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder maxTickGap(Duration d) {
      this.maxTickGap = Checks.positive("maxTickGap", d);
      return this;
    }

    /**
     * How long after the launch type's boot time a launch's instances may take to reach RUNNING
     * (default 3 min, which also covers a fleet view that lags). Until then the ones the fleet
     * does not list count as pending; after it, a launch none of whose instances ran counts as a
     * failed launch for the back-off.
     *
     * @param d the time allowed after the boot time; &gt;= 0, default
     *     {@link Controller#DEFAULT_LAUNCH_GRACE} (3 min)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder launchGrace(Duration d) {
      this.launchGrace = Checks.nonNegative("launchGrace", d);
      return this;
    }

    /**
     * How often predictor state is serialised into the saved state: a restart loses at most this
     * much of the predictors' learning. The rest of the state is saved every tick (the policy's
     * every {@link #policySaveInterval}).
     *
     * @param d the interval between predictor saves; &gt;= 0, default
     *     {@link Controller#DEFAULT_PREDICTOR_SAVE_INTERVAL} (15 min); an interval no longer than
     *     the tick saves them every tick
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder predictorSaveInterval(Duration d) {
      this.predictorSaveInterval = Checks.nonNegative("predictorSaveInterval", d);
      return this;
    }

    /**
     * How often the policy's state ({@link ScalingPolicy#saveState}) is serialised into the saved
     * state: a restart loses at most this much of what the policy learned (a
     * {@link Controller#warmStart} then adds the arrivals since the save). The first tick saves it.
     * Serialising the governor policy takes about 4 µs per job class
     * ({@code PolicyStateBenchmark}); a longer interval is for replays that tick millions of times.
     *
     * @param d the interval between policy saves; &gt;= 0, default
     *     {@link Controller#DEFAULT_POLICY_SAVE_INTERVAL} (0: every tick); an interval no longer
     *     than the tick saves it every tick
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Builder policySaveInterval(Duration d) {
      this.policySaveInterval = Checks.nonNegative("policySaveInterval", d);
      return this;
    }

    /**
     * The one clock read per tick (and twice more around the lease renewal before an action, under
     * leader election). Tests and the simulator pass a {@code ManualClock}.
     *
     * @param clock the time source; default {@link InstantSource#system()}
     * @return this builder
     * @throws NullPointerException if {@code clock} is null
     */
    public Builder clock(InstantSource clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the readings come from (required). Read once per tick with the tick's time; the
     * controller adds the {@code fleet.*} signals ({@link SignalNames#FLEET_RUNNING} and the others)
     * from the fleet view itself. A source that throws or returns null makes every signal of that
     * tick count as missing, which forbids scale-in.
     *
     * @param signals the signal source; no default
     * @return this builder
     * @throws NullPointerException if {@code signals} is null
     */
    public Builder signals(SignalSource signals) {
      this.signals = Objects.requireNonNull(signals, "signals");
      return this;
    }

    /**
     * How old a reading may be before it is stale, per signal, and how far ahead of the tick it may
     * be stamped before it is from the future.
     *
     * @param freshness the staleness rules; default {@link Freshness#ofDefaults()} (3 min for every
     *     signal, 10 s of clock skew)
     * @return this builder
     * @throws NullPointerException if {@code freshness} is null
     */
    public Builder freshness(Freshness freshness) {
      this.freshness = Objects.requireNonNull(freshness, "freshness");
      return this;
    }

    /**
     * Adds a job class to serve (at least one is required). Its name is what the conventional
     * signal names ({@code queue.<class>.visible}, …) refer to.
     *
     * @param c the class; its name must differ from every class added before
     * @return this builder
     * @throws NullPointerException if {@code c} is null
     * @throws IllegalArgumentException if a class of the same name was added already
     */
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

    /**
     * Adds several job classes, in iteration order, as {@link #jobClass} does one by one (the ones
     * before a failing one stay added).
     *
     * @param cs the classes; names unique among themselves and the classes added before
     * @return this builder
     * @throws NullPointerException if {@code cs} or one of its elements is null
     * @throws IllegalArgumentException if a name was added already
     */
    public Builder jobClasses(Collection<JobClass> cs) {
      cs.forEach(this::jobClass);
      return this;
    }

    /**
     * What every launch starts (required): its slots, boot time and hourly price. If the actuator
     * reports the {@linkplain Actuator#launchableTypes() types it can launch}, {@link #build()}
     * checks that this is one of them.
     *
     * @param t the instance type to launch; no default
     * @return this builder
     * @throws NullPointerException if {@code t} is null
     */
    public Builder launchType(InstanceType t) {
      this.launchType = Objects.requireNonNull(t, "launchType");
      return this;
    }

    /**
     * The policy that proposes the desired capacity each tick (required, unless
     * {@link #standardGovernor} set one); replaces any set before. Its
     * {@link ScalingPolicy#requiredSignals required signals} forbid scale-in when stale, and its
     * {@link ScalingPolicy#name() name} (which must not be null) names it in every report. A
     * policy keeps state: give each controller its own.
     *
     * @param p the policy; no default
     * @return this builder
     * @throws NullPointerException if {@code p} is null
     */
    public Builder policy(ScalingPolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    /**
     * The guard chain between the policy and the planner; replaces any set before. A
     * stabilization window or rate-limit period in it must fit in the
     * {@linkplain #historyRetention history retention} (checked by {@link #build()}).
     *
     * @param g the chain; default {@link Guards#standard(int, int) Guards.standard(0,
     *     Integer.MAX_VALUE)} (fail-safe, 5 min scale-in stabilization, launch back-off, step limit,
     *     bounds 0 to {@code Integer.MAX_VALUE}), set by {@link #build()} if none was given
     * @return this builder
     * @throws NullPointerException if {@code g} is null
     */
    public Builder guards(GuardChain g) {
      this.guards = Objects.requireNonNull(g, "guards");
      return this;
    }

    /**
     * Turns the guarded desired capacity into a launch, a termination or a sleep, choosing the
     * victims of a scale-in; replaces any set before.
     *
     * @param p the planner; default {@link Planner#ofDefaults()} (busy victims are drained, not
     *     killed)
     * @return this builder
     * @throws NullPointerException if {@code p} is null
     */
    public Builder planner(Planner p) {
      this.planner = Objects.requireNonNull(p, "planner");
      return this;
    }

    /**
     * What reads the fleet and applies the actions (required): EC2, Auto Scaling, the simulator or a
     * dry run. It is asked for the fleet once per tick and given every action, a sleep included
     * (its chance for upkeep).
     *
     * @param a the actuator; no default
     * @return this builder
     * @throws NullPointerException if {@code a} is null
     */
    public Builder actuator(Actuator a) {
      this.actuator = Objects.requireNonNull(a, "actuator");
      return this;
    }

    /**
     * Where the state survives restarts: scaling history, launches in flight, service-time
     * estimates, predictor state and what the policy has learned ({@link ScalingPolicy#saveState};
     * the governor policy's rates, noise and confidence z). Loaded when the controller is built (a store that fails to load
     * is reported in the first tick's errors and the controller starts afresh), saved every tick.
     * Must be a {@link FencedStateStore} shared by the candidates under {@link #leaderElection}
     * (checked by {@link #build()}).
     *
     * @param s the store; default a new {@link InMemoryStateStore} (state lasts as long as the
     *     process)
     * @return this builder
     * @throws NullPointerException if {@code s} is null
     */
    public Builder stateStore(StateStore s) {
      this.stateStore = Objects.requireNonNull(s, "stateStore");
      return this;
    }

    /**
     * Adds a listener that hears every tick's report, in the order listeners were added. A
     * listener that throws is named in the report's errors; the others still hear. Default: none.
     *
     * @param l the listener, e.g. a {@link LoggingTickListener} or a {@link TraceRecorder}
     * @return this builder
     * @throws NullPointerException if {@code l} is null
     */
    public Builder listener(TickListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /**
     * Learns {@code series} (a signal name) each tick and forecasts it at now + boot time + tick.
     * A conventional name ({@code queue.<class>.…}, {@code jobs.<class>.…}) must name a configured
     * class and a known signal, checked when the controller is built. A fresh reading with a new
     * observation time is learnt; the forecast is passed to the policy under {@code series}.
     *
     * @param series the signal name to learn and forecast, unique among the predictors
     * @param factory makes the controller's predictor for it, called once by {@link #build()}
     *     (which fails with a {@link NullPointerException} if it returns null)
     * @return this builder
     * @throws NullPointerException if {@code series} or {@code factory} is null
     * @throws IllegalArgumentException if a predictor for {@code series} was added already
     */
    public Builder predictor(String series, Supplier<Predictor> factory) {
      Objects.requireNonNull(series, "series");
      Objects.requireNonNull(factory, "predictor factory");
      if (predictors.containsKey(series)) {
        throw new IllegalArgumentException("predictor series must be unique, but '" + series + "' was added twice");
      }
      predictors.put(series, factory);
      return this;
    }

    /**
     * Forecasts the arrivals ({@code queue.<class>.arrivals_per_s}) of every job class configured so
     * far, as {@link #predictor} does for each (so call it after the {@code jobClass}es).
     *
     * @param factory makes one predictor per class
     * @return this builder
     * @throws NullPointerException if {@code factory} is null
     * @throws IllegalStateException if no job class was added yet
     * @throws IllegalArgumentException if one of those classes' arrivals has a predictor already
     */
    public Builder predictArrivals(Supplier<Predictor> factory) {
      Objects.requireNonNull(factory, "predictor factory");
      if (jobClasses.isEmpty()) {
        throw new IllegalStateException("predictArrivals forecasts the job classes configured so far, but there are none:"
            + " call jobClass(...) before predictArrivals(...)");
      }
      for (JobClass c : jobClasses) {
        predictor(c.arrivalsSignal(), factory);
      }
      return this;
    }

    /**
     * A signal whose staleness forbids scale-in, in addition to the policy's own. A conventional
     * name must name a configured class and a known signal (checked when built); any other name
     * that the source never reports is named in every tick's errors until it does.
     *
     * @param name the signal name; not blank
     * @return this builder
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public Builder requireSignal(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank()) {
        throw new IllegalArgumentException("requireSignal name must not be blank");
      }
      extraRequired.add(name);
      return this;
    }

    /**
     * The interval the host ticks at. It is the unit of the windows' clock-step handling, part of
     * the forecast horizon (boot time + tick), and what {@link ControllerRunner} waits between ticks.
     *
     * @param d the tick interval; &gt; 0, default 60 s
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder tick(Duration d) {
      this.tick = Checks.positive("tick", d);
      return this;
    }

    /**
     * How long past ticks are kept in the scaling history the guards look back on. It must cover
     * the longest stabilization window and rate-limit period of the {@linkplain #guards guards}
     * (checked by {@link #build()}).
     *
     * @param d the retention; &gt; 0, default {@link ScalingHistory#DEFAULT_RETENTION} (2 h)
     * @return this builder
     * @throws NullPointerException if {@code d} is null
     * @throws IllegalArgumentException if {@code d} is zero or negative
     */
    public Builder historyRetention(Duration d) {
      this.historyRetention = Checks.positive("historyRetention", d);
      return this;
    }

    /**
     * Checks the settings together and builds the controller, which loads the saved state from the
     * {@linkplain #stateStore state store} and makes its predictors. The builder may be reused.
     *
     * @return a controller ready to {@link Controller#tick() tick}
     * @throws IllegalStateException if {@code signals}, {@code launchType}, {@code policy} or
     *     {@code actuator} is not set; no job class was added; under leader election the state
     *     store is not a {@link FencedStateStore} or the action budget is not below the lease; an
     *     action budget is set without leader election; a {@link #requireSignal} or
     *     {@link #predictor} name breaks the {@linkplain SignalNames conventions};
     *     {@code maxTickGap < tick}; a guard looks back further than {@code historyRetention}; or
     *     the actuator cannot launch {@code launchType} — each message names the setting
     * @throws NullPointerException if the policy's name, a predictor factory's predictor or the
     *     election's lease duration is null
     */
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
      if (defaultArrivalPredictor != null) {
        for (JobClass c : jobClasses) {
          predictors.putIfAbsent(c.arrivalsSignal(), defaultArrivalPredictor);
        }
      }
      if (election != null) {
        if (!(stateStore instanceof FencedStateStore)) {
          throw new IllegalStateException("stateStore must be a FencedStateStore when leaderElection is set, but was "
              + stateStore.getClass().getName());
        }
        Duration lease = Objects.requireNonNull(election.leaseDuration(), "leaseDuration");
        if (actionBudget != null && actionBudget.compareTo(lease) >= 0) {
          throw new IllegalStateException("actionBudget must be < the lease duration (" + lease + "), but was "
              + actionBudget);
        }
      } else if (actionBudget != null) {
        throw new IllegalStateException("actionBudget needs leaderElection(...) to be set");
      }
      Set<String> classes = new TreeSet<>();
      jobClasses.forEach(c -> classes.add(c.name()));
      for (String name : extraRequired) {
        checkSignalName("requireSignal", name, classes);
      }
      for (String series : predictors.keySet()) {
        checkSignalName("predictor series", series, classes);
      }
      if (maxTickGap != null && maxTickGap.compareTo(tick) < 0) {
        throw new IllegalStateException("maxTickGap must be >= tick (" + tick + "), but was " + maxTickGap);
      }
      for (Guard g : guards.guards()) {
        Duration w = g instanceof StabilizationGuard sg ? sg.window() : g instanceof RateLimitGuard rg ? rg.period() : null;
        if (w != null && w.compareTo(historyRetention) > 0) {
          throw new IllegalStateException("guard " + g.name() + " looks back " + w + ", so historyRetention must be >= "
              + w + ", but was " + historyRetention + " (raise historyRetention or shorten the window)");
        }
      }
      Optional<Set<String>> types;
      try {
        types = actuator.launchableTypes();
      } catch (RuntimeException e) {
        types = Optional.empty(); // an actuator that cannot say is checked by its first launch
      }
      if (types != null && types.isPresent() && !types.get().contains(launchType.name())) {
        throw new IllegalStateException("launchType must be one the actuator can launch " + new TreeSet<>(types.get())
            + ", but was '" + launchType.name() + "'");
      }
      return new Controller(this);
    }

    private static void checkSignalName(String field, String name, Set<String> classes) {
      String problem = SignalNames.checkConventional(name, classes);
      if (problem != null) {
        throw new IllegalStateException(field + " '" + name + "' " + problem);
      }
    }

    private static void require(Object o, String field) {
      if (o == null) {
        throw new IllegalStateException(field + " must be set");
      }
    }
  }
}
