package dev.governor.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** A clock that moves only when told to. For tests and the simulator. Not thread-safe. */
public final class ManualClock implements InstantSource {
  private Instant now;

  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  @Override
  public Instant instant() {
    return now;
  }

  public ManualClock advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back, but advance was " + d);
    }
    now = now.plus(d);
    return this;
  }

  public ManualClock set(Instant t) {
    if (t.isBefore(now)) {
      throw new IllegalArgumentException("a clock cannot go back from " + now + " to " + t);
    }
    now = t;
    return this;
  }
}
