package dev.governor.actuator;

import dev.governor.action.Action;
import dev.governor.action.ActionResult;
import dev.governor.action.Sleep;
import dev.governor.fleet.Fleet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on nothing: reads the fleet from a real view (for instance the EC2 actuator's) and logs
 * and records what it would have done. The way to run Governor for the first weeks.
 */
public final class DryRunActuator implements Actuator {
  private static final Logger LOG = LoggerFactory.getLogger(DryRunActuator.class);

  private final Function<Instant, Fleet> fleetView;
  private final List<Action> recorded = new ArrayList<>();

  /**
   * Dry-run over a fleet view (e.g. {@code realActuator::fleet}).
   *
   * @param fleetView the fleet reported at a given time (not null)
   */
  public DryRunActuator(Function<Instant, Fleet> fleetView) {
    this.fleetView = Objects.requireNonNull(fleetView, "fleetView");
  }

  /**
   * Dry-run over a fixed fleet.
   *
   * @param fleet the fleet to report at every time
   * @return a dry-run actuator that always reports {@code fleet}
   */
  public static DryRunActuator over(Fleet fleet) {
    Objects.requireNonNull(fleet, "fleet");
    return new DryRunActuator(now -> fleet);
  }

  @Override
  public Fleet fleet(Instant now) {
    return fleetView.apply(now);
  }

  @Override
  public ActionResult apply(Action action, Instant now) {
    if (action instanceof Sleep) {
      return ActionResult.noop();
    }
    recorded.add(action);
    LOG.info("dry-run at {}: would {}", now, action);
    return ActionResult.dryRun();
  }

  /**
   * Every non-sleep action received, oldest first.
   *
   * @return an unmodifiable copy of the actions recorded so far
   */
  public List<Action> recorded() {
    return List.copyOf(recorded);
  }
}
