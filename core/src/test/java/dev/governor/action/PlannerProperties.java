package dev.governor.action;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PlannerProperties {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  /** The planner's bounded-heap selection picks exactly the victims a full sort would. */
  @Property(tries = 300)
  void victimsAreTheFirstInVictimOrder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 120) int size,
      @ForAll @IntRange(min = 0, max = 130) int desired, @ForAll boolean hourly, @ForAll boolean lagged) {
    Random r = new Random(seed);
    InstanceType t = InstanceType.of("m", 4, 0.1).withBilling(hourly ? BillingModel.PER_HOUR : BillingModel.PER_SECOND);
    List<Instance> l = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      InstanceState s = InstanceState.values()[r.nextInt(3)];
      // coarse ages make ties common, so tie-breaking is exercised too
      Instant launched = NOW.minusSeconds(60L * r.nextInt(200));
      l.add(Instance.launched("i-" + i, t, s, launched).withBusySlots(r.nextInt(3) == 0 ? r.nextInt(5) : 0));
    }
    Fleet f = Fleet.of(l);
    Duration lag = lagged ? Duration.ofSeconds(60) : Duration.ZERO;
    Action a = Planner.ofDefaults().plan(desired, f, 0, t, NOW, "tok", lag);
    if (!(a instanceof Terminate term)) {
      return;
    }
    List<Instance> candidates = new ArrayList<>();
    for (Instance i : l) {
      if (i.state() == InstanceState.RUNNING || i.state() == InstanceState.PENDING) {
        candidates.add(i);
      }
    }
    candidates.sort(Planner.victimOrder(NOW, lag, Planner.BusyPolicy.DRAIN));
    int need = Math.max(0, f.effective() - desired);
    Set<String> expectTerminate = new HashSet<>();
    Set<String> expectDrain = new HashSet<>();
    for (Instance i : l) {
      if (i.state() == InstanceState.DRAINING && !i.isBusy()) {
        expectTerminate.add(i.id());
      }
    }
    for (Instance i : candidates.subList(0, Math.min(need, candidates.size()))) {
      (i.isBusy() ? expectDrain : expectTerminate).add(i.id());
    }
    assertEquals(expectTerminate, new HashSet<>(term.terminate()));
    assertEquals(expectDrain, new HashSet<>(term.drain()));
    assertEquals(-Math.min(need, candidates.size()), term.capacityDelta());
  }
}
