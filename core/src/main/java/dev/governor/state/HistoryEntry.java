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
    if (current < 0 || proposed < 0 || desired < 0) {
      throw new IllegalArgumentException("history entry at " + at + ": current, proposed and desired must be >= 0, but were "
          + current + ", " + proposed + ", " + desired);
    }
  }

  /** The same entry {@code d} later (negative: earlier). */
  public HistoryEntry shifted(java.time.Duration d) {
    return new HistoryEntry(at.plus(d), current, proposed, desired, change);
  }
}
