package dev.governor.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Independent cooldowns: no scale-out within {@code up} of the last scale-out (lets launched
 * capacity arrive before adding more); no scale-in within {@code down} of the last scale-out or
 * scale-in (never undo a launch right away, let a removal show its effect). A blocked change holds
 * the current capacity. Times come from the history's last scale-out and scale-in (ticks whose
 * applied change was positive or negative); a change is blocked while
 * {@code now < last + cooldown}. Immutable.
 */
public final class CooldownGuard implements Guard {
  private final Duration up;
  private final Duration down;

  /**
   * Cooldowns per direction; zero turns that direction's cooldown off.
   *
   * @param up how long after a scale-out no scale-out is allowed; &gt;= 0
   * @param down how long after a scale-out or scale-in no scale-in is allowed; &gt;= 0
   * @throws NullPointerException if {@code up} or {@code down} is null
   * @throws IllegalArgumentException if {@code up} or {@code down} is negative
   */
  public CooldownGuard(Duration up, Duration down) {
    this.up = Objects.requireNonNull(up, "up");
    this.down = Objects.requireNonNull(down, "down");
    if (up.isNegative()) {
      throw new IllegalArgumentException("up cooldown must be >= 0, but was " + up);
    }
    if (down.isNegative()) {
      throw new IllegalArgumentException("down cooldown must be >= 0, but was " + down);
    }
  }

  @Override
  public String name() {
    return "cooldown";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int current = ctx.current();
    Instant lastOut = ctx.history().lastScaleOut();
    Instant lastIn = ctx.history().lastScaleIn();
    if (desired > current && within(lastOut, up, ctx.now())) {
      return new GuardEffect(name(), desired, current, "scale-out cooldown " + up + " since " + lastOut);
    }
    if (desired < current) {
      Instant last = latest(lastOut, lastIn);
      if (within(last, down, ctx.now())) {
        return new GuardEffect(name(), desired, current, "scale-in cooldown " + down + " since " + last);
      }
    }
    return GuardEffect.unchanged(name(), desired);
  }

  private static boolean within(Instant last, Duration d, Instant now) {
    return last != null && !d.isZero() && now.isBefore(last.plus(d));
  }

  private static Instant latest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isAfter(b) ? a : b;
  }
}
