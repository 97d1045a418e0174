package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.guard.Guards;
import dev.governor.ha.FencedActuator;
import dev.governor.ha.InMemoryLeaderElection;
import dev.governor.ha.LeaderElection;
import dev.governor.ha.Role;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.state.FileStateStore;
import dev.governor.state.InMemoryStateStore;
import dev.governor.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Controllers under a leader election: one acts, the others stand by; a lost lease stops the action in its tick. */
class HighAvailabilityTest {
  private static final Duration TICK = Duration.ofMinutes(1);
  private static final Duration LEASE = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock(T0);
  /** The lease's own clock (the authority's), moved apart from the controllers' when a test pauses one. */
  private final ManualClock leaseClock = new ManualClock(T0);
  private final InMemoryLeaderElection.Pool lease = InMemoryLeaderElection.pool(leaseClock, LEASE);
  private final InMemoryActuator pool = new InMemoryActuator(TYPE).withRunning(4, T0.minus(Duration.ofHours(1)));
  private final InMemoryStateStore store = new InMemoryStateStore();
  private final ManualSignalSource signals = new ManualSignalSource();
  private final Scripted policy = new Scripted(4);

  private Controller controller(String id, ScalingPolicy p) {
    return Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(p)
        .guards(Guards.builder(0, 100).stepLimit(null).build()).actuator(pool).stateStore(store)
        .leaderElection(lease.candidate(id)).build();
  }

  private void signals() {
    Instant now = clock.instant();
    signals.set(SignalNames.visible("uploads"), 0, now).set(SignalNames.inflight("uploads"), 0, now);
  }

  /** One round: every controller ticks at the same instant, then both clocks move one tick. */
  private List<TickReport> round(Controller... cs) {
    signals();
    List<TickReport> out = new java.util.ArrayList<>();
    for (Controller c : cs) {
      out.add(c.tick());
    }
    clock.advance(TICK);
    leaseClock.advance(Duration.ofSeconds(10)); // renewed every tick, well inside the lease
    return out;
  }

  @Test
  void onlyTheLeaseHolderActsAndSavesTheStandbyReportsItself() {
    Controller a = controller("a", policy);
    Controller b = controller("b", policy);
    round(a, b); // seed
    policy.want = 7;
    List<TickReport> r = round(a, b);
    assertEquals(Role.LEADER, r.get(0).role());
    assertEquals(1, r.get(0).epoch());
    Launch launch = assertInstanceOf(Launch.class, r.get(0).action());
    assertEquals(3, launch.count());
    assertEquals(1, launch.epoch(), "the action carries the leader's epoch");
    assertEquals(ActionResult.Status.OK, r.get(0).result().status());
    assertEquals(Role.STANDBY, r.get(1).role());
    assertEquals(1, r.get(1).epoch(), "the standby reports the epoch it saw the leader hold");
    assertInstanceOf(Sleep.class, r.get(1).action(), "a standby acts on nothing");
    assertEquals(7, pool.fleet(clock.instant()).effective());
    assertEquals(r.get(0).at(), store.load().orElseThrow().savedAt(), "the state is the leader's");
    assertTrue(r.get(1).summary().contains("standby epoch 1"), r.get(1).summary());
  }

  @Test
  void aLeaseLostDuringTheTickStopsTheActionInThatTick() {
    ScalingPolicy pausing = new ScalingPolicy() {
      @Override
      public String name() {
        return "pausing";
      }

      @Override
      public Proposal propose(PolicyContext context) {
        leaseClock.advance(LEASE.plusSeconds(1)); // a pause longer than the lease, between taking it and acting
        lease.candidate("b").acquire(); // and another candidate took it meanwhile
        return Proposal.of(9, Reason.of("pausing", "wants 9"));
      }
    };
    Controller a = controller("a", pausing);
    TickReport r = round(a).get(0);
    assertEquals(ActionResult.Status.REFUSED, r.result().status());
    assertTrue(r.result().errors().get(0).startsWith("LeaseLost"), r.result().errors().toString());
    assertEquals(Role.STANDBY, r.role());
    assertEquals(4, pool.fleet(clock.instant()).effective(), "nothing launched");
    assertTrue(store.load().isEmpty(), "a deposed leader saves nothing");
  }

  @Test
  void aLeaderDeposedBeforeItsWriteAheadSaveNeitherOverwritesTheStoreNorLaunches() {
    ScalingPolicy deposed = new ScalingPolicy() {
      @Override
      public String name() {
        return "deposed";
      }

      @Override
      public Proposal propose(PolicyContext context) {
        store.claim(5); // a newer leader (epoch 5) took the store after this one's lease check
        return Proposal.of(9, Reason.of("deposed", "wants 9"));
      }
    };
    Controller a = controller("a", deposed);
    TickReport r = round(a).get(0);
    assertInstanceOf(Launch.class, r.action());
    assertEquals(ActionResult.Status.NOOP, r.result().status(), r.summary());
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("state: StaleEpoch") && e.contains("not applied")),
        r.errors().toString());
    assertEquals(Role.STANDBY, r.role(), "it stands by from the moment it learns of the newer leader");
    assertEquals(4, pool.fleet(clock.instant()).effective(), "nothing launched");
    assertTrue(store.load().isEmpty(), "the newer leader's store was not written by the deposed one");
  }

  @Test
  void anActionIsNotAttemptedWhenTheLeaseLeftCannotCoverIt() {
    ScalingPolicy slow = new ScalingPolicy() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public Proposal propose(PolicyContext context) {
        leaseClock.advance(Duration.ofSeconds(20)); // 10 s of 30 left after a renewal now: below the 15 s budget
        return Proposal.of(9, Reason.of("slow", "wants 9"));
      }
    };
    // The renewal right before the action extends the lease, so only an authority that will not renew
    // (a lease past its end) leaves too little: take the lease, then let the renew fail to extend.
    LeaderElection shortLease = new LeaderElection() {
      final LeaderElection d = lease.candidate("a");

      @Override
      public String candidate() {
        return d.candidate();
      }

      @Override
      public Duration leaseDuration() {
        return LEASE;
      }

      @Override
      public dev.governor.ha.Lease acquire() {
        return d.acquire();
      }

      @Override
      public dev.governor.ha.Lease renew(long epoch) {
        return d.observe(); // held, but not extended
      }

      @Override
      public dev.governor.ha.Lease observe() {
        return d.observe();
      }

      @Override
      public void release(long epoch) {
        d.release(epoch);
      }
    };
    Controller a = Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(slow)
        .guards(Guards.builder(0, 100).stepLimit(null).build()).actuator(pool).stateStore(store)
        .leaderElection(shortLease).build();
    TickReport r = round(a).get(0);
    assertEquals(ActionResult.Status.REFUSED, r.result().status());
    assertTrue(r.result().errors().get(0).startsWith("LeaseTooShort"), r.result().errors().toString());
    assertEquals(4, pool.fleet(clock.instant()).effective());
  }

  @Test
  void whatIsLeftOfTheLeaseIsCountedOnTheInjectedClockFromBeforeTheRenewal() {
    // The renewal answers "30 s left", but it took 20 s of the controller's own clock to answer: the
    // lease may have been renewed at the start of those 20 s, so only 10 s can be counted on.
    LeaderElection slowRenewal = new LeaderElection() {
      final LeaderElection d = lease.candidate("a");

      @Override
      public String candidate() {
        return d.candidate();
      }

      @Override
      public Duration leaseDuration() {
        return LEASE;
      }

      @Override
      public dev.governor.ha.Lease acquire() {
        return d.acquire();
      }

      @Override
      public dev.governor.ha.Lease renew(long epoch) {
        dev.governor.ha.Lease l = d.renew(epoch);
        clock.advance(Duration.ofSeconds(20));
        return l;
      }

      @Override
      public dev.governor.ha.Lease observe() {
        return d.observe();
      }

      @Override
      public void release(long epoch) {
        d.release(epoch);
      }
    };
    policy.want = 9;
    Controller a = Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy)
        .guards(Guards.builder(0, 100).stepLimit(null).build()).actuator(pool).stateStore(store)
        .leaderElection(slowRenewal).build();
    TickReport r = round(a).get(0);
    assertEquals(Role.LEADER, r.role());
    assertEquals(ActionResult.Status.REFUSED, r.result().status(), r.summary());
    assertTrue(r.result().errors().get(0).startsWith("LeaseTooShort"), r.result().errors().toString());
    assertEquals(4, pool.fleet(clock.instant()).effective(), "nothing launched");
  }

  @Test
  void closingTheRunnerHandsTheLeaseOverAtOnce() throws InterruptedException {
    Controller a = controller("a", policy);
    signals();
    ControllerRunner runner = ControllerRunner.start(a);
    long until = System.nanoTime() + 5_000_000_000L;
    while (lease.epoch() == 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(1, lease.epoch(), "the runner's first tick took the lease");
    runner.close();
    assertFalse(lease.candidate("b").observe().active(), "released, not left to expire");
    assertTrue(lease.candidate("b").acquire().held(), "a standby takes it at its next tick");
  }

  @Test
  void anActionOfAnOlderEpochThanTheStoresIsRefusedAndReported() {
    store.claim(5);
    ActionResult r = new FencedActuator(pool, store).apply(Launch.of(2, TYPE.name(), "t").withEpoch(4), clock.instant());
    assertEquals(ActionResult.Status.REFUSED, r.status());
    assertTrue(r.errors().get(0).startsWith("StaleEpoch"), r.errors().toString());
    assertFalse(r.succeeded());
    assertEquals(4, pool.fleet(clock.instant()).effective());
    ActionResult ok = new FencedActuator(pool, store).apply(Launch.of(2, TYPE.name(), "t").withEpoch(5), clock.instant());
    assertEquals(ActionResult.Status.OK, ok.status());
  }

  @Test
  void theNewLeaderTakesOverTheSavedStateAndCannotScaleInOnItsFirstTick() {
    Controller a = controller("a", policy);
    Controller b = controller("b", policy);
    round(a, b);
    policy.want = 8;
    round(a, b); // a launches 4 under epoch 1: in flight in the store
    // a dies; its lease runs out
    leaseClock.advance(LEASE);
    policy.want = 2;
    TickReport r = round(b).get(0);
    assertEquals(Role.LEADER, r.role());
    assertEquals(2, r.epoch());
    assertFalse(r.action() instanceof dev.governor.action.Terminate, "no scale-in on the tick it took over: " + r.summary());
    assertEquals(8, r.desired());
    assertEquals(2, store.epoch());
    assertEquals(1, b.inFlight().size(), "the launch in flight the last leader saved is taken over");
  }

  @Test
  void leaderElectionNeedsAFencedStoreAndABudgetInsideTheLease(@TempDir Path dir) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Controller.builder().clock(clock)
        .signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy).actuator(pool)
        .stateStore(new FileStateStore(dir.resolve("s.json"))).leaderElection(lease.candidate("a")).build());
    assertTrue(e.getMessage().startsWith("stateStore must be a FencedStateStore"), e.getMessage());
    IllegalStateException b = assertThrows(IllegalStateException.class, () -> Controller.builder().clock(clock)
        .signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy).actuator(pool)
        .leaderElection(lease.candidate("a")).actionBudget(LEASE).build());
    assertTrue(b.getMessage().startsWith("actionBudget must be < the lease duration"), b.getMessage());
  }
}
