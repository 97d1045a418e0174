package dev.governor.predict;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An online learner of one series (e.g. arrivals per second of a job class).
 *
 * <p>Implementations never read a clock: time comes in with every observation and every
 * question. Observations must arrive in non-decreasing time order; an older one is ignored.
 * Until a predictor has seen enough data it answers {@link Optional#empty()}: "not enough data
 * yet" is an outcome, not an error. State is exported as a JSON string so it survives restarts
 * through any {@code StateStore}.
 */
public interface Predictor {
  /**
   * A short, stable name for reports and saved state, e.g. {@code holt-winters}.
   *
   * @return this predictor's name; the built-in ones are those of {@link Predictors#names()}
   */
  String name();

  /**
   * Learns one value observed at {@code t}. An observation older than the last one learnt is
   * ignored (no error).
   *
   * @param t when the value was observed
   * @param value the observed value, in the series' own unit (e.g. jobs/s); finite, {@code >= 0}
   *     and {@code <=} {@link Predictors#MAX_VALUE}
   * @throws NullPointerException if {@code t} is null
   * @throws IllegalArgumentException if {@code value} is out of range, NaN or infinite, or {@code t}
   *     is outside the epoch-millisecond range
   */
  void observe(Instant t, double value);

  /**
   * The forecast for {@code now + horizon}, or empty while there is not enough data.
   *
   * @param now the time the question is asked (the tick's time)
   * @param horizon how far ahead of {@code now} to forecast; {@code >= 0}
   * @return the forecast for {@code now + horizon} (its {@link Forecast#at()}), or empty while the
   *     predictor is not ready
   * @throws NullPointerException if {@code now} or {@code horizon} is null
   * @throws IllegalArgumentException if {@code horizon} is negative or {@code now + horizon} is
   *     outside the epoch-millisecond range
   */
  Optional<Forecast> forecast(Instant now, Duration horizon);

  /**
   * Learns a history in one go (e.g. 14 days from CloudWatch, or the start of a trace). The
   * default calls {@link #observe} for each entry in iteration order, so the history should be in
   * time order (older entries after newer ones are ignored).
   *
   * @param history (time, value) pairs, oldest first; each value as for {@link #observe}
   * @throws IllegalArgumentException on the first value {@link #observe} rejects (the entries
   *     before it stay learnt)
   */
  default void warmStart(Iterable<? extends java.util.Map.Entry<Instant, Double>> history) {
    for (var e : history) {
      observe(e.getKey(), e.getValue());
    }
  }

  /**
   * Serialises everything learnt so far.
   *
   * @return a JSON document that {@link #restoreState} of a predictor of the same kind and
   *     configuration accepts
   */
  String saveState();

  /**
   * Restores what {@link #saveState()} returned, replacing everything learnt so far.
   *
   * @param state a JSON document from {@link #saveState()}
   * @throws IllegalArgumentException naming the problem if {@code state} is null, not valid JSON,
   *     of another predictor or version, or inconsistent with this predictor's configuration
   */
  void restoreState(String state);
}
