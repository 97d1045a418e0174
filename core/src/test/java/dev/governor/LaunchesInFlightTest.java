package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Launch;
import dev.governor.guard.Guards;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.state.InMemoryStateStore;
import dev.governor.state.StateStore;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Launches in flight are state: one decision is never launched twice, and launches that never run back off. */
class LaunchesInFlightTest {
  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();
  private final Scripted policy = new Scripted(50);

  private Controller controller(FaultyWorld world, StateStore store) {
    return Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy)
        .guards(Guards.builder(0, 1000).stepLimit(null).build()).actuator(world).stateStore(store).build();
  }

  private TickReport tick(Controller c) {
    Instant now = clock.instant();
    signals.set(SignalNames.visible("uploads"), 5000, now).set(SignalNames.inflight("uploads"), 0, now);
    return c.tick();
  }

  /** Ticks every minute for {@code minutes}; returns the instances the world really started. */
  private int run(Controller c, FaultyWorld world, int minutes) {
    for (int k = 0; k < minutes; k++) {
      tick(c);
      clock.advance(Duration.ofMinutes(1));
    }
    return world.started;
  }

  @Test
  void aLostResponseWithALaggingViewIsNotLaunchedTwice() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.loseResponses = true;
    world.lag = Duration.ofSeconds(90);
    Controller c = controller(world, new InMemoryStateStore());
    assertEquals(50, run(c, world, 10), "one decision of 50, launched once");
  }

  @Test
  void aCallThatThrowsAfterActingIsNotLaunchedTwice() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.throwAfterActing = true;
    world.lag = Duration.ofSeconds(90);
    Controller c = controller(world, new InMemoryStateStore());
    assertEquals(50, run(c, world, 10));
  }

  @Test
  void aViewThatLagsWithNoErrorsIsNotLaunchedTwice() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.lag = Duration.ofSeconds(150);
    policy.want = 48;
    Controller c = controller(world, new InMemoryStateStore());
    assertEquals(48, run(c, world, 10));
  }

  @Test
  void aRestartThirtySecondsAfterALaunchDoesNotLaunchAgain() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.lag = Duration.ofSeconds(90);
    StateStore store = new InMemoryStateStore();
    Controller a = controller(world, store);
    tick(a);
    assertEquals(50, world.started);
    clock.advance(Duration.ofSeconds(30));
    Controller b = controller(world, store); // same store, new process
    assertEquals(50, run(b, world, 10));
  }

  @Test
  void aNewDecisionStillLaunchesWhatIsNewOnTopOfWhatIsInFlight() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.lag = Duration.ofSeconds(150);
    Controller c = controller(world, new InMemoryStateStore());
    run(c, world, 1);
    policy.want = 80;
    assertEquals(80, run(c, world, 5), "50 in flight + 30 more, not 80 more");
  }

  @Test
  void launchesThatNeverReachRunningBackOffInsteadOfRelaunchingEveryBoot() {
    FaultyWorld world = new FaultyWorld(TYPE);
    world.neverBoot = true;
    policy.want = 10;
    Controller c = controller(world, new InMemoryStateStore());
    int launches = 0;
    for (int k = 0; k < 120; k++) {
      if (tick(c).action() instanceof Launch) {
        launches++;
      }
      clock.advance(Duration.ofMinutes(1));
    }
    // Without a back-off: one launch per boot (2 min), 60 in two hours. With it: 1, 2, 4, 8, 15, 15… min pauses.
    assertTrue(launches <= 12, "launches in 2 h with every instance dying at boot: " + launches);
    assertTrue(c.history().launchFailures() >= 5, "each counted as a failure: " + c.history().launchFailures());
    assertTrue(c.history().lastLaunchError().contains("never reached RUNNING") || c.history().lastLaunchError()
        .contains("LaunchNeverRan"), c.history().lastLaunchError());
  }
}
