package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.guard.GuardChain;
import dev.governor.guard.Guards;
import dev.governor.guard.LaunchBackoffGuard;
import dev.governor.guard.RateLimitGuard;
import dev.governor.policy.HybridConfig;
import dev.governor.policy.HybridPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.state.FileStateStore;
import dev.governor.state.InMemoryStateStore;
import dev.governor.state.StateStore;
import dev.governor.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock steps (NTP, a restored VM) and restarts: windows are neither skipped nor frozen, and a
 * step back is a fault that cannot scale in.
 */
class ClockAndRestartTest {
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Scripted.WallClock clock = new Scripted.WallClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();
  private final Scripted policy = new Scripted(10);

  private Controller.Builder controller(FaultyWorld world, GuardChain guards) {
    return Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy)
        .guards(guards).actuator(world);
  }

  /** Fresh depth readings at the clock's time (the scripted policy ignores them; the fail-safe does not). */
  private TickReport tick(Controller c) {
    Instant now = clock.instant();
    signals.set(SignalNames.visible("uploads"), 0, now).set(SignalNames.inflight("uploads"), 0, now);
    return c.tick();
  }

  @Test
  void aStepBackDoesNotSkipStabilizationAndCannotScaleInButDoesNotFreezeIt() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = controller(world, Guards.builder(0, 100).stepLimit(null).build()).build();
    for (int k = 0; k < 10; k++) {
      tick(c);
      clock.plus(MINUTE);
    }
    clock.plus(HOUR.negated());
    policy.want = 7;
    TickReport step = tick(c);
    assertEquals(10, step.desired(), () -> "no 10 → 7 at once after a step back: " + step.summary());
    int firstScaleIn = -1;
    for (int k = 1; k <= 10 && firstScaleIn < 0; k++) {
      clock.plus(MINUTE);
      TickReport r = tick(c);
      if (r.desired() < 10) {
        firstScaleIn = k;
        assertEquals(7, r.desired(), r.summary());
      }
    }
    assertTrue(firstScaleIn >= 4 && firstScaleIn <= 6,
        "the 5-minute window goes on from where it was (not skipped, not frozen for an hour): " + firstScaleIn);
  }

  @Test
  void aStepBackTickCannotScaleInEvenWithoutWindows() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = controller(world, Guards.builder(0, 100).stabilization(Duration.ZERO).stepLimit(null).build()).build();
    tick(c);
    clock.plus(MINUTE);
    tick(c);
    clock.plus(Duration.ofMinutes(-30));
    policy.want = 2;
    TickReport r = tick(c);
    assertEquals(10, r.desired(), r.summary());
    assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("clock: stepped back by PT30M")), r.errors().toString());
    clock.plus(MINUTE);
    assertEquals(2, tick(c).desired(), "the next tick is normal again");
  }

  @Test
  void aStepBackDoesNotResetARateLimit() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(2, T0.minus(HOUR));
    GuardChain guards = Guards.builder(0, 100).stepLimit(null)
        .rateLimit(new RateLimitGuard(RateLimitGuard.Direction.UP, 10, Duration.ofMinutes(10))).build();
    Controller c = controller(world, guards).build();
    policy.want = 100;
    assertEquals(12, tick(c).desired());
    clock.plus(HOUR.negated());
    int addedWithinTenMinutes = 0;
    for (int k = 0; k < 9; k++) {
      clock.plus(MINUTE);
      TickReport r = tick(c);
      if (r.action() instanceof Launch l) {
        addedWithinTenMinutes += l.count();
      }
    }
    assertEquals(0, addedWithinTenMinutes, "10 per 10 min, and the first 10 went just before the step");
    int later = 0;
    for (int k = 0; k < 3; k++) {
      clock.plus(MINUTE);
      if (tick(c).action() instanceof Launch l) {
        later += l.count();
      }
    }
    assertEquals(10, later, "the limit is not frozen for the hour of the step");
  }

  @Test
  void aStepBackDoesNotFreezeACooldownOrTheLaunchBackoff() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(2, T0.minus(HOUR));
    Controller c = controller(world, Guards.builder(0, 100).stepLimit(null)
        .cooldowns(Duration.ofMinutes(3), Duration.ZERO).build()).build();
    policy.want = 5;
    assertInstanceOf(Launch.class, tick(c).action());
    clock.plus(HOUR.negated());
    policy.want = 50;
    int minutes = 0;
    while (!(tick(c).action() instanceof Launch) && minutes < 70) {
      clock.plus(MINUTE);
      minutes++;
    }
    assertTrue(minutes <= 3, "a 3-minute cooldown blocked scale-out for " + minutes + " minutes after the step");

    FaultyWorld failing = new FaultyWorld(TYPE).withRunning(2, T0.minus(HOUR));
    failing.failCalls = true;
    Controller b = controller(failing, Guards.builder(0, 100).stepLimit(null)
        .launchBackoff(new LaunchBackoffGuard(Duration.ofMinutes(1), Duration.ofMinutes(1))).build()).build();
    tick(b); // fails: back off for a minute
    clock.plus(HOUR.negated());
    failing.failCalls = false;
    minutes = 0;
    while (!(tick(b).action() instanceof Launch) && minutes < 70) {
      clock.plus(MINUTE);
      minutes++;
    }
    assertTrue(minutes <= 2, "a 1-minute back-off blocked scale-out for " + minutes + " minutes after the step");
  }

  @Test
  void aStepForwardDoesNotSkipStabilization() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(10, T0.minus(HOUR));
    Controller c = controller(world, Guards.builder(0, 100).stepLimit(null).build()).build();
    for (int k = 0; k < 10; k++) {
      tick(c);
      clock.plus(MINUTE);
    }
    clock.plus(HOUR);
    policy.want = 1;
    TickReport r = tick(c);
    assertEquals(10, r.desired(), () -> "an hour's jump is one tick for the window: " + r.summary());
  }

  @Test
  void aRestartWithAnEmptyStoreSeedsTheStabilizationWindowWithTheFleet() {
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(10, T0.minus(HOUR));
    ManualSignalSource s = new ManualSignalSource();
    // The first tick of a new process, during a one-minute dip.
    Controller c = Controller.builder().clock(clock).signals(s).jobClass(UPLOADS).launchType(TYPE)
        .policy(HybridPolicy.ofDefaults()).guards(Guards.standard(1, 100)).actuator(fleet)
        .stateStore(new InMemoryStateStore()).build();
    Fixtures.queue(s, new dev.governor.testing.ManualClock(clock.instant()), "uploads", 0, 0, 0.01);
    TickReport r = c.tick();
    assertEquals(10, r.desired(), () -> "no 10 → 1 on the first tick: " + r.summary());
    assertInstanceOf(Sleep.class, r.action());
  }

  @Test
  void aRestartAfterDowntimeOverTheSameStoreReseedsTheWindowFromTheFleet() {
    FaultyWorld world = new FaultyWorld(TYPE).withRunning(10, T0.minus(HOUR));
    StateStore store = new InMemoryStateStore();
    Controller a = controller(world, Guards.standard(0, 100)).stateStore(store).build();
    for (int k = 0; k < 10; k++) {
      tick(a);
      clock.plus(MINUTE);
    }
    clock.plus(HOUR); // down for an hour: the saved window is old, the fleet is what it is
    Controller b = controller(world, Guards.standard(0, 100)).stateStore(store).build();
    policy.want = 1;
    for (int k = 0; k < 4; k++) {
      TickReport r = tick(b);
      assertEquals(10, r.desired(), r.summary());
      clock.plus(MINUTE);
    }
  }

  @Test
  void aRestartOverTheSameStoreGoesOnWithTheConfidenceTheLateJobsEarnedAndABadPolicyStateIsReported(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("state.json");
    InMemoryActuator fleet = new InMemoryActuator(TYPE).withRunning(10, T0.minus(HOUR));
    ManualClock mc = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    Controller a = Fixtures.controller(mc, s, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 100))
        .stateStore(new FileStateStore(file)).build();
    double z = Double.NaN;
    for (int k = 0; k < 60; k++) { // an hour in which jobs keep coming late
      Fixtures.queue(s, mc, "uploads", 0, 20, 0.5);
      s.set(SignalNames.late("uploads"), 5, mc.instant());
      z = z(a.tick());
      mc.advance(MINUTE);
    }
    assertTrue(z > 5, "late jobs raised z: " + z);
    double earned = z;

    Fixtures.queue(s, mc, "uploads", 0, 20, 0.5);
    Controller b = Fixtures.controller(mc, s, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 100))
        .stateStore(new FileStateStore(file)).build();
    TickReport rb = b.tick();
    assertEquals(earned, z(rb), 1.01, () -> "the restarted controller goes on from z=" + earned + " (its debt adds 1 a tick): "
        + rb.proposal().reasons());
    assertTrue(rb.errors().isEmpty(), rb.errors()::toString);
    mc.advance(MINUTE);

    String saved = Files.readString(file);
    Files.writeString(file, saved.replaceFirst("\\\\\"z\\\\\":[0-9.E]+", "\\\\\"z\\\\\":-1"));
    assertTrue(!saved.equals(Files.readString(file)), "the state must have been tampered with");
    Fixtures.queue(s, mc, "uploads", 0, 20, 0.5);
    s.set(SignalNames.late("uploads"), 0, mc.instant());
    Controller c = Fixtures.controller(mc, s, fleet, HybridPolicy.ofDefaults(), Guards.standard(1, 100))
        .stateStore(new FileStateStore(file)).build();
    TickReport rc = c.tick();
    assertTrue(rc.errors().stream().anyMatch(e -> e.startsWith("state: ") && e.contains("'classes.uploads.z' must be >= 0")
        && e.contains("saved state of policy governor not usable; it learns afresh")), rc.errors()::toString);
    assertEquals(HybridConfig.DEFAULT_CONFIDENCE, z(rc), 0.5, rc.proposal().reasons()::toString);
  }

  /** The confidence z the governor policy reports for the first class. */
  private static double z(TickReport r) {
    String m = r.proposal().reasons().get(1).message();
    int i = m.indexOf("z=");
    return Double.parseDouble(m.substring(i + 2, m.indexOf(' ', i)).replace(",", ""));
  }
}
