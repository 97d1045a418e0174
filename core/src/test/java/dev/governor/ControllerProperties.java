package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
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
}
