package dev.governor.ha;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Sleep;
import dev.governor.actuator.Actuator;
import dev.governor.fleet.Fleet;
import dev.governor.state.FencedStateStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An actuator that refuses an action whose {@linkplain Action#epoch epoch} is older than the
 * fenced state store's ({@link ActionResult.Status#REFUSED}, error code {@code StaleEpoch}): a
 * deposed leader's late action changes nothing. A store that cannot tell its epoch (the database
 * is unreachable) refuses too ({@code EpochUnknown}): acting without knowing is what fencing forbids.
 *
 * <p>The controller wraps its actuator in one when leader election is on. Wrap the shared pool in
 * one as well when a pause can fall between a controller's checks and the call (a GC pause):
 * the check is then made where the action lands.
 */
public final class FencedActuator implements Actuator {
  private final Actuator delegate;
  private final FencedStateStore store;

  /**
   * Fences {@code delegate} by the epoch of {@code store}: {@link #apply} asks
   * {@link FencedStateStore#epoch()} before every action other than a sleep. {@link #fleet} and
   * {@link #launchableTypes()} are passed through unfenced.
   *
   * @param delegate the actuator that acts
   * @param store the store whose epoch an action must not be older than
   * @throws NullPointerException if an argument is null
   */
  public FencedActuator(Actuator delegate, FencedStateStore store) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Fleet fleet(Instant now) {
    return delegate.fleet(now);
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    long current;
    try {
      current = store.epoch();
    } catch (RuntimeException e) {
      return ActionResult.refused("EpochUnknown: the state store could not tell its epoch (" + e
          + "); an action of epoch " + action.epoch() + " is not attempted");
    }
    if (action.epoch() < current) {
      return ActionResult.refused("StaleEpoch: an action of leader epoch " + action.epoch()
          + " is refused: the state store is at epoch " + current + " (a newer leader)");
    }
    return delegate.apply(action, now);
  }

  @Override
  public Optional<Set<String>> launchableTypes() {
    return delegate.launchableTypes();
  }
}
