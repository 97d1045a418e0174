package dev.governor.testkit;

import dev.governor.actuator.Actuator;
import dev.governor.actuator.InMemoryActuator;
import dev.governor.fleet.InstanceType;
import dev.governor.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryActuatorContractTest extends ActuatorContract {
  @Override
  protected Harness newHarness() {
    InstanceType type = InstanceType.of("c7g.large", 4, 0.0725);
    InMemoryActuator actuator = new InMemoryActuator(type);
    InMemoryActuator otherTeam = new InMemoryActuator(type).withRunning(1, Instant.EPOCH);
    ManualClock clock = new ManualClock(Instant.parse("2026-01-04T00:00:00Z"));
    String foreign = "i-foreign-1";
    return new Harness() {
      @Override
      public Actuator actuator() {
        return actuator;
      }

      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void advance(Duration d) {
        clock.advance(d);
      }

      @Override
      public String instanceType() {
        return type.name();
      }

      @Override
      public String foreignInstanceId() {
        return foreign;
      }

      @Override
      public boolean foreignInstanceAlive() {
        return otherTeam.fleet(clock.instant()).running() == 1;
      }

      @Override
      public void setBusy(String instanceId, int busySlots) {
        actuator.setBusy(instanceId, busySlots);
      }
    };
  }
}
