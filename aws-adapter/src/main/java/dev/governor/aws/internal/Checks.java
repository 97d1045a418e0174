package dev.governor.aws.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Argument checks for the adapter's builders (core's are not exported: core's module exports API
 * packages only); the same rules and messages as core's. Every message names
 * the field, the rule and the value ({@code "tick must be > 0, but was PT0S"}).
 */
public final class Checks {
  private Checks() {}

  /** {@code d} is set and longer than zero. */
  public static Duration positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0, but was " + d);
    }
    return d;
  }

  /** {@code d} is set and not negative. */
  public static Duration nonNegative(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0, but was " + d);
    }
    return d;
  }

  /** {@code v} is a finite number above zero. */
  public static double positiveFinite(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be > 0 and finite, but was " + v);
    }
    return v;
  }
}
