package dev.governor.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source whose values are set by hand: for tests, for the simulator and for hosts that push
 * metrics they already collect. Values are validated when set. {@link #read} ignores its time and
 * returns the readings as set, in insertion order (a replaced value keeps its place). Single-writer, like the
 * engine: not thread-safe, so set values on the ticking thread (or synchronize around it).
 */
public final class ManualSignalSource implements SignalSource {
  private final Map<String, Reading> readings = new LinkedHashMap<>();

  /** A source with no readings yet. */
  public ManualSignalSource() {}

  /**
   * Sets (or replaces) a signal.
   *
   * @param name the signal name, e.g. {@code queue.uploads.visible}
   * @param value its value: finite, &gt;= 0
   * @param observedAt when the value was true (staleness counts from it)
   * @return this source
   * @throws InvalidSignalException if {@code name} is blank or {@code value} is NaN, infinite or
   *     negative
   * @throws NullPointerException if {@code name} or {@code observedAt} is null
   */
  public ManualSignalSource set(String name, double value, Instant observedAt) {
    readings.put(name, new Reading(name, value, observedAt));
    return this;
  }

  /**
   * Stops reporting a signal (it becomes missing; nothing happens if it was not set).
   *
   * @param name the signal name
   * @return this source
   */
  public ManualSignalSource remove(String name) {
    readings.remove(name);
    return this;
  }

  /**
   * Stops reporting every signal.
   *
   * @return this source
   */
  public ManualSignalSource clear() {
    readings.clear();
    return this;
  }

  @Override
  public Collection<Reading> read(Instant now) {
    return new ArrayList<>(readings.values());
  }
}
