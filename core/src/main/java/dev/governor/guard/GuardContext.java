package dev.governor.guard;

import dev.governor.fleet.Fleet;
import dev.governor.fleet.InstanceType;
import dev.governor.signal.Snapshot;
import dev.governor.state.ScalingHistory;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What a guard may look at.
 *
 * @param now the tick's time
 * @param current effective capacity: RUNNING + PENDING + launches in flight the fleet does not list yet
 * @param proposed what the policy proposed, before any guard
 * @param snapshot this tick's readings
 * @param staleRequired required signals that are missing or stale this tick (empty if all fresh)
 * @param history earlier ticks (not including this one; on a controller's first tick, the entry
 *     that seeds its windows with the current fleet)
 * @param fleet the managed instances
 * @param launchType what a launch starts (for its price)
 * @param inFlight instances launched but not listed by the fleet yet (part of {@code current})
 */
public record GuardContext(Instant now, int current, int proposed, Snapshot snapshot, Set<String> staleRequired,
    ScalingHistory history, Fleet fleet, InstanceType launchType, int inFlight) {
  /**
   * Validates the context.
   *
   * @param now the tick's time
   * @param current effective capacity: RUNNING + PENDING + launches in flight the fleet does not list yet
   * @param proposed what the policy proposed, before any guard
   * @param snapshot this tick's readings
   * @param staleRequired required signals that are missing or stale this tick (empty if all fresh)
   * @param history earlier ticks (not including this one; on a controller's first tick, the entry
   *     that seeds its windows with the current fleet)
   * @param fleet the managed instances
   * @param launchType what a launch starts (for its price)
   * @param inFlight instances launched but not listed by the fleet yet (part of {@code current})
   * @throws NullPointerException if {@code now}, {@code snapshot}, {@code staleRequired},
   *     {@code history}, {@code fleet} or {@code launchType} is null
   * @throws IllegalArgumentException if {@code inFlight < 0}
   */
  public GuardContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(staleRequired, "staleRequired");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(fleet, "fleet");
    Objects.requireNonNull(launchType, "launchType");
    if (inFlight < 0) {
      throw new IllegalArgumentException("inFlight must be >= 0, but was " + inFlight);
    }
  }

  /**
   * A context with no launches in flight ({@code inFlight} 0).
   *
   * @param now the tick's time
   * @param current effective capacity: RUNNING + PENDING instances
   * @param proposed what the policy proposed, before any guard
   * @param snapshot this tick's readings
   * @param staleRequired required signals that are missing or stale this tick
   * @param history earlier ticks
   * @param fleet the managed instances
   * @param launchType what a launch starts
   * @throws NullPointerException if a reference argument is null
   */
  public GuardContext(Instant now, int current, int proposed, Snapshot snapshot, Set<String> staleRequired,
      ScalingHistory history, Fleet fleet, InstanceType launchType) {
    this(now, current, proposed, snapshot, staleRequired, history, fleet, launchType, 0);
  }
}
