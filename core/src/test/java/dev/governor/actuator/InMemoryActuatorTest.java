package dev.governor.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Terminate;
import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceState;
import dev.governor.fleet.InstanceType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed action changes nothing: no reactivation, no token remembered, no epoch raised. */
class InMemoryActuatorTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final InstanceType TYPE = InstanceType.of("c7g.large", 4, 0.10);

  private final InMemoryActuator pool = new InMemoryActuator(TYPE).withRunning(3, T0.minus(Duration.ofHours(1)));

  private String drainOne() {
    String id = pool.fleet(T0).instances().get(0).id();
    assertEquals(ActionResult.Status.OK, pool.apply(new Terminate(List.of(), List.of(id), -1), T0).status());
    return id;
  }

  @Test
  void aLaunchOfAnotherTypeFailsBeforeReactivatingOrRememberingItsToken() {
    String draining = drainOne();
    ActionResult r = pool.apply(new Launch(2, "m7g.xlarge", List.of(draining), "tok-1").withEpoch(3), T0);
    assertEquals(ActionResult.Status.FAILED, r.status(), r.toString());
    Fleet f = pool.fleet(T0);
    assertEquals(InstanceState.DRAINING, f.instances().stream().filter(i -> i.id().equals(draining)).findFirst()
        .orElseThrow().state(), "the failed launch did not reactivate");
    assertEquals(0, pool.epoch(), "a failed action does not raise the pool's epoch");
    ActionResult retry = pool.apply(new Launch(2, TYPE.name(), List.of(draining), "tok-1").withEpoch(3), T0);
    assertEquals(ActionResult.Status.OK, retry.status());
    assertEquals(3, retry.launched().size(), "the corrected retry with the same token launches: one back, two new");
    assertEquals(5, pool.fleet(T0).effective());
    assertEquals(3, pool.epoch());
  }

  @Test
  void aTerminationNamingAnUnknownIdChangesNothingAndRaisesNoEpoch() {
    String id = pool.fleet(T0).instances().get(0).id();
    ActionResult r = pool.apply(new Terminate(List.of(id, "i-nope"), List.of(), -2).withEpoch(2), T0);
    assertEquals(ActionResult.Status.FAILED, r.status());
    assertEquals(3, pool.fleet(T0).effective());
    assertEquals(0, pool.epoch());
  }
}
