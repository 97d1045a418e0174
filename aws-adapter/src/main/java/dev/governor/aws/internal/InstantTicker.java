package dev.governor.aws.internal;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Instant;

/**
 * A Caffeine ticker that reads the tick's time instead of a clock: sources are handed {@code now}
 * and must not read time themselves, and tests move time by passing a later {@code now}.
 */
public final class InstantTicker implements Ticker {
  private volatile long nanos;

  /** Moves the ticker to {@code now}; never backwards. */
  public void set(Instant now) {
    long n = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    if (n > nanos) {
      nanos = n;
    }
  }

  @Override
  public long read() {
    return nanos;
  }
}
