package dev.governor.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One past tick, as guards need it.
 *
 * @param at tick time
 * @param current effective capacity before acting
 * @param proposed what the policy proposed (before guards)
 * @param desired what the guards let through
 * @param change capacity change actually made (launched/reactivated positive, removed negative)
 */
public record HistoryEntry(Instant at, int current, int proposed, int desired, int change) {
  public HistoryEntry {
    Objects.requireNonNull(at, "at");
  }
}
