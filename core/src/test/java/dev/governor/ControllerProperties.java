package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.guard.Guards;
import dev.governor.guard.StepLimitGuard;
import dev.governor.policy.HybridPolicy;
import dev.governor.policy.PolicyContext;
import dev.governor.policy.Proposal;
import dev.governor.policy.Reason;
import dev.governor.policy.ScalingPolicy;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalSource;
import dev.governor.state.InMemoryStateStore;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/** Invariants of the whole engine over long random histories. */
class ControllerProperties {
  /** One minute of the world: what the queue says, what is broken. */
  record Step(int visible, int inflight, double arrivals, boolean signalsDown, boolean depthStale,
      boolean actuatorFails, int busyEvery, int advanceSeconds) {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.oneOf(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 20_000)),
        Arbitraries.integers().between(0, 200),
        Arbitraries.doubles().between(0, 100),
        Arbitraries.of(false, false, false, false, true),
        Arbitraries.of(false, false, false, false, true),
        Arbitraries.of(false, false, false, false, false, false, true),
        Arbitraries.integers().between(1, 5),
        Arbitraries.of(30, 60, 60, 60, 120, 600)).as(Step::new);
    return step.list().ofMinSize(5).ofMaxSize(80);
  }

  /** An in-memory fleet whose apply can be made to fail, and whose instances' busy slots follow a pattern. */
  static final class World implements Actuator {
    final InMemoryActuator fleet = new InMemoryActuator(TYPE);
    boolean fail;

    @Override
    public Fleet fleet(Instant now) {
      return fleet.fleet(now);
    }

    @Override
    public ActionResult apply(Action action, Instant now) {
      if (fail) {
        return ActionResult.failed("RequestLimitExceeded: simulated throttling");
      }
      return fleet.apply(action, now);
    }

    void markBusy(Instant now, int every) {
      int k = 0;
      for (Instance i : fleet.fleet(now).instances()) {
        if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.DRAINING) {
          fleet.setBusy(i.id(), (k++ % every == 0) ? Math.min(i.slots(), 1 + k % i.slots()) : 0);
        }
      }
    }
  }

  /**
   * A policy that trusts any number it sees, stale or not: the guards alone must keep the
   * invariants whatever the policy says.
   */
  static final class Reckless implements ScalingPolicy {
    @Override
    public String name() {
      return "reckless";
    }

    @Override
    public Proposal propose(PolicyContext ctx) {
      double v = ctx.snapshot().lastKnownOr(SignalNames.visible("uploads"), 0);
      return Proposal.of((int) (v / 40) % 500, Reason.of("reckless", "visible/40"));
    }
  }

  static List<TickReport> run(List<Step> history, int min, int max, Invariants check) {
    return run(history, min, max, false, check);
  }

  static List<TickReport> run(List<Step> history, int min, int max, boolean reckless, Invariants check) {
    ManualClock clock = new ManualClock(T0);
    ManualSignalSource s = new ManualSignalSource();
    World world = new World();
    ScalingPolicy policy = reckless ? new Reckless() : HybridPolicy.ofDefaults();
    Controller c = Fixtures.controller(clock, s, world, policy,
        Guards.builder(min, max).stepLimit(new StepLimitGuard(50, 100, 20, 50)).build()).build();
    List<TickReport> reports = new ArrayList<>();
    for (Step st : history) {
      Instant now = clock.instant();
      if (!st.signalsDown()) {
        Instant depthAt = st.depthStale() ? now.minus(Duration.ofMinutes(10)) : now;
        s.set(SignalNames.visible("uploads"), st.visible(), depthAt);
        s.set(SignalNames.inflight("uploads"), st.inflight(), now);
        s.set(SignalNames.arrivals("uploads"), st.arrivals(), now);
      }
      world.markBusy(now, st.busyEvery());
      world.fail = st.actuatorFails();
      Fleet before = world.fleet(now);
      TickReport r = c.tick();
      check.after(before, r, min, max);
      reports.add(r);
      clock.advance(Duration.ofSeconds(st.advanceSeconds()));
    }
    return reports;
  }

  interface Invariants {
    void after(Fleet before, TickReport r, int min, int max);
  }

  static void invariants(Fleet before, TickReport r, int min, int max) {
    // capacity always within bounds
    assertTrue(r.desired() >= min && r.desired() <= max, () -> "desired " + r.desired() + " outside [" + min + ", " + max + "]");
    if (r.action() instanceof Terminate t) {
      // no busy instance is ever terminated (draining busy ones is how they leave)
      for (String id : t.terminate()) {
        Instance i = before.byId(id);
        assertFalse(i.isBusy(), () -> "busy instance terminated: " + i);
      }
      // no scale-in while a required signal is stale
      if (!r.stale().isEmpty()) {
        assertEquals(0, t.capacityDelta(), () -> "scale-in on stale " + r.stale() + ": " + r.summary());
      }
    }
    // the explanation is complete and round-trips
    assertEquals(r, TickReport.fromJson(r.toJson()));
  }

  @Property(tries = 60)
  void invariantsHoldOverLongRandomHistories(@ForAll("histories") List<Step> history,
      @ForAll @IntRange(min = 0, max = 5) int min, @ForAll @IntRange(min = 5, max = 400) int max,
      @ForAll boolean reckless) {
    run(history, min, max, reckless, ControllerProperties::invariants);
  }

  @Property(tries = 25)
  void identicalInputsGiveIdenticalDecisions(@ForAll("histories") List<Step> history) {
    List<String> a = run(history, 1, 300, (b, r, mi, ma) -> {}).stream().map(TickReport::toJson).toList();
    List<String> b = run(history, 1, 300, (b2, r, mi, ma) -> {}).stream().map(TickReport::toJson).toList();
    assertEquals(a, b);
  }

  // ---- Stateful: random sequences of ticks, faults, restarts and clock steps (jqwik ActionChain) ----

  /**
   * The world a chain acts on: a fleet that can lie and lose responses, a source that can fail,
   * a wall clock that can step either way, and a controller that can be restarted over the same
   * state store.
   */
  static final class Sim {
    final int min;
    final int max;
    final boolean reckless;
    /** The controller's wall clock, which can step; the world keeps real time, which cannot. */
    final Scripted.WallClock clock = new Scripted.WallClock(T0);
    final Scripted.WallClock real = new Scripted.WallClock(T0);
    final FaultyWorld world = new FaultyWorld(TYPE);
    final InMemoryStateStore store = new InMemoryStateStore();
    final ManualSignalSource values = new ManualSignalSource();
    /** What the source does at the next read: null = its readings. */
    String sourceFault;
    Controller controller;
    int ticks;
    int restarts;

    Sim(boolean reckless, int min, int max, int initial) {
      this.reckless = reckless;
      this.min = min;
      this.max = max;
      world.providerClock = real;
      world.withRunning(Math.min(initial, max), T0.minus(Duration.ofHours(1))).withForeign(T0.minus(Duration.ofHours(2)));
      controller = build();
    }

    Controller build() {
      SignalSource source = now -> {
        String f = sourceFault;
        sourceFault = null;
        if (f == null) {
          return values.read(now);
        }
        return switch (f) {
          case "null" -> null;
          case "null-reading" -> java.util.Arrays.asList(new Reading(SignalNames.visible("uploads"), 0, now), null);
          case "error" -> throw new AssertionError("a source bug");
          default -> throw TickNeverThrowsTest.sneaky(new java.io.IOException("a checked exception"));
        };
      };
      return Controller.builder().clock(clock).signals(source).jobClass(Fixtures.UPLOADS).launchType(TYPE)
          .policy(reckless ? new Reckless() : HybridPolicy.ofDefaults()).guards(Guards.standard(min, max))
          .actuator(world).stateStore(store).build();
    }

    /** RUNNING + PENDING instances that really exist and are ours. */
    int truth() {
      int n = 0;
      for (Instance i : world.truth(real.instant()).instances()) {
        if ((i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) && world.launchedAt.containsKey(i.id())) {
          n++;
        }
      }
      return n + initialStillThere();
    }

    private int initialStillThere() {
      int n = 0;
      for (Instance i : world.truth(real.instant()).instances()) {
        if (!world.launchedAt.containsKey(i.id()) && (i.state() == InstanceState.RUNNING
            || i.state() == InstanceState.PENDING)) {
          n++;
        }
      }
      return n - 1; // the foreign instance
    }

    @Override
    public String toString() {
      return "Sim[min=" + min + ", max=" + max + ", reckless=" + reckless + ", ticks=" + ticks + ", restarts=" + restarts + "]";
    }
  }

  /** A tick after setting what the queue says (fresh, stale or stamped in the future) and who is busy. */
  static net.jqwik.api.state.Action.Independent<Sim> tickAction() {
    return () -> Combinators.combine(
        Arbitraries.oneOf(Arbitraries.integers().between(0, 50), Arbitraries.integers().between(0, 20_000)),
        Arbitraries.integers().between(0, 200),
        Arbitraries.doubles().between(0, 100),
        Arbitraries.of("fresh", "fresh", "fresh", "stale", "future"),
        Arbitraries.integers().between(1, 5),
        Arbitraries.of(30, 60, 60, 60, 120)).as((visible, inflight, arrivals, age, busyEvery, advance) ->
        Transformer.mutate("tick(visible=" + visible + ", " + age + ", +" + advance + "s)", sim -> {
          Instant now = sim.clock.instant();
          Instant depthAt = switch (age) {
            case "stale" -> now.minus(Duration.ofMinutes(10));
            case "future" -> now.plus(Duration.ofHours(1));
            default -> now;
          };
          sim.values.set(SignalNames.visible("uploads"), visible, depthAt)
              .set(SignalNames.inflight("uploads"), inflight, depthAt)
              .set(SignalNames.arrivals("uploads"), arrivals, now);
          markBusy(sim.world, sim.real.instant(), busyEvery);
          int truthBefore = sim.truth();
          TickReport r = assertDoesNotThrow(sim.controller::tick, "tick() never throws");
          sim.ticks++;
          assertTrue(r.desired() >= sim.min && r.desired() <= sim.max,
              () -> "desired " + r.desired() + " outside [" + sim.min + ", " + sim.max + "]: " + r.summary());
          boolean fault = r.errors().stream().anyMatch(e -> e.startsWith("clock: stepped back") || e.startsWith("fleet: "));
          if (r.action() instanceof Terminate t && t.capacityDelta() < 0) {
            assertTrue(r.stale().isEmpty(), () -> "scale-in on stale or future data " + r.stale() + ": " + r.summary());
            assertFalse(fault, () -> "scale-in on a faulty tick " + r.errors() + ": " + r.summary());
          }
          int truthAfter = sim.truth();
          assertTrue(truthAfter <= Math.max(sim.max, truthBefore),
              () -> "double launch: " + truthAfter + " instances really exist, max is " + sim.max + "; " + r.summary()
                  + " " + r.errors());
          assertEquals(r, TickReport.fromJson(r.toJson()));
          sim.clock.plus(Duration.ofSeconds(advance));
          sim.real.plus(Duration.ofSeconds(advance));
        }));
  }

  static void markBusy(FaultyWorld world, Instant now, int every) {
    int k = 0;
    for (Instance i : world.truth(now).instances()) {
      if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.DRAINING) {
        world.inner.setBusy(i.id(), (k++ % every == 0) ? Math.min(i.slots(), 1 + k % i.slots()) : 0);
      } else if (i.state() == InstanceState.PENDING && i.busySlots() > 0) {
        world.inner.setBusy(i.id(), 0);
      }
    }
  }

  /** Faults of the actuator and its fleet view, switched on or off. */
  static net.jqwik.api.state.Action.Independent<Sim> actuatorFaults() {
    return () -> Combinators.combine(Arbitraries.of(0, 0, 90, 150), Arbitraries.of(false, false, true),
        Arbitraries.of(false, false, false, true), Arbitraries.of(false, false, false, true),
        Arbitraries.of(false, false, false, true), Arbitraries.of(false, false, false, true))
        .as((lag, lose, throwAfter, fail, neverBoot, twice) -> Transformer.mutate("actuator(lag=" + lag + "s, lose="
            + lose + ", throwAfterActing=" + throwAfter + ", fail=" + fail + ", neverBoot=" + neverBoot
            + ", listTwice=" + twice + ")", sim -> {
              sim.world.lag = Duration.ofSeconds(lag);
              sim.world.loseResponses = lose;
              sim.world.throwAfterActing = throwAfter;
              sim.world.failCalls = fail;
              sim.world.neverBoot = neverBoot;
              sim.world.listFirstTwice = twice;
            }));
  }

  static net.jqwik.api.state.Action.Independent<Sim> sourceFault() {
    return () -> Arbitraries.of("null", "null-reading", "error", "checked")
        .map(f -> Transformer.mutate("source next returns " + f, sim -> sim.sourceFault = f));
  }

  static net.jqwik.api.state.Action.Independent<Sim> restart() {
    return net.jqwik.api.state.Action.just("restart over the same store", Transformer.mutate("restart", sim -> {
      sim.controller = assertDoesNotThrow(sim::build, "a restart over the saved state builds");
      sim.restarts++;
    }));
  }

  static net.jqwik.api.state.Action.Independent<Sim> clockStep() {
    return () -> Arbitraries.of(-3600, -300, -61, 3600, 600)
        .map(sec -> Transformer.mutate("clock steps " + sec + "s", sim -> sim.clock.plus(Duration.ofSeconds(sec))));
  }

  static Arbitrary<ActionChain<Sim>> chains(int maxTransformations) {
    return Combinators.combine(Arbitraries.of(false, true), Arbitraries.integers().between(0, 5),
        Arbitraries.integers().between(5, 120), Arbitraries.integers().between(0, 20))
        .flatAs((reckless, min, max, initial) -> ActionChain.startWith(() -> new Sim(reckless, min, max, initial))
            .withAction(12, tickAction())
            .withAction(2, actuatorFaults())
            .withAction(1, sourceFault())
            .withAction(1, restart())
            .withAction(1, clockStep())
            .withMaxTransformations(maxTransformations));
  }

  @Provide
  Arbitrary<ActionChain<Sim>> faultyHistories() {
    return chains(50);
  }

  private static void noBusyOrForeignTermination(Sim sim) {
    assertTrue(sim.world.busyTerminated.isEmpty(), () -> "busy instances terminated: " + sim.world.busyTerminated);
    assertTrue(sim.world.foreignAlive(sim.real.instant()), "an instance the actuator does not manage was terminated");
  }

  /**
   * Whatever the sequence of ticks, faults, restarts and clock steps: tick() never throws, desired
   * stays within bounds, no busy or foreign instance is terminated, no scale-in on stale, future or
   * faulty ticks, and no more instances really exist than max (no double launch beyond one decision).
   */
  @Property(tries = 40)
  void safetyHoldsUnderFaultsRestartsAndClockSteps(@ForAll("faultyHistories") ActionChain<Sim> chain) {
    chain.withInvariant("no busy or foreign termination", ControllerProperties::noBusyOrForeignTermination).run();
  }

  /**
   * The same, long (200 chains of up to 600 steps), when asked for:
   * {@code mvn -pl core test -Dtest=ControllerProperties -Dgovernor.soak=true}.
   */
  @Property(tries = 200)
  @AddLifecycleHook(OnlyWhenSoaking.class)
  void soakSafetyHoldsUnderFaultsRestartsAndClockSteps(@ForAll("longFaultyHistories") ActionChain<Sim> chain) {
    chain.withInvariant("no busy or foreign termination", ControllerProperties::noBusyOrForeignTermination).run();
  }

  @Provide
  Arbitrary<ActionChain<Sim>> longFaultyHistories() {
    return chains(600);
  }

  /** Skips a property unless {@code -Dgovernor.soak=true}: the build runs the short version. */
  static final class OnlyWhenSoaking implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      return Boolean.getBoolean("governor.soak") ? SkipResult.doNotSkip() : SkipResult.skip("soak: -Dgovernor.soak=true");
    }
  }
}
