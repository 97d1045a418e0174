package dev.governor.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A clock that moves only when told to. For tests and the simulator. Not thread-safe.
 * {@link #advance} and {@link #set} only go forward (a simulation that goes back is a bug);
 * {@link #step} moves either way, as NTP or a restored VM snapshot moves a real clock.
 */
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

  /** Steps the clock by {@code d}, forward or back (a wall-clock step, for fault tests). */
  public ManualClock step(Duration d) {
    now = now.plus(Objects.requireNonNull(d, "step"));
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
