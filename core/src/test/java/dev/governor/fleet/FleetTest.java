package dev.governor.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetTest {
  private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");
  private static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.1);

  @Test
  void aViewThatContradictsItselfNamesEachProblemAndIsSanitized() {
    Instance idle = Instance.launched("i-1", TYPE, InstanceState.RUNNING, T);
    Instance booting = Instance.launched("i-2", TYPE, InstanceState.PENDING, T).withBusySlots(1);
    Fleet f = Fleet.of(List.of(idle, booting, idle.withBusySlots(3), idle));
    assertEquals(List.of("instance ids must be unique, but i-1 is listed 3 times",
        "a PENDING instance cannot be busy, but i-2 reports 1 busy slot(s)"), f.problems());
    Fleet s = f.sanitized();
    assertEquals(2, s.instances().size());
    assertEquals(3, s.byId("i-1").busySlots(), "the busiest report wins: never terminated as idle");
    assertEquals(1, s.running());
    Fleet fine = Fleet.of(List.of(idle));
    assertEquals(List.of(), fine.problems());
    assertSame(fine, fine.sanitized());
  }

  @Test
  void sumsDoNotWrapAround() {
    Instance big = new Instance("i-1", "huge", InstanceState.RUNNING, T, Integer.MAX_VALUE, 0, 1, BillingModel.PER_SECOND);
    Fleet f = Fleet.of(List.of(big, big.withLaunchToken("t").withState(InstanceState.RUNNING)));
    assertEquals(Integer.MAX_VALUE, Fleet.of(List.of(big, new Instance("i-2", "huge", InstanceState.RUNNING, T,
        Integer.MAX_VALUE, 0, 1, BillingModel.PER_SECOND))).runningSlots());
    assertEquals("t", f.instances().get(1).withBusySlots(1).withState(InstanceState.DRAINING).launchToken(),
        "the launch token survives every copy");
  }
}
