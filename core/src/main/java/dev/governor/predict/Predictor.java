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
  /** A short name for reports, e.g. {@code holt-winters}. */
  String name();

  /** Learns one value observed at {@code t}. Values must be finite and >= 0. */
  void observe(Instant t, double value);

  /** The forecast for {@code now + horizon}, or empty while there is not enough data. */
  Optional<Forecast> forecast(Instant now, Duration horizon);

  /** Learns a history in one go (e.g. 14 days from CloudWatch, or the start of a trace). */
  default void warmStart(Iterable<? extends java.util.Map.Entry<Instant, Double>> history) {
    for (var e : history) {
      observe(e.getKey(), e.getValue());
    }
  }

  /** Serialises everything learnt so far. */
  String saveState();

  /** Restores what {@link #saveState()} returned; throws {@link IllegalArgumentException} naming the problem on bad input. */
  void restoreState(String state);
}
