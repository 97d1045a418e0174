package dev.governor.predict;

import java.time.Instant;
import java.util.Objects;

/**
 * A forecast of one series at one instant, with an uncertainty band.
 *
 * @param at the instant forecast
 * @param point the central forecast (mean or median)
 * @param lower the lower quantile ({@link #LOWER_QUANTILE})
 * @param upper the upper quantile ({@link #UPPER_QUANTILE})
 */
public record Forecast(Instant at, double point, double lower, double upper) {
  public static final double LOWER_QUANTILE = 0.1;
  public static final double UPPER_QUANTILE = 0.9;

  public Forecast {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(point) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException("forecast values must be finite, but were " + lower + " / " + point + " / " + upper);
    }
    if (lower > point || point > upper) {
      throw new IllegalArgumentException("forecast must satisfy lower <= point <= upper, but was " + lower + " / " + point + " / " + upper);
    }
  }

  /** Builds a forecast clamped at 0 (rates and counts) with a symmetric band of ±{@code halfWidth}. */
  public static Forecast nonNegative(Instant at, double point, double halfWidth) {
    double p = Math.max(0, point);
    double hw = Math.max(0, halfWidth);
    return new Forecast(at, p, Math.max(0, p - hw), p + hw);
  }
}
