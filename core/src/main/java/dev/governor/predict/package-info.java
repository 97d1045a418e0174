/**
 * Online forecasters of one series each (e.g. a job class's arrivals per second), used by the
 * policies to scale ahead of predictable load.
 *
 * <p>A {@link dev.governor.predict.Predictor} learns observations in time order and answers
 * {@link dev.governor.predict.Forecast}s: a point with a 10 %/90 % quantile band, or empty while
 * it has not seen enough data ("not enough data yet" is an outcome, not an error). Its state is a
 * JSON string, saved with the controller's state and restored after a restart. The built-in
 * predictors, by name ({@link dev.governor.predict.Predictors}):
 * <ul>
 *   <li>{@code seasonal} ({@link dev.governor.predict.SeasonalProfilePredictor}): daily and weekly
 *       time-of-week profiles of 15-minute buckets;
 *   <li>{@code holt-winters} ({@link dev.governor.predict.HoltWintersPredictor}): additive
 *       double-seasonal Holt-Winters with a damped trend, on 15-minute steps;
 *   <li>{@code ewma-trend} ({@link dev.governor.predict.EwmaTrendPredictor}): Holt's linear method
 *       for irregular samples, which follows ramps;
 *   <li>{@code ensemble} ({@link dev.governor.predict.EnsemblePredictor}): the three combined,
 *       each weighted by {@code 1/(E² + ε)}, {@code E} its recent mean absolute error.
 * </ul>
 * Predictors never read a clock (time comes with every call) and are not thread-safe: one
 * controller feeds each of them from its tick.
 */
package dev.governor.predict;
