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
 * never affected. While the pause lasts ({@code now <= lastFailure + pause}, inclusive) a
 * scale-out holds the current capacity. Failures are counted in the scaling history (a launch that
 * failed outright, or none of whose instances reached RUNNING in time). Immutable.
 */
public final class LaunchBackoffGuard implements Guard {
  /** Default pause after the first failure: 1 minute. */
  public static final Duration DEFAULT_BASE = Duration.ofMinutes(1);
  /** Default longest pause: 15 minutes. */
  public static final Duration DEFAULT_MAX = Duration.ofMinutes(15);

  private final Duration base;
  private final Duration max;

  /**
   * A back-off from {@code base}, doubling per consecutive failure up to {@code max}.
   *
   * @param base the pause after the first failure; &gt; 0
   * @param max the longest pause; &gt;= {@code base}
   * @throws NullPointerException if {@code base} or {@code max} is null
   * @throws IllegalArgumentException if {@code base} is zero or negative, or {@code max < base}
   */
  public LaunchBackoffGuard(Duration base, Duration max) {
    this.base = Checks.positive("base", base);
    this.max = Objects.requireNonNull(max, "max");
    if (max.compareTo(base) < 0) {
      throw new IllegalArgumentException("max must be >= base (" + base + "), but was " + max);
    }
  }

  /**
   * The default back-off: {@link #DEFAULT_BASE} (1 min) doubling to {@link #DEFAULT_MAX} (15 min).
   *
   * @return a new guard with the defaults
   */
  public static LaunchBackoffGuard ofDefaults() {
    return new LaunchBackoffGuard(DEFAULT_BASE, DEFAULT_MAX);
  }

  /**
   * The pause after {@code failures} consecutive failures:
   * {@code min(base * 2^(failures - 1), max)}.
   *
   * @param failures consecutive failed launches
   * @return the pause; zero if {@code failures <= 0}
   */
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
