package dev.governor.signal;

import java.time.Instant;
import java.util.Objects;

/**
 * One observation of a named signal: a queue depth, an arrival rate, a service time, a count of
 * booting machines. Every Governor signal is a count, a rate or a duration, so values must be
 * finite and non-negative; anything else is rejected here, at the source, with the signal's name.
 *
 * @param name hierarchical name such as {@code queue.uploads.visible}
 * @param value finite, non-negative value
 * @param observedAt when the value was true (not when it was fetched); used for staleness
 */
public record Reading(String name, double value, Instant observedAt) {
  /**
   * Validates the reading.
   *
   * @param name hierarchical name such as {@code queue.uploads.visible}
   * @param value finite, non-negative value
   * @param observedAt when the value was true (not when it was fetched); used for staleness
   * @throws NullPointerException if {@code name} or {@code observedAt} is null
   * @throws InvalidSignalException if {@code name} is blank, or {@code value} is NaN, infinite or
   *     negative
   */
  public Reading {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(observedAt, "observedAt");
    if (name.isBlank()) {
      throw new InvalidSignalException(name, value, "name must not be blank");
    }
    if (Double.isNaN(value)) {
      throw new InvalidSignalException(name, value, "value must be a number, but was NaN");
    }
    if (Double.isInfinite(value)) {
      throw new InvalidSignalException(name, value, "value must be finite, but was " + value);
    }
    if (value < 0) {
      throw new InvalidSignalException(name, value, "value must be >= 0, but was " + value);
    }
  }

  /**
   * The same as the constructor.
   *
   * @param name hierarchical name such as {@code queue.uploads.visible}
   * @param value finite, non-negative value
   * @param observedAt when the value was true
   * @return the reading
   * @throws NullPointerException if {@code name} or {@code observedAt} is null
   * @throws InvalidSignalException if {@code name} is blank, or {@code value} is NaN, infinite or
   *     negative
   */
  public static Reading of(String name, double value, Instant observedAt) {
    return new Reading(name, value, observedAt);
  }
}
