package dev.governor.guard;

import dev.governor.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * After failed launches (capacity errors, quota errors, throttling), holds scale-out for an
 * exponentially growing pause: {@code min(base · 2^(n−1), max)} after the n-th consecutive
 * failure. This is the controller's back-off on top of the SDK's own retries, so a fleet that
 * cannot get capacity does not ask for it in a storm. A launch that works resets it. Scale-in is
 * never affected.
 */
public final class LaunchBackoffGuard implements Guard {
  public static final Duration DEFAULT_BASE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_MAX = Duration.ofMinutes(15);

  private final Duration base;
  private final Duration max;

  public LaunchBackoffGuard(Duration base, Duration max) {
    this.base = Checks.positive("base", base);
    this.max = Objects.requireNonNull(max, "max");
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("max must be >= base (" + base + "), but was " + max);
    }
  }

  public static LaunchBackoffGuard ofDefaults() {
    return new LaunchBackoffGuard(DEFAULT_BASE, DEFAULT_MAX);
  }

  /** The pause after {@code failures} consecutive failures. */
  public Duration pause(int failures) {
    if (failures <= 0) {
      return Duration.ZERO;
    }
    Duration d = base;
    for (int i = 1; i < failures && d.compareTo(max) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(max) > 0 ? max : d;
  }

  @Override
  public String name() {
    return "launch-backoff";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int n = ctx.history().launchFailures();
    Instant last = ctx.history().lastLaunchFailure();
    if (desired <= ctx.current() || n == 0 || last == null) {
      return GuardEffect.unchanged(name(), desired);
    }
    Duration pause = pause(n);
    Instant until = last.plus(pause);
    // Inclusive: a 1-minute pause must block the tick 60 s after the failure, or it blocks nothing.
    if (!ctx.now().isAfter(until)) {
      return new GuardEffect(name(), desired, ctx.current(), "backing off until " + until + " after " + n
          + " failed launch" + (n == 1 ? "" : "es") + ": " + ctx.history().lastLaunchError());
    }
    return GuardEffect.unchanged(name(), desired);
  }
}
