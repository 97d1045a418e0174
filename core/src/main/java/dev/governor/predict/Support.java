package dev.governor.predict;

import dev.governor.internal.Json;
import dev.governor.internal.StateDocument;
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
  static StateDocument open(String json, String predictor, int version) {
    return StateDocument.open(json, predictor, "predictor", predictor, version);
  }
}
