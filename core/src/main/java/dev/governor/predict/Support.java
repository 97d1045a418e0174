package dev.governor.predict;

import dev.governor.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Validation, time and state helpers shared by the predictors. Package-private on purpose. */
final class Support {
  /** Φ⁻¹(0.9): a normal band of ±Z_90·σ spans the 10 % and 90 % quantiles. */
  static final double Z_90 = 1.2815515655446004;
  static final long DAY_MS = 86_400_000L;
  static final long WEEK_MS = 7 * DAY_MS;

  private Support() {}

  // ---- observations and questions ----

  /** Rejects values outside [0, {@link Predictors#MAX_VALUE}], naming the value. */
  static void checkValue(double value) {
    // written so that NaN fails too
    if (!(value >= 0 && value <= Predictors.MAX_VALUE)) {
      throw new IllegalArgumentException("value must be finite, >= 0 and <= " + Predictors.MAX_VALUE
          + ", but was " + value);
    }
  }

  static long millis(Instant t, String what) {
    Objects.requireNonNull(t, what);
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " must be within the epoch-millisecond range, but was " + t, e);
    }
  }

  /** {@code now + horizon} in epoch milliseconds; the horizon must be >= 0. */
  static long targetMillis(Instant now, Duration horizon) {
    long n = millis(now, "now");
    Objects.requireNonNull(horizon, "horizon");
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("horizon must be >= 0, but was " + horizon);
    }
    try {
      return Math.addExact(n, horizon.toMillis());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("now + horizon must be within the epoch-millisecond range, but was "
          + now + " + " + horizon, e);
    }
  }

  /** Variance weight that averages the first samples equally, then settles at {@code alpha}. */
  static double ewmaWeight(double alpha, long count) {
    return Math.max(alpha, 1.0 / count);
  }

  /**
   * The variance multiplier of an h-step Holt forecast relative to the one-step error variance
   * (Hyndman et al. 2008, class 1, ignoring seasonal terms):
   * {@code 1 + α²·Σ_{j=1}^{n} (1 + β·Φ_j)²} with {@code Φ_j = φ + … + φ^j} and {@code n = h − 1}, in
   * closed form so that long horizons cost nothing. {@code n} may be fractional (irregular time).
   */
  static double horizonVarianceFactor(double alpha, double beta, double phi, double n) {
    if (!(n > 0)) {
      return 1;
    }
    double s;
    if (phi == 1) {
      s = n + beta * n * (n + 1) + beta * beta * n * (n + 1) * (2 * n + 1) / 6;
    } else {
      double c = phi / (1 - phi);
      double g1 = phi * (1 - StrictMath.pow(phi, n)) / (1 - phi);
      double g2 = phi * phi * (1 - StrictMath.pow(phi, 2 * n)) / (1 - phi * phi);
      s = n + 2 * beta * c * (n - g1) + beta * beta * c * c * (n - 2 * g1 + g2);
    }
    return 1 + alpha * alpha * s;
  }

  /** {@code φ + φ² + … + φ^h}: how far a damped trend carries in {@code h} steps. */
  static double dampedSum(double phi, double h) {
    if (phi == 1) {
      return h;
    }
    return phi * (1 - StrictMath.pow(phi, h)) / (1 - phi);
  }

  // ---- local time (for profiles that follow the users' clock) ----

  /** Converts UTC epoch millis to local "epoch" millis, cheaply for fixed-offset zones. */
  static final class LocalTime {
    private final ZoneRules rules;
    private final long fixedOffsetMs;
    private final boolean fixed;

    LocalTime(ZoneId zone) {
      this.rules = zone.getRules();
      this.fixed = rules.isFixedOffset();
      this.fixedOffsetMs = fixed ? rules.getOffset(Instant.EPOCH).getTotalSeconds() * 1000L : 0;
    }

    long local(long utcMs) {
      if (fixed) {
        return utcMs + fixedOffsetMs;
      }
      return utcMs + rules.getOffset(Instant.ofEpochMilli(utcMs)).getTotalSeconds() * 1000L;
    }
  }

  /** Position of local millis within a Monday-aligned week, in units of {@code unitMs}. */
  static int weekPosition(long localMs, long unitMs) {
    long day = Math.floorDiv(localMs, DAY_MS);
    int dayOfWeek = Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday; Monday = 0
    return (int) (dayOfWeek * (DAY_MS / unitMs) + Math.floorMod(localMs, DAY_MS) / unitMs);
  }

  // ---- config validation: messages name the field, the rule and the value ----

  static double inUnitInterval(String field, double v, boolean zeroAllowed) {
    boolean ok = zeroAllowed ? v >= 0 && v <= 1 : v > 0 && v <= 1;
    if (!ok) {
      throw new IllegalArgumentException(field + " must be in " + (zeroAllowed ? "[0, 1]" : "(0, 1]")
          + ", but was " + v);
    }
    return v;
  }

  static double positiveFinite(String field, double v) {
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(field + " must be finite and > 0, but was " + v);
    }
    return v;
  }

  /** A period of whole milliseconds in [1 min, 1 day] that divides one day evenly. */
  static Duration dayDivisor(String field, Duration d) {
    Objects.requireNonNull(d, field);
    boolean ok = d.compareTo(Duration.ofMinutes(1)) >= 0 && d.compareTo(Duration.ofDays(1)) <= 0
        && d.getNano() % 1_000_000 == 0 && DAY_MS % d.toMillis() == 0;
    if (!ok) {
      throw new IllegalArgumentException(field + " must be between PT1M and PT24H and divide one day evenly, but was " + d);
    }
    return d;
  }

  /** A duration between 1 ms and 365 days. */
  static Duration reasonable(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(Duration.ofDays(365)) > 0) {
      throw new IllegalArgumentException(field + " must be between PT0.001S and PT8760H, but was " + d);
    }
    return d;
  }

  // ---- state: every problem becomes an IllegalArgumentException that says where ----

  /** Reads a saved state's top-level object and checks its predictor name and version. */
  static State open(String json, String predictor, int version) {
    if (json == null) {
      throw new IllegalArgumentException(predictor + " state must not be null");
    }
    Map<String, Object> m;
    try {
      m = Json.parseObject(json);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(predictor + " state is not valid JSON: " + e.getMessage(), e);
    }
    State s = new State(predictor, m);
    String kind = s.string("predictor");
    if (!predictor.equals(kind)) {
      throw new IllegalArgumentException(predictor + " state: 'predictor' must be \"" + predictor + "\", but was \""
          + kind + "\"");
    }
    long v = s.count("version");
    if (v != version) {
      throw new IllegalArgumentException(predictor + " state: 'version' must be " + version + ", but was " + v);
    }
    return s;
  }

  /** Typed, checked access to one JSON object of a saved state. */
  static final class State {
    private final String where;
    final Map<String, Object> map;

    State(String where, Map<String, Object> map) {
      this.where = where;
      this.map = map;
    }

    IllegalArgumentException error(String key, String rule, Object was) {
      return new IllegalArgumentException(where + " state: '" + key + "' " + rule + ", but was " + was);
    }

    private Object get(String key) {
      if (!map.containsKey(key)) {
        throw new IllegalArgumentException(where + " state: '" + key + "' is missing");
      }
      return map.get(key);
    }

    String string(String key) {
      Object v = get(key);
      if (!(v instanceof String s)) {
        throw error(key, "must be a string", v);
      }
      return s;
    }

    double number(String key) {
      Object v = get(key);
      if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        throw error(key, "must be a finite number", v);
      }
      return n.doubleValue();
    }

    double nonNegative(String key) {
      double d = number(key);
      if (!(d >= 0)) {
        throw error(key, "must be >= 0", d);
      }
      return d;
    }

    long integer(String key) {
      Object v = get(key);
      if (v instanceof Long l) {
        return l;
      }
      // the JSON reader returns long integers beyond 15 digits as doubles
      if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return d.longValue();
      }
      throw error(key, "must be an integer", v);
    }

    long count(String key) {
      long l = integer(key);
      if (l < 0) {
        throw error(key, "must be >= 0", l);
      }
      return l;
    }

    /** An array of exactly {@code length} numbers, each >= {@code min}. */
    double[] doubles(String key, int length, double min) {
      Object v = get(key);
      if (!(v instanceof List<?> l)) {
        throw error(key, "must be an array", v);
      }
      if (l.size() != length) {
        throw error(key, "must have " + length + " elements", l.size());
      }
      double[] out = new double[length];
      for (int i = 0; i < length; i++) {
        Object o = l.get(i);
        if (!(o instanceof Number n) || !Double.isFinite(n.doubleValue()) || !(n.doubleValue() >= min)) {
          throw error(key + "[" + i + "]", "must be a finite number >= " + min, o);
        }
        out[i] = n.doubleValue();
      }
      return out;
    }

    List<?> list(String key) {
      Object v = get(key);
      if (!(v instanceof List<?> l)) {
        throw error(key, "must be an array", v);
      }
      return l;
    }

    @SuppressWarnings("unchecked")
    State object(String key) {
      Object v = get(key);
      if (!(v instanceof Map)) {
        throw error(key, "must be an object", v);
      }
      return new State(where + "." + key, (Map<String, Object>) v);
    }

    /** The structural config a state was saved with must be this predictor's, or the arrays mean something else. */
    void expect(String key, Object expected) {
      Object v = get(key);
      if (!expected.equals(v)) {
        throw new IllegalArgumentException(where + " state was saved with " + key + " " + v + " but this predictor has "
            + expected + "; the saved state cannot be used");
      }
    }
  }
}
