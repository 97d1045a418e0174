package dev.governor.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Past values of some signals, for warm starts: what a live controller would read from 14 days of
 * CloudWatch, or what a replay takes from the trace before its window. Each series is a list of
 * (observed at, value) in time order; values are finite and &gt;= 0 like every {@link Reading}.
 * Immutable.
 */
public final class SignalHistory {
  private static final SignalHistory EMPTY = new SignalHistory(Map.of());

  private final Map<String, List<Map.Entry<Instant, Double>>> series;

  private SignalHistory(Map<String, List<Map.Entry<Instant, Double>>> series) {
    this.series = series;
  }

  /**
   * A history with no series.
   *
   * @return the shared empty history
   */
  public static SignalHistory empty() {
    return EMPTY;
  }

  /**
   * Starts an empty builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The series held.
   *
   * @return the names with at least one value, sorted; unmodifiable
   */
  public List<String> names() {
    return List.copyOf(series.keySet());
  }

  /**
   * The values of one series.
   *
   * @param name the signal name
   * @return (observed at, value) pairs in time order, one per instant; empty if the series has
   *     none; unmodifiable
   */
  public List<Map.Entry<Instant, Double>> series(String name) {
    List<Map.Entry<Instant, Double>> l = series.get(name);
    return l == null ? List.of() : l;
  }

  /**
   * Whether there is nothing to warm-start from.
   *
   * @return true if no series has a value
   */
  public boolean isEmpty() {
    return series.isEmpty();
  }

  /** Collects values; each {@link #add} validates at once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, TreeMap<Instant, Double>> m = new TreeMap<>();

    private Builder() {}

    /**
     * Adds one value, in any order (a later value at the same instant replaces the earlier one).
     *
     * @param name the signal name
     * @param at when the value was observed
     * @param value the value: finite, &gt;= 0
     * @return this builder
     * @throws NullPointerException if {@code name} or {@code at} is null
     * @throws InvalidSignalException if {@code value} is NaN, infinite or negative
     */
    public Builder add(String name, Instant at, double value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(at, "at");
      if (!Double.isFinite(value) || value < 0) {
        throw new InvalidSignalException(name, value, "history value at " + at + " must be finite and >= 0, but was "
            + value);
      }
      m.computeIfAbsent(name, k -> new TreeMap<>()).put(at, value);
      return this;
    }

    /**
     * The history of the values added so far; later adds do not change it.
     *
     * @return an immutable history, each series sorted by time
     */
    public SignalHistory build() {
      Map<String, List<Map.Entry<Instant, Double>>> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(k, Collections.unmodifiableList(new ArrayList<>(v.entrySet()))));
      return new SignalHistory(Collections.unmodifiableMap(out));
    }
  }
}
