package dev.governor.guard;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Independent cooldowns: no scale-out within {@code up} of the last scale-out (lets launched
 * capacity arrive before adding more); no scale-in within {@code down} of the last scale-out or
 * scale-in (never undo a launch right away, let a removal show its effect).
 */
public final class CooldownGuard implements Guard {
  private final Duration up;
  private final Duration down;

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
