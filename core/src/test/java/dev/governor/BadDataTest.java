package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static dev.governor.Fixtures.queue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.guard.Guards;
import dev.governor.policy.HybridPolicy;
import dev.governor.signal.Freshness;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import dev.governor.signal.Snapshot;
import dev.governor.state.InMemoryStateStore;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Readings from the future, outliers and fleet views that contradict themselves. */
class BadDataTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();

  @Test
  void aReadingFromTheFutureIsStaleAndNeverBeatsACurrentOne() {
    String v = SignalNames.visible("uploads");
    Snapshot both = Snapshot.of(T0, List.of(new Reading(v, 50, T0), new Reading(v, 0, T0.plus(HOUR))),
        Freshness.ofDefaults());
    assertEquals(50, both.reading(v).value(), "the dead source's value stamped +1 h does not win");
    assertEquals(false, both.isStale(v));
    Snapshot alone = Snapshot.of(T0, List.of(new Reading(v, 0, T0.plus(HOUR))), Freshness.ofDefaults());
    assertTrue(alone.isStale(v), "a reading an hour ahead is not fresh for an hour");
    Snapshot skew = Snapshot.of(T0, List.of(new Reading(v, 3, T0.plusSeconds(2))), Freshness.ofDefaults());
    assertEquals(false, skew.isStale(v), "a couple of seconds of clock skew is fine");
  }

  @Test
  void aSourcesOwnFleetReadingsNeverOverrideTheControllersViewOfTheFleet() {
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 100)).build();
    queue(signals, clock, "uploads", 0, 20, 0.5);
    // a source that also reports a fleet count (say, a stale dashboard's), stamped a second after the tick
    Instant later = clock.instant().plusSeconds(1);
    signals.set(SignalNames.FLEET_RUNNING, 1000, later).set(SignalNames.FLEET_SLOTS, 4000, later);
    TickReport r = c.tick();
    double running = r.readings().stream().filter(x -> x.name().equals(SignalNames.FLEET_RUNNING)).findFirst()
        .orElseThrow().value();
    double slots = r.readings().stream().filter(x -> x.name().equals(SignalNames.FLEET_SLOTS)).findFirst()
        .orElseThrow().value();
    assertEquals(10, running, r.summary());
    assertEquals(40, slots, r.summary());
    assertTrue(r.errors().stream().anyMatch(e -> e.contains("[fleet.running, fleet.slots] were ignored")),
        r.errors().toString());
  }

  @Test
  void aDeadSourcesLastValueStampedInTheFutureCannotScaleIn() {
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(),
        Guards.builder(1, 100).stabilization(Duration.ZERO).build()).build();
    Instant ahead = clock.instant().plus(HOUR);
    signals.set(SignalNames.visible("uploads"), 0, ahead).set(SignalNames.inflight("uploads"), 0, ahead)
        .set(SignalNames.arrivals("uploads"), 0, ahead);
    for (int k = 0; k < 10; k++) {
      TickReport r = c.tick();
      assertEquals(10, r.desired(), () -> "no scale-in on data from the future: " + r.summary());
      clock.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void oneAbsurdServiceTimeReadingBuysNoCapacityAndIsNotSaved() {
    InMemoryStateStore store = new InMemoryStateStore();
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(3, T0.minus(HOUR));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 10_000))
        .stateStore(store).build();
    int most = 0;
    for (int k = 0; k < 30; k++) {
      queue(signals, clock, "uploads", 0, 10, 0.3);
      signals.set(UPLOADS.serviceTimeSignal(), k == 10 ? 1e18 : 30, clock.instant());
      TickReport r = c.tick();
      most = Math.max(most, r.desired());
      clock.advance(Duration.ofMinutes(1));
    }
    assertTrue(most <= 3, "one 1e18 reading among 30 s readings must not buy capacity, but desired reached " + most);
    double saved = store.load().orElseThrow().serviceSeconds().get("uploads");
    assertEquals(30, saved, 1e-9, "the saved estimate is not poisoned");
  }

  @Test
  void oneAbsurdDepthReadingCannotTakeTheStandardChainToItsMaximumInOneTick() {
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(2, T0.minus(HOUR));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(), Guards.standard(2, 10_000)).build();
    queue(signals, clock, "uploads", 1e18, 0, 0.1);
    TickReport r = c.tick();
    assertTrue(r.desired() <= 34, () -> "the standard step limit: 2 + max(32, 15 × 2): " + r.summary());
  }

  @Test
  void aGenuineTenThousandJobBurstIsStillAnsweredWithinTwoTicks() {
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = Fixtures.controller(clock, signals, fleet, HybridPolicy.ofDefaults(), Guards.standard(2, 500)).build();
    queue(signals, clock, "uploads", 10_000, 0, 1.5);
    TickReport first = c.tick();
    assertTrue(first.desired() >= 150, first.summary());
    clock.advance(Duration.ofMinutes(1));
    queue(signals, clock, "uploads", 10_000, 0, 1.5);
    TickReport second = c.tick();
    assertEquals(second.proposal().desired(), second.desired(), "the policy's full answer a minute later: " + second.summary());
  }

  @Test
  void anInstanceListedTwiceIsNeverTerminatedOnTheStrengthOfEitherEntry() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(5, T0.minus(HOUR));
    Instant now = clock.instant();
    world.inner.setBusy(world.inner.fleet(now).instances().get(0).id(), 2); // the first one is busy…
    world.listFirstTwice = true; // …and the view also lists it as idle
    Scripted shrink = new Scripted(0);
    Controller c = Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(shrink)
        .guards(Guards.builder(0, 100).stabilization(Duration.ZERO).failSafe(false).build()).actuator(world).build();
    for (int k = 0; k < 5; k++) {
      queue(signals, clock, "uploads", 0, 0, 0);
      TickReport r = c.tick();
      assertTrue(world.busyTerminated.isEmpty(), () -> "busy instance terminated: " + r.summary());
      assertTrue(r.errors().stream().anyMatch(e -> e.contains("listed 2 times")), r.errors()::toString);
      assertTrue(!(r.action() instanceof Terminate t) || t.capacityDelta() == 0, () -> "no scale-in: " + r.summary());
      clock.advance(Duration.ofMinutes(1));
    }
  }
}
