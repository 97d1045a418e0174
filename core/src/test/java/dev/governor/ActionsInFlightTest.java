package dev.governor;

import static dev.governor.Fixtures.T0;
import static dev.governor.Fixtures.TYPE;
import static dev.governor.Fixtures.UPLOADS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Planner;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.guard.Guards;
import dev.governor.signal.ManualSignalSource;
import dev.governor.signal.SignalNames;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Terminations in flight are state: a fleet view that lags lists instances terminated a tick ago,
 * with busy slots that changed since; counting them as capacity terminates again for the same
 * decision.
 */
class ActionsInFlightTest {
  private final ManualClock clock = new ManualClock(T0);
  private final ManualSignalSource signals = new ManualSignalSource();

  /** The view as it was {@code lag} calls ago; terminating an instance already gone is a no-op (as in EC2). */
  static final class LaggingView implements Actuator {
    final InMemoryActuator truth = new InMemoryActuator(TYPE);
    final List<Fleet> views = new ArrayList<>();
    final int lag;
    int terminated;

    LaggingView(int lag) {
      this.lag = lag;
    }

    @Override
    public Fleet fleet(Instant now) {
      views.add(truth.fleet(now));
      return views.get(Math.max(0, views.size() - 1 - lag));
    }

    @Override
    public ActionResult apply(Action action, Instant now) {
      if (action instanceof Terminate t) {
        Fleet f = truth.fleet(now);
        List<String> alive = new ArrayList<>();
        for (String id : t.terminate()) {
          if (f.byId(id) != null) {
            alive.add(id);
          }
        }
        List<String> drain = new ArrayList<>();
        for (String id : t.drain()) {
          if (f.byId(id) != null) {
            drain.add(id);
          }
        }
        terminated += alive.size();
        truth.apply(new Terminate(alive, drain, t.capacityDelta()), now);
        return ActionResult.ok(List.of(), t.terminate(), t.drain());
      }
      return truth.apply(action, now);
    }
  }

  @Test
  void aViewThatStillListsTerminatedInstancesDoesNotTerminateAgain() {
    LaggingView world = new LaggingView(2);
    world.truth.withRunning(10, T0.minus(Duration.ofHours(1)));
    List<Instance> all = world.truth.fleet(T0).instances();
    Scripted policy = new Scripted(10);
    Controller c = Controller.builder().clock(clock).signals(signals).jobClass(UPLOADS).launchType(TYPE).policy(policy)
        .guards(Guards.builder(0, 1000).stepLimit(null).stabilization(Duration.ZERO)
            .cooldowns(Duration.ZERO, Duration.ZERO).build())
        .actuator(world).build();
    for (int k = 0; k < 8; k++) {
      // the workers' jobs move around: the first four busy, then the last six
      for (int i = 0; i < all.size(); i++) {
        if (world.truth.fleet(clock.instant()).byId(all.get(i).id()) != null) {
          world.truth.setBusy(all.get(i).id(), (k == 0 ? i < 4 : i >= 4) ? 1 : 0);
        }
      }
      policy.want = k < 2 ? 10 : 6;
      signals.set(SignalNames.visible("uploads"), 0, clock.instant()).set(SignalNames.inflight("uploads"), 0, clock.instant());
      c.tick();
      clock.advance(Duration.ofMinutes(1));
    }
    assertEquals(4, world.terminated, "one decision of -4, carried out once");
    assertEquals(6, world.truth.fleet(clock.instant()).instances().size());
  }

  @Test
  void aDrainFirstPlannerDrainsIdleVictimsAndTerminatesThemOnceTheyShowDrainingAndIdle() {
    InMemoryActuator world = new InMemoryActuator(TYPE).withRunning(4, T0.minus(Duration.ofHours(1)));
    Fleet f = world.fleet(T0);
    Action a = Planner.drainFirst().plan(2, f, TYPE, T0, "t");
    Terminate t = (Terminate) a;
    assertTrue(t.terminate().isEmpty(), "no idle victim is terminated at once: " + t);
    assertEquals(2, t.drain().size());
    world.apply(t, T0);
    Action next = Planner.drainFirst().plan(2, world.fleet(T0.plusSeconds(60)), TYPE, T0.plusSeconds(60), "t2");
    assertEquals(t.drain(), ((Terminate) next).terminate(), "drained and idle in a later view: terminated");
    Action plain = new Planner(Planner.BusyPolicy.DRAIN).plan(2, f, TYPE, T0, "t");
    assertFalse(((Terminate) plain).terminate().isEmpty(), "the default planner terminates idle victims at once");
    for (Instance i : world.fleet(T0).instances()) {
      assertTrue(i.state() == InstanceState.RUNNING || i.state() == InstanceState.DRAINING);
    }
  }
}
