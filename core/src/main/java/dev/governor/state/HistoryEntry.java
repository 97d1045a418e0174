package dev.governor.state;

import java.time.Instant;
import java.util.Objects;

/**
 * One past tick, as guards need it.
 *
 * @param at tick time
 * @param current effective capacity before acting, in instances (&gt;= 0)
 * @param proposed what the policy proposed (before guards), in instances (&gt;= 0)
 * @param desired what the guards let through, in instances (&gt;= 0)
 * @param change capacity change actually made, in instances (launched/reactivated positive,
 *     removed negative, 0 for none)
 */
public record HistoryEntry(Instant at, int current, int proposed, int desired, int change) {
  /**
   * Validates the entry.
   *
   * @param at tick time
   * @param current effective capacity before acting, in instances
   * @param proposed what the policy proposed, in instances
   * @param desired what the guards let through, in instances
   * @param change capacity change actually made, in instances
   * @throws NullPointerException if {@code at} is null
   * @throws IllegalArgumentException if {@code current}, {@code proposed} or {@code desired} is
   *     negative
   */
  public HistoryEntry {
    Objects.requireNonNull(at, "at");
    if (current < 0 || proposed < 0 || desired < 0) {
      throw new IllegalArgumentException("history entry at " + at + ": current, proposed and desired must be >= 0, but were "
          + current + ", " + proposed + ", " + desired);
    }
  }

  /**
   * The same entry {@code d} later (negative: earlier).
   *
   * @param d how far to move {@code at}
   * @return a copy with {@code at + d}
   */
  public HistoryEntry shifted(java.time.Duration d) {
    return new HistoryEntry(at.plus(d), current, proposed, desired, change);
  }
}
