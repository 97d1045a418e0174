package dev.governor.ha.postgres;

import dev.governor.Controller;
import dev.governor.TickReport;
import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.fleet.JobClass;
import dev.governor.guard.Guards;
import dev.governor.ha.FencedActuator;
import dev.governor.ha.Lease;
import dev.governor.ha.Role;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Several controllers of one pool, each with its own connection to PostgreSQL, over one shared
 * in-memory fleet. The controllers' clock is a {@link ManualClock} moved one tick per round; the
 * lease runs on the database's clock, and a round lasts {@link #ROUND} of real time.
 *
 * <p>Every call that reaches the shared fleet is logged ({@link Act}); the fleet itself is fenced
 * by the database's epoch ({@link FencedActuator} on an observer's store), as a resource that
 * checks fencing tokens is.
 */
final class Cluster {
  static final Duration LEASE = Duration.ofSeconds(2);
  static final Duration ROUND = Duration.ofMillis(400);
  static final Duration TICK = Duration.ofSeconds(30);
  static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);
  static final JobClass UPLOADS = JobClass.of("uploads", Duration.ofMinutes(5), Duration.ofSeconds(30));

  /** One call that reached the shared fleet: who, under which epoch, what, and how it ended. */
  record Act(String candidate, long epoch, Action action, ActionResult.Status status, long round) {}

  /** One report with the round it came from. */
  record Tick(String candidate, long round, TickReport report) {}

  final PgServer server;
  final String poolName;
  final ManualClock clock = new ManualClock(T0);
  final ManualSignalSource signals = new ManualSignalSource();
  final InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(4, T0.minus(Duration.ofHours(1)));
  final Actuator fenced;
  final PostgresLeaderElection observer;
  final List<Act> acts = Collections.synchronizedList(new ArrayList<>());
  final List<Tick> ticks = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Member> members = new LinkedHashMap<>();
  final AtomicLong round = new AtomicLong();
  volatile int want = 4;
  int maxEffective;

  Cluster(PgServer server, String poolName, String... ids) {
    this.server = server;
    this.poolName = poolName;
    PgServer.Cuttable admin = server.dataSource("observer-" + poolName);
    this.observer = new PostgresLeaderElection(admin, poolName, "observer", LEASE);
    this.fenced = new FencedActuator(fleet, new PostgresStateStore(admin, poolName));
    for (String id : ids) {
      members.put(id, new Member(id));
    }
  }

  /** The policy of every member: wants what the test says. */
  final class Wants implements ScalingPolicy {
    @Override
    public String name() {
      return "wants";
    }

    @Override
    public Proposal propose(PolicyContext context) {
      return Proposal.of(want, Reason.of("test", "wants " + want));
    }
  }

  /** One controller with its own connection, actuator wrapper and an optional pause before its calls. */
  final class Member implements Actuator {
    final String id;
    final PgServer.Cuttable db;
    final PostgresLeaderElection election;
    final PostgresStateStore store;
    final Controller controller;
    volatile boolean alive = true;
    /** A pause (ms) before the next call to the fleet: a GC pause between the controller's checks and the call. */
    volatile long pauseBeforeNextCall;

    Member(String id) {
      this.id = id;
      this.db = server.dataSource(poolName + "-" + id);
      this.election = new PostgresLeaderElection(db, poolName, id, LEASE);
      this.store = new PostgresStateStore(db, poolName);
      this.controller = Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE)
          .policy(new Wants()).guards(Guards.builder(0, 100).stepLimit(null).build()).actuator(this)
          .stateStore(store).leaderElection(election).tick(TICK).build();
    }

    @Override
    public Fleet fleet(Instant now) {
      return fleet.fleet(now);
    }

    @Override
    public ActionResult apply(Action action, Instant now) {
      long pause = pauseBeforeNextCall;
      if (pause > 0) {
        pauseBeforeNextCall = 0;
        sleep(pause);
      }
      ActionResult r = fenced.apply(action, now);
      acts.add(new Act(id, action.epoch(), action, r.status(), round.get()));
      return r;
    }

    TickReport tick() {
      TickReport r = controller.tick();
      ticks.add(new Tick(id, round.get(), r));
      return r;
    }
  }

  Member member(String id) {
    return members.get(id);
  }

  /** One round: fresh signals, every live member ticks once (in order), the clock moves one tick, the round's real time passes. */
  void round() {
    long started = System.nanoTime();
    Instant now = clock.instant();
    signals.set(SignalNames.visible("uploads"), 0, now).set(SignalNames.inflight("uploads"), 0, now);
    for (Member m : members.values()) {
      if (m.alive) {
        m.tick();
      }
    }
    maxEffective = Math.max(maxEffective, fleet.fleet(clock.instant()).effective());
    clock.advance(TICK);
    round.incrementAndGet();
    long left = ROUND.toNanos() - (System.nanoTime() - started);
    if (left > 0) {
      sleep(left / 1_000_000);
    }
  }

  void rounds(int n) {
    for (int k = 0; k < n; k++) {
      round();
    }
  }

  /** Runs rounds until {@code id} leads (at most {@code max} rounds); returns the rounds run. */
  int roundsUntilLeader(int max) {
    for (int k = 1; k <= max; k++) {
      round();
      if (leaderOf(round.get() - 1) != null) {
        return k;
      }
    }
    return -1;
  }

  /** The member that reported LEADER in {@code r}, or null. */
  String leaderOf(long r) {
    synchronized (ticks) {
      for (Tick t : ticks) {
        if (t.round() == r && t.report().role() == Role.LEADER) {
          return t.candidate();
        }
      }
    }
    return null;
  }

  /** The lease as the database sees it now. */
  Lease lease() {
    return observer.observe();
  }

  /** Runs rounds while the lease is still valid (a dead leader's), at most {@code max}; returns how many. */
  int roundsUntilLeaseExpires(int max) {
    int k = 0;
    while (lease().active() && k < max) {
      round();
      k++;
    }
    return k;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Launched instance count of every launch that the shared fleet accepted. */
  int launched() {
    int n = 0;
    synchronized (acts) {
      for (Act a : acts) {
        if (a.action() instanceof Launch l && a.status() == ActionResult.Status.OK) {
          n += l.count();
        }
      }
    }
    return n;
  }
}
