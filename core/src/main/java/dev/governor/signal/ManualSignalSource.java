package dev.governor.signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A source whose values are set by hand: for tests, for the simulator and for hosts that push
 * metrics they already collect. Values are validated when set. Single-writer, like the engine.
 */
public final class ManualSignalSource implements SignalSource {
  private final Map<String, Reading> readings = new LinkedHashMap<>();

  /** Sets (or replaces) a signal. */
  public ManualSignalSource set(String name, double value, Instant observedAt) {
    readings.put(name, new Reading(name, value, observedAt));
    return this;
  }

  public ManualSignalSource remove(String name) {
    readings.remove(name);
    return this;
  }

  public ManualSignalSource clear() {
    readings.clear();
    return this;
  }

  @Override
  public Collection<Reading> read(Instant now) {
    return new ArrayList<>(readings.values());
  }
}
