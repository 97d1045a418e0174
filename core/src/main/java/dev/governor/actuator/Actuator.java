package dev.governor.actuator;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.fleet.Fleet;
import java.time.Instant;

/**
 * The hands of the controller: reports the fleet it manages and carries out actions on it
 * (EC2, an Auto Scaling group, the simulator, or nothing at all in dry-run).
 *
 * <p>Contract (checked by {@code ActuatorContract} for every implementation):
 * <ul>
 *   <li>{@link #fleet} lists only instances this actuator manages, never TERMINATED ones;
 *   <li>{@link #apply} never throws for provider errors: it returns FAILED or PARTIAL with the
 *       error codes, and the fleet it reports afterwards matches what really happened;
 *   <li>it refuses to terminate an instance it does not manage (FAILED, naming the id);
 *   <li>a launch with a token already applied is not launched again (idempotency);
 *   <li>a Sleep is a NOOP.
 * </ul>
 */
public interface Actuator {
  /** The managed instances as of {@code now}. */
  Fleet fleet(Instant now);

  /** Carries out {@code action} at {@code now}. */
  ActionResult apply(Action action, Instant now);
}
