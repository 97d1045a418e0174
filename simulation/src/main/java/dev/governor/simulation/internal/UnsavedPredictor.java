package dev.governor.simulation.internal;

import dev.governor.predict.Forecast;
import dev.governor.predict.Predictor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A predictor whose state is never exported. The controller saves every predictor's state on
 * every tick; a replay's state store keeps nothing, and serialising an ensemble to JSON each tick
 * would cost more than the rest of the replay. Learning and forecasting are the wrapped
 * predictor's, untouched.
 */
final class UnsavedPredictor implements Predictor {
  private final Predictor p;

  UnsavedPredictor(Predictor p) {
    this.p = p;
  }

  @Override
  public String name() {
    return p.name();
  }

  @Override
  public void observe(Instant t, double value) {
    p.observe(t, value);
  }

  @Override
  public Optional<Forecast> forecast(Instant now, Duration horizon) {
    return p.forecast(now, horizon);
  }

  @Override
  public void warmStart(Iterable<? extends Map.Entry<Instant, Double>> history) {
    p.warmStart(history);
  }

  @Override
  public String saveState() {
    return "{}";
  }

  @Override
  public void restoreState(String state) {
    p.restoreState(state);
  }
}
