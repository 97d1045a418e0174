package dev.governor.actuator;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.fleet.Fleet;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The hands of the controller: reports the fleet it manages and carries out actions on it
 * (EC2, an Auto Scaling group, the simulator, or nothing at all in dry-run).
 *
 * <p>Contract (checked by {@code ActuatorContract} for every implementation):
 * <ul>
 *   <li>{@link #fleet} lists only instances this actuator manages, never TERMINATED ones;
 *   <li>{@link #fleet} is a pure read: it changes nothing, so a dry run over it acts on nothing;
 *   <li>{@link #apply} never throws for provider errors: it returns FAILED or PARTIAL with the
 *       error codes, or UNKNOWN when the call may have acted but its outcome was lost, and the
 *       fleet it reports afterwards matches what really happened;
 *   <li>it refuses to terminate an instance it does not manage (FAILED, naming the id);
 *   <li>a launch with a token already applied is not launched again (idempotency);
 *   <li>a Sleep is a NOOP;
 *   <li>instances it launched carry the launch's token ({@code Instance.launchToken()}) when it
 *       can tell, so a launch whose response was lost is recognised in the fleet.
 * </ul>
 * The controller survives an actuator that breaks these rules (a throw becomes an UNKNOWN result,
 * a fleet view that contradicts itself is sanitized and cannot cause scale-in), but it cannot
 * undo what the actuator did.
 */
public interface Actuator {
  /**
   * The managed instances as of {@code now}.
   *
   * @param now the tick's time (injected; implementations must not read a clock of their own for
   *     decisions)
   * @return the fleet view; the controller checks it with {@link Fleet#problems()} before acting on
   *     it
   */
  Fleet fleet(Instant now);

  /**
   * Carries out {@code action} at {@code now}.
   *
   * @param action a {@link dev.governor.action.Launch}, {@link dev.governor.action.Terminate} or
   *     {@link dev.governor.action.Sleep}
   * @param now the tick's time
   * @return what really happened, per the rules above (a Sleep gives NOOP)
   */
  ActionResult apply(Action action, Instant now);

  /**
   * The instance types this actuator can launch, if it knows; the controller's builder refuses a
   * {@code launchType} outside them. Empty (the default) when it cannot tell.
   *
   * @return the launchable type names, or empty when unknown
   */
  default Optional<Set<String>> launchableTypes() {
    return Optional.empty();
  }
}
