package dev.governor.predict;

import java.time.Instant;
import java.util.Objects;

/**
 * A forecast of one series at one instant, with an uncertainty band, in the series' own unit
 * (e.g. jobs/s). Immutable; always {@code lower <= point <= upper}, all finite.
 *
 * @param at the instant forecast ({@code now + horizon} of the question)
 * @param point the central forecast (mean or median)
 * @param lower the lower quantile ({@link #LOWER_QUANTILE}, the 10 % quantile)
 * @param upper the upper quantile ({@link #UPPER_QUANTILE}, the 90 % quantile)
 */
public record Forecast(Instant at, double point, double lower, double upper) {
  /** The quantile that {@link #lower()} estimates: 0.1 (the value is below it 10 % of the time). */
  public static final double LOWER_QUANTILE = 0.1;
  /** The quantile that {@link #upper()} estimates: 0.9 (the value is below it 90 % of the time). */
  public static final double UPPER_QUANTILE = 0.9;

  /**
   * Checks the forecast.
   *
   * @param at the instant forecast
   * @param point the central forecast
   * @param lower the 10 % quantile
   * @param upper the 90 % quantile
   * @throws NullPointerException if {@code at} is null
   * @throws IllegalArgumentException if a value is NaN or infinite, or not
   *     {@code lower <= point <= upper}
   */
  public Forecast {
    Objects.requireNonNull(at, "at");
    if (!Double.isFinite(point) || !Double.isFinite(lower) || !Double.isFinite(upper)) {
      throw new IllegalArgumentException("forecast values must be finite, but were " + lower + " / " + point + " / " + upper);
    }
    if (lower > point || point > upper) {
      throw new IllegalArgumentException("forecast must satisfy lower <= point <= upper, but was " + lower + " / " + point + " / " + upper);
    }
  }

  /**
   * Builds a forecast clamped at 0 (rates and counts) with a band of ±{@code halfWidth}:
   * {@code point' = max(0, point)}, {@code lower = max(0, point' − hw)}, {@code upper = point' + hw}
   * with {@code hw = max(0, halfWidth)} (so the band is symmetric unless clipped at 0).
   *
   * @param at the instant forecast
   * @param point the central forecast; a negative value becomes 0
   * @param halfWidth half the band's width, in the series' unit; a negative value becomes 0
   * @return the clamped forecast
   * @throws NullPointerException if {@code at} is null
   * @throws IllegalArgumentException if {@code point} or {@code halfWidth} is NaN or infinite
   */
  public static Forecast nonNegative(Instant at, double point, double halfWidth) {
    double p = Math.max(0, point);
    double hw = Math.max(0, halfWidth);
    return new Forecast(at, p, Math.max(0, p - hw), p + hw);
  }
}
