package dev.governor.simulation.internal;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Launch;
import dev.governor.action.Sleep;
import dev.governor.action.Terminate;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.simulation.Faults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The controller's hands in the simulator: applies actions to the {@link FleetModel} the way EC2
 * would, including its errors (seeded): {@code RequestLimitExceeded} throttling,
 * {@code InsufficientInstanceCapacity} that starts nothing, and partial launches that start only
 * part of one. Terminating an instance already gone is a no-op (as in EC2); terminating one this
 * pool never had is refused and counted as a wrong termination. Passes the core's
 * {@code ActuatorContract}. Each call first moves the model to {@code now}.
 */
public final class SimulatedActuator implements Actuator {
  private final FleetModel model;
  private final String typeName;
  private final Faults faults;
  private final SplittableRandom throttleRnd;
  private final SplittableRandom capacityRnd;
  private final SplittableRandom partialRnd;
  private final Set<String> tokens = new HashSet<>();
  long throttled;
  long capacityErrors;
  long partialLaunches;

  SimulatedActuator(FleetModel model, String typeName, Faults faults, long seed) {
    this.model = model;
    this.typeName = typeName;
    this.faults = faults;
    this.throttleRnd = Seeds.stream(seed, Seeds.THROTTLE);
    this.capacityRnd = Seeds.stream(seed, Seeds.CAPACITY);
    this.partialRnd = Seeds.stream(seed, Seeds.PARTIAL);
  }

  @Override
  public Fleet fleet(Instant now) {
    model.advanceTo(model.seconds(now));
    return Fleet.of(model.instances());
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    model.advanceTo(model.seconds(now));
    if (faults.throttle() > 0 && throttleRnd.nextDouble() < faults.throttle()) {
      throttled++;
      return ActionResult.failed("RequestLimitExceeded: Request limit exceeded (simulated throttling); nothing was done");
    }
    if (action instanceof Launch l) {
      return launch(l);
    }
    return terminate((Terminate) action);
  }

  private ActionResult launch(Launch l) {
    for (String id : l.reactivate()) {
      Integer inst = model.indexOf(id);
      if (inst == null || model.state(inst) != FleetModel.DRAINING) {
        return ActionResult.failed("InvalidInstanceState: " + id + " is not a draining instance of this pool");
      }
    }
    boolean newLaunch = l.count() > 0 && !tokens.contains(l.token());
    if (newLaunch && !l.instanceType().equals(typeName)) {
      return ActionResult.failed("InvalidParameterValue: this pool launches " + typeName + ", not " + l.instanceType());
    }
    List<String> launched = new ArrayList<>();
    for (String id : l.reactivate()) {
      model.reactivate(model.indexOf(id));
      launched.add(id);
    }
    List<String> errors = new ArrayList<>(0);
    if (newLaunch) {
      tokens.add(l.token());
      int n = l.count();
      if (faults.capacityError() > 0 && capacityRnd.nextDouble() < faults.capacityError()) {
        capacityErrors++;
        n = 0;
        errors.add("InsufficientInstanceCapacity: none of " + l.count() + " " + typeName
            + " instances could be started (simulated)");
      } else if (n >= 2 && faults.partialLaunch() > 0 && partialRnd.nextDouble() < faults.partialLaunch()) {
        partialLaunches++;
        n = 1 + (int) Math.floor(partialRnd.nextDouble() * (l.count() - 1));
        errors.add("InsufficientInstanceCapacity: only " + n + " of " + l.count() + " " + typeName
            + " instances could be started (simulated partial launch)");
      }
      for (int k = 0; k < n; k++) {
        launched.add(model.launch());
      }
    }
    if (errors.isEmpty()) {
      return ActionResult.ok(launched, List.of(), List.of());
    }
    ActionResult.Status s = launched.isEmpty() ? ActionResult.Status.FAILED : ActionResult.Status.PARTIAL;
    return new ActionResult(s, launched, List.of(), List.of(), errors);
  }

  private ActionResult terminate(Terminate t) {
    List<String> unknown = new ArrayList<>();
    for (String id : t.terminate()) {
      if (model.indexOf(id) == null && !model.issued(id)) {
        unknown.add(id);
      }
    }
    for (String id : t.drain()) {
      if (model.indexOf(id) == null && !model.issued(id)) {
        unknown.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      model.foreignTermination(unknown.size());
      return ActionResult.failed("UnauthorizedOperation: instances " + unknown + " are not in this pool; nothing was terminated");
    }
    List<String> drained = new ArrayList<>(t.drain().size());
    for (String id : t.drain()) {
      Integer inst = model.indexOf(id);
      if (inst != null) {
        model.drain(inst);
        drained.add(id);
      }
    }
    for (String id : t.terminate()) {
      Integer inst = model.indexOf(id);
      if (inst != null) {
        model.terminate(inst);
      }
    }
    return ActionResult.ok(List.of(), t.terminate(), drained);
  }
}
