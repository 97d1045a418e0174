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

  /**
   * A clock that reads {@code start} until it is moved.
   *
   * @param start the first instant it reads (not null)
   * @throws NullPointerException if {@code start} is null
   */
  public ManualClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * The clock's current time: the start, moved by every {@link #advance}, {@link #step} and
   * {@link #set} so far.
   *
   * @return the current instant
   */
  @Override
  public Instant instant() {
    return now;
  }

  /**
   * Moves the clock forward by {@code d}.
   *
   * @param d how far (&gt;= 0, not null)
   * @return this clock, for chaining
   * @throws IllegalArgumentException if {@code d} is negative
   */
  public ManualClock advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a clock cannot go back, but advance was " + d);
    }
    now = now.plus(d);
    return this;
  }

  /**
   * Steps the clock by {@code d}, forward or back (a wall-clock step, for fault tests).
   *
   * @param d how far, negative to go back (not null)
   * @return this clock, for chaining
   * @throws NullPointerException if {@code d} is null
   */
  public ManualClock step(Duration d) {
    now = now.plus(Objects.requireNonNull(d, "step"));
    return this;
  }

  /**
   * Sets the clock to {@code t}, which must not be before its current time.
   *
   * @param t the new time (not null; equal to the current time is allowed)
   * @return this clock, for chaining
   * @throws IllegalArgumentException if {@code t} is before the current time
   */
  public ManualClock set(Instant t) {
    if (t.isBefore(now)) {
      throw new IllegalArgumentException("a clock cannot go back from " + now + " to " + t);
    }
    now = t;
    return this;
  }
}
