package dev.governor.policy.baseline;

import java.time.Duration;
import java.util.Locale;

/** Validation and formatting shared by the baseline configs: messages name field, rule and value. */
final class Check {
  private Check() {}

  static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  static double positive(String field, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be > 0 and finite, but was " + v);
    }
    return v;
  }

  static double nonNegative(String field, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(field + " must be >= 0 and finite, but was " + v);
    }
    return v;
  }

  static int atLeast(String field, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", but was " + v);
    }
    return v;
  }

  static long atLeast(String field, long v, long min) {
    if (v < min) {
      throw new IllegalArgumentException(field + " must be >= " + min + ", but was " + v);
    }
    return v;
  }

  static int inRange(String field, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], but was " + v);
    }
    return v;
  }

  static Duration nonNegative(String field, Duration d) {
    notNull(field, d);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + " must be >= 0s, but was " + d);
    }
    return d;
  }

  static Duration positive(String field, Duration d) {
    notNull(field, d);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + " must be > 0s, but was " + d);
    }
    return d;
  }

  static void minMax(int min, int max) {
    atLeast("minCapacity", min, 0);
    if (max < min) {
      throw new IllegalArgumentException("maxCapacity must be >= minCapacity (" + min + "), but was " + max);
    }
  }

  static int clamp(int v, int min, int max) {
    return Math.max(min, Math.min(max, v));
  }

  /** A number for a reason line: integers without decimals, others with up to 3 decimals. */
  static String n(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.3f", v);
    s = s.replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** Ceil that ignores binary noise: 15.000000000000002 is 15, not 16. */
  static int ceil(double v) {
    double r = Math.rint(v);
    if (Math.abs(v - r) < 1e-9) {
      return (int) r;
    }
    return (int) Math.ceil(v);
  }

  /** Floor that ignores binary noise: 6.999999999999999 is 7. */
  static int floor(double v) {
    double r = Math.rint(v);
    if (Math.abs(v - r) < 1e-9) {
      return (int) r;
    }
    return (int) Math.floor(v);
  }
}
