package dev.governor.simulation.internal;

import dev.governor.actuator.Actuator;
import dev.governor.testkit.ActuatorContract;
import dev.governor.fleet.BillingModel;
import dev.governor.simulation.Dispatch;
import dev.governor.simulation.Faults;
import java.time.Duration;
import java.time.Instant;

/** The simulator's actuator passes the same contract as every real one. */
class SimulatedActuatorContractTest extends ActuatorContract {
  static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

  static FleetModel model() {
    double[] deadline = {300};
    return new FleetModel(4, new int[] {0}, deadline, T0, "sim.worker", 0.10, BillingModel.PER_SECOND, 120, 0.25,
        Dispatch.RANDOM, Faults.none(), 7, new Metrics(deadline, 60, 100, 200));
  }

  @Override
  protected Harness newHarness() {
    FleetModel model = model();
    SimulatedActuator actuator = new SimulatedActuator(model, "sim.worker", Faults.none(), 7);
    FleetModel otherTeam = model();
    otherTeam.addRunning(1);
    Instant[] now = {T0};
    return new Harness() {
      @Override
      public Actuator actuator() {
        return actuator;
      }

      @Override
      public Instant now() {
        return now[0];
      }

      @Override
      public void advance(Duration d) {
        now[0] = now[0].plus(d);
      }

      @Override
      public String instanceType() {
        return "sim.worker";
      }

      @Override
      public String foreignInstanceId() {
        return "i-foreign-1";
      }

      @Override
      public boolean foreignInstanceAlive() {
        return otherTeam.running() == 1;
      }

      @Override
      public void setBusy(String instanceId, int busySlots) {
        model.advanceTo(model.seconds(now[0]));
        model.occupy(model.indexOf(instanceId), busySlots);
      }
    };
  }
}
