package dev.governor.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.governor.fleet.BillingModel;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.Instance;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);
  private static final InstanceType HOURLY = TYPE.withBilling(BillingModel.PER_HOUR);

  private static Instance inst(String id, InstanceType t, InstanceState s, Duration age, int busy) {
    return Instance.launched(id, t, s, NOW.minus(age)).withBusySlots(busy);
  }

  @Test
  void growsByReactivatingDrainingInstancesBeforeLaunching() {
    Fleet f = Fleet.of(List.of(
        inst("a", TYPE, InstanceState.RUNNING, Duration.ofMinutes(30), 4),
        inst("b", TYPE, InstanceState.DRAINING, Duration.ofMinutes(30), 2),
        inst("c", TYPE, InstanceState.DRAINING, Duration.ofMinutes(30), 0)));
    Launch l = assertInstanceOf(Launch.class, Planner.ofDefaults().plan(5, f, TYPE, NOW, "tok"));
    assertEquals(List.of("b", "c"), l.reactivate());
    assertEquals(2, l.count());
    assertEquals(4, l.capacityDelta());
    Launch one = assertInstanceOf(Launch.class, Planner.ofDefaults().plan(2, f, TYPE, NOW, "tok"));
    assertEquals(0, one.count());
    assertEquals(1, one.reactivate().size());
  }

  @Test
  void idleInstancesGoBeforeBusyOnesAndBusyOnesAreDrainedNotKilled() {
    Fleet f = Fleet.of(List.of(
        inst("busy1", TYPE, InstanceState.RUNNING, Duration.ofMinutes(10), 1),
        inst("idle1", TYPE, InstanceState.RUNNING, Duration.ofMinutes(10), 0),
        inst("busy2", TYPE, InstanceState.RUNNING, Duration.ofMinutes(10), 3),
        inst("idle2", TYPE, InstanceState.RUNNING, Duration.ofMinutes(10), 0)));
    Terminate t = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, f, TYPE, NOW, "tok"));
    assertEquals(List.of("idle1", "idle2"), t.terminate().stream().sorted().toList());
    assertEquals(List.of("busy1"), t.drain(), "fewest busy slots drained first");
    assertEquals(-3, t.capacityDelta());

    Action skip = new Planner(Planner.BusyPolicy.SKIP).plan(0, Fleet.of(List.of(f.instances().get(0))), TYPE, NOW, "t");
    assertInstanceOf(Sleep.class, skip);
    assertTrue(((Sleep) skip).reason().contains("busy"));

    Terminate kill = assertInstanceOf(Terminate.class,
        new Planner(Planner.BusyPolicy.TERMINATE).plan(1, f, TYPE, NOW, "t"));
    assertEquals(3, kill.terminate().size());
    assertTrue(!kill.terminate().contains("busy2"), "the busiest survives");
  }

  @Test
  void perHourBillingPicksTheInstanceNearestTheEndOfItsPaidHour() {
    Fleet f = Fleet.of(List.of(
        inst("five-min-in", HOURLY, InstanceState.RUNNING, Duration.ofMinutes(5), 0),
        inst("fifty-eight-min-in", HOURLY, InstanceState.RUNNING, Duration.ofMinutes(58), 0),
        inst("two-hours-thirty", HOURLY, InstanceState.RUNNING, Duration.ofMinutes(150), 0)));
    Terminate t = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(2, f, HOURLY, NOW, "tok"));
    assertEquals(List.of("fifty-eight-min-in"), t.terminate());
    Terminate two = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, f, HOURLY, NOW, "tok"));
    assertEquals(List.of("fifty-eight-min-in", "two-hours-thirty"), two.terminate());
  }

  @Test
  void perHourBillingReleasesTheInstanceAtItsHoursEndEvenWhenBusyAndNeverOneItsNextHourWouldBill() {
    Fleet f = Fleet.of(List.of(
        inst("idle-thirty-min-in", HOURLY, InstanceState.RUNNING, Duration.ofMinutes(30), 0),
        inst("busy-fifty-seven-min-in", HOURLY, InstanceState.RUNNING, Duration.ofMinutes(57), 1),
        inst("idle-fifty-nine-thirty-in", HOURLY, InstanceState.RUNNING, Duration.ofSeconds(3570), 0)));
    // victims gone at once: the one 30 s before its hour's end, then the busy one (3 min left, drained)
    // rather than the idle one with 30 paid minutes left
    Terminate now = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, f, HOURLY, NOW, "tok"));
    assertEquals(List.of("idle-fifty-nine-thirty-in"), now.terminate());
    assertEquals(List.of("busy-fifty-seven-min-in"), now.drain(), "a busy victim drains, its job finishes");
    // a drain-first planner's victims go at the next tick: the one 30 s before its hour's end would be
    // billed a new hour by then, so it stays; the busy one drains, then the idle one
    Terminate lagged = assertInstanceOf(Terminate.class, Planner.drainFirst().plan(2, f, 0, HOURLY, NOW, "tok",
        Duration.ofSeconds(60)));
    assertEquals(List.of("busy-fifty-seven-min-in"), lagged.drain());
    Terminate two = assertInstanceOf(Terminate.class, Planner.drainFirst().plan(1, f, 0, HOURLY, NOW, "tok",
        Duration.ofSeconds(60)));
    assertEquals(List.of("busy-fifty-seven-min-in", "idle-thirty-min-in"), two.drain().stream().sorted().toList());
    // per-second billing: idle first as before (no paid time left to weigh)
    Fleet ps = Fleet.of(List.of(inst("busy", TYPE, InstanceState.RUNNING, Duration.ofMinutes(57), 1),
        inst("idle", TYPE, InstanceState.RUNNING, Duration.ofMinutes(30), 0)));
    Terminate t = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, ps, TYPE, NOW, "tok"));
    assertEquals(List.of("idle"), t.terminate());
    assertEquals(List.of(), t.drain());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Planner.ofDefaults().plan(1, ps, 0, TYPE, NOW, "tok", Duration.ofSeconds(-1)));
  }

  @Test
  void perSecondBillingPrefersInstancesPastTheirMinimumCharge() {
    Fleet f = Fleet.of(List.of(
        inst("young", TYPE, InstanceState.PENDING, Duration.ofSeconds(20), 0),
        inst("old", TYPE, InstanceState.RUNNING, Duration.ofMinutes(20), 0)));
    Terminate t = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, f, TYPE, NOW, "tok"));
    assertEquals(List.of("old"), t.terminate(), "the young one has 40 s of its 60 s minimum paid");
  }

  @Test
  void idleDrainingInstancesAreTerminatedAndAtTargetItSleeps() {
    Fleet f = Fleet.of(List.of(
        inst("a", TYPE, InstanceState.RUNNING, Duration.ofMinutes(10), 1),
        inst("d-idle", TYPE, InstanceState.DRAINING, Duration.ofMinutes(10), 0),
        inst("d-busy", TYPE, InstanceState.DRAINING, Duration.ofMinutes(10), 1)));
    Terminate t = assertInstanceOf(Terminate.class, Planner.ofDefaults().plan(1, f, TYPE, NOW, "tok"));
    assertEquals(List.of("d-idle"), t.terminate());
    assertEquals(0, t.capacityDelta(), "draining instances were already out of effective capacity");
    Fleet clean = Fleet.of(List.of(f.instances().get(0)));
    Sleep s = assertInstanceOf(Sleep.class, Planner.ofDefaults().plan(1, clean, TYPE, NOW, "tok"));
    assertEquals("at desired capacity 1", s.reason());
  }

  @Test
  void billingModelArithmetic() {
    assertEquals(60, BillingModel.PER_SECOND.billedSeconds(10), 1e-9);
    assertEquals(61, BillingModel.PER_SECOND.billedSeconds(60.5), 1e-9);
    assertEquals(3600, BillingModel.PER_HOUR.billedSeconds(1), 1e-9);
    assertEquals(7200, BillingModel.PER_HOUR.billedSeconds(3601), 1e-9);
    assertEquals(3300, BillingModel.PER_HOUR.paidRemainingSeconds(300), 1e-9);
  }
}
