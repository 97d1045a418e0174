package dev.governor.aws.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Elapsed time built from the instants a component is handed ({@code now} of each call), so that
 * a step of the host's clock (NTP, a restored VM) can neither freeze it nor fast-forward it.
 *
 * <p>Each {@link #advance} adds the step since the previous instant, but at most {@code maxStep};
 * a step back adds {@code backStep}. The two are chosen by what the time is for:
 * <ul>
 *   <li>a cache TTL ({@link #forCache}): a step back counts as a whole TTL, because the real time
 *       since the last read is unknown and refreshing is the safe answer (one extra API call); a
 *       step forward expires entries, which costs the same and nothing more;
 *   <li>remembering something until it can be seen or is overdue ({@link #forMemory}): a step back
 *       counts as nothing and a step forward as at most {@link #MAX_STEP}, so neither a launch that
 *       Describe does not show yet nor a drain deadline can be cut short by a jump; after the jump
 *       the time between calls counts again, so nothing is held for the size of the step either.
 * </ul>
 * It never reads a clock itself. Also a Caffeine {@link Ticker} (monotonic, as Caffeine requires).
 * Thread-safe.
 */
public final class StepSafeElapsed implements Ticker {
  /** The longest gap between two calls taken at face value by {@link #forMemory}. */
  public static final Duration MAX_STEP = Duration.ofMinutes(5);

  private final long maxStepNanos;
  private final long backStepNanos;
  private Instant last;
  private long nanos;
  private boolean wentBack;

  public StepSafeElapsed(Duration maxStep, Duration backStep) {
    this.maxStepNanos = Objects.requireNonNull(maxStep, "maxStep").toNanos();
    this.backStepNanos = Objects.requireNonNull(backStep, "backStep").toNanos();
    if (maxStepNanos <= 0 || backStepNanos < 0 || backStepNanos > maxStepNanos) {
      throw new IllegalArgumentException("need 0 <= backStep <= maxStep and maxStep > 0, but were " + backStep + ", " + maxStep);
    }
  }

  /** For a cache with this TTL: any step of a TTL or more, and any step back, expires it. */
  public static StepSafeElapsed forCache(Duration ttl) {
    return new StepSafeElapsed(ttl, ttl);
  }

  /** For remembering: a step back adds nothing, a step forward at most {@link #MAX_STEP}. */
  public static StepSafeElapsed forMemory() {
    return new StepSafeElapsed(MAX_STEP, Duration.ZERO);
  }

  /** Moves on to {@code now} and returns the elapsed nanoseconds. */
  public synchronized long advance(Instant now) {
    Objects.requireNonNull(now, "now");
    if (last == null) {
      last = now;
      wentBack = false;
      return nanos;
    }
    long step;
    if (now.isBefore(last)) {
      step = backStepNanos;
      wentBack = true;
    } else {
      Duration d = Duration.between(last, now);
      // Compare before converting: a step of centuries does not fit in a long of nanoseconds.
      step = d.compareTo(Duration.ofNanos(maxStepNanos)) >= 0 ? maxStepNanos : d.toNanos();
      wentBack = false;
    }
    last = now;
    nanos += step;
    return nanos;
  }

  /** Whether the last {@link #advance} was handed an instant earlier than the one before. */
  public synchronized boolean wentBack() {
    return wentBack;
  }

  /** The elapsed nanoseconds as of the last {@link #advance}. */
  @Override
  public synchronized long read() {
    return nanos;
  }
}
