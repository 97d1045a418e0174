package dev.governor.signal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every reading of one tick, taken at {@code takenAt}, with staleness judged against
 * {@link Freshness}. When a source reports the same name twice, the newest observation wins.
 * Readings observed after {@code takenAt} (clock skew) are treated as observed at
 * {@code takenAt}, never as fresher than the tick.
 */
public final class Snapshot {
  private final Instant takenAt;
  private final Map<String, Reading> readings;
  private final Freshness freshness;

  private Snapshot(Instant takenAt, Map<String, Reading> readings, Freshness freshness) {
    this.takenAt = takenAt;
    this.readings = readings;
    this.freshness = freshness;
  }

  public static Snapshot of(Instant takenAt, Collection<Reading> readings, Freshness freshness) {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(freshness, "freshness");
    Map<String, Reading> m = new HashMap<>(Math.max(16, readings.size() * 2));
    for (Reading r : readings) {
      Objects.requireNonNull(r, "reading");
      Reading old = m.get(r.name());
      if (old == null || !r.observedAt().isBefore(old.observedAt())) {
        m.put(r.name(), r);
      }
    }
    return new Snapshot(takenAt, Collections.unmodifiableMap(m), freshness);
  }

  public static Snapshot empty(Instant takenAt, Freshness freshness) {
    return new Snapshot(takenAt, Map.of(), freshness);
  }

  public Instant takenAt() {
    return takenAt;
  }

  public Freshness freshness() {
    return freshness;
  }

  public int size() {
    return readings.size();
  }

  public Reading reading(String name) {
    return readings.get(name);
  }

  public boolean has(String name) {
    return readings.containsKey(name);
  }

  /** The value of a signal if present and fresh, else {@code fallback}. */
  public double valueOr(String name, double fallback) {
    Reading r = readings.get(name);
    return r == null || isStale(r) ? fallback : r.value();
  }

  /** The value of a signal, fresh or not, or {@code fallback} if missing. */
  public double lastKnownOr(String name, double fallback) {
    Reading r = readings.get(name);
    return r == null ? fallback : r.value();
  }

  /** Missing or older than its max age. */
  public boolean isStale(String name) {
    Reading r = readings.get(name);
    return r == null || isStale(r);
  }

  public Duration ageOf(Reading r) {
    Duration age = Duration.between(r.observedAt(), takenAt);
    return age.isNegative() ? Duration.ZERO : age;
  }

  private boolean isStale(Reading r) {
    return ageOf(r).compareTo(freshness.maxAgeOf(r.name())) > 0;
  }

  /** The subset of {@code required} that is missing or stale, sorted. */
  public Set<String> staleAmong(Collection<String> required) {
    Set<String> out = null;
    for (String name : required) {
      if (isStale(name)) {
        if (out == null) {
          out = new TreeSet<>();
        }
        out.add(name);
      }
    }
    return out == null ? Set.of() : Collections.unmodifiableSet(out);
  }

  /** Readings sorted by name (stable order for reports). */
  public List<Reading> readings() {
    List<Reading> l = new ArrayList<>(readings.values());
    l.sort((a, b) -> a.name().compareTo(b.name()));
    return l;
  }

  public Map<String, Reading> asMap() {
    return readings;
  }

  @Override
  public String toString() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Reading r : readings()) {
      m.put(r.name(), r.value());
    }
    return "Snapshot" + m;
  }
}
