package dev.governor.guard;

import dev.governor.internal.Checks;
import dev.governor.state.HistoryEntry;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits the total change in one direction within a sliding period (e.g. at most 10 instances
 * added per 5 minutes), counting changes actually made in earlier ticks.
 *
 * <p>{@code used} is the sum of the applied changes in that direction over the history entries with
 * {@code now - period < at <= now}; a change in that direction is limited to
 * {@code left = max(0, maxChange - used)} instances from the current capacity. The controller's
 * history retention must cover the period. Immutable.
 */
public final class RateLimitGuard implements Guard {
  /** Which direction a rate limit applies to. */
  public enum Direction {
    /** Scale-out: instances added (launched or reactivated). */
    UP,
    /** Scale-in: instances removed (terminated or drained). */
    DOWN
  }

  private final Direction direction;
  private final int maxChange;
  private final Duration period;

  /**
   * A limit of {@code maxChange} instances per {@code period} in {@code direction}.
   *
   * @param direction which changes it limits
   * @param maxChange the most instances changed in that direction within any period; &gt;= 0
   *     (0 forbids that direction)
   * @param period the sliding period; &gt; 0
   * @throws NullPointerException if {@code direction} or {@code period} is null
   * @throws IllegalArgumentException if {@code period} is zero or negative, or {@code maxChange < 0}
   */
  public RateLimitGuard(Direction direction, int maxChange, Duration period) {
    this.direction = Objects.requireNonNull(direction, "direction");
    this.period = Checks.positive("period", period);
    if (maxChange < 0) {
      throw new IllegalArgumentException("maxChange must be >= 0, but was " + maxChange);
    }
    this.maxChange = maxChange;
  }

  /**
   * The direction limited.
   *
   * @return {@link Direction#UP} or {@link Direction#DOWN}
   */
  public Direction direction() {
    return direction;
  }

  /**
   * The limit.
   *
   * @return the most instances changed in the direction within one period
   */
  public int maxChange() {
    return maxChange;
  }

  /**
   * The sliding period the limit counts changes in (looked up in the scaling history).
   *
   * @return the period
   */
  public Duration period() {
    return period;
  }

  @Override
  public String name() {
    return direction == Direction.UP ? "rate-limit-up" : "rate-limit-down";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int current = ctx.current();
    boolean up = direction == Direction.UP;
    if (up ? desired <= current : desired >= current) {
      return GuardEffect.unchanged(name(), desired);
    }
    long used = 0; // a long: a sum of int changes must not wrap around into "nothing used"
    for (HistoryEntry e : ctx.history().within(ctx.now(), period)) {
      if (up && e.change() > 0) {
        used += e.change();
      } else if (!up && e.change() < 0) {
        used -= e.change();
      }
    }
    long left = Math.max(0, maxChange - used);
    long step = Math.abs((long) desired - current);
    if (step <= left) {
      return GuardEffect.unchanged(name(), desired);
    }
    int after = (int) (up ? current + left : current - left); // |after - current| < step: fits
    return new GuardEffect(name(), desired, after, (up ? "scale-out" : "scale-in") + " limited to " + maxChange
        + " per " + period + ": " + used + " used, " + left + " left");
  }
}
