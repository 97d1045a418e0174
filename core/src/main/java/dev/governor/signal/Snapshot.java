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
 * A reading observed after {@code takenAt} by at most {@link Freshness#maxSkew()} (clock skew)
 * counts as observed at {@code takenAt}; one stamped later than that is <em>from the future</em>:
 * it is stale, so a required signal known only from the future forbids scale-in, and it never beats
 * a reading of the same name that is not from the future. Immutable and thread-safe.
 */
public final class Snapshot {
  private final Instant takenAt;
  private final Map<String, Reading> readings;
  private final Freshness freshness;
  private final Instant futureAfter;
  private final int futureCount;

  private Snapshot(Instant takenAt, Map<String, Reading> readings, Freshness freshness, int futureCount) {
    this.takenAt = takenAt;
    this.readings = readings;
    this.freshness = freshness;
    this.futureAfter = takenAt.plus(freshness.maxSkew());
    this.futureCount = futureCount;
  }

  /**
   * The snapshot of {@code readings} at {@code takenAt}. Of several readings of one name it keeps
   * the newest not from the future (the last one given on a tie); if all are from the future, the
   * least far ahead.
   *
   * @param takenAt the tick's time, against which ages are measured
   * @param readings the readings, in any order
   * @param freshness the staleness rules
   * @return the snapshot
   * @throws NullPointerException if an argument or a reading is null
   */
  public static Snapshot of(Instant takenAt, Collection<Reading> readings, Freshness freshness) {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(freshness, "freshness");
    Instant futureAfter = takenAt.plus(freshness.maxSkew());
    Map<String, Reading> m = new HashMap<>(Math.max(16, readings.size() * 2));
    for (Reading r : readings) {
      Objects.requireNonNull(r, "reading");
      Reading old = m.get(r.name());
      if (old == null || wins(r, old, futureAfter)) {
        m.put(r.name(), r);
      }
    }
    int future = 0;
    for (Reading r : m.values()) {
      if (r.observedAt().isAfter(futureAfter)) {
        future++;
      }
    }
    return new Snapshot(takenAt, Collections.unmodifiableMap(m), freshness, future);
  }

  /** A reading not from the future beats one that is; among current ones the newest wins, among future ones the least ahead. */
  private static boolean wins(Reading r, Reading old, Instant futureAfter) {
    boolean rFuture = r.observedAt().isAfter(futureAfter);
    boolean oldFuture = old.observedAt().isAfter(futureAfter);
    if (rFuture != oldFuture) {
      return !rFuture;
    }
    return rFuture ? r.observedAt().isBefore(old.observedAt()) : !r.observedAt().isBefore(old.observedAt());
  }

  /**
   * A snapshot without readings (every signal missing, hence stale).
   *
   * @param takenAt the tick's time
   * @param freshness the staleness rules
   * @return the empty snapshot
   * @throws NullPointerException if an argument is null
   */
  public static Snapshot empty(Instant takenAt, Freshness freshness) {
    return new Snapshot(takenAt, Map.of(), freshness, 0);
  }

  /**
   * When the snapshot was taken.
   *
   * @return the tick's time, against which ages are measured
   */
  public Instant takenAt() {
    return takenAt;
  }

  /**
   * The rules staleness is judged by.
   *
   * @return the max ages and the tolerated clock skew
   */
  public Freshness freshness() {
    return freshness;
  }

  /**
   * How many signals the snapshot holds.
   *
   * @return the number of distinct names, stale ones included
   */
  public int size() {
    return readings.size();
  }

  /**
   * The reading of a signal, fresh or not.
   *
   * @param name the signal name
   * @return the reading kept for {@code name}, or null if it is missing
   */
  public Reading reading(String name) {
    return readings.get(name);
  }

  /**
   * Whether a signal was reported at all, fresh or not.
   *
   * @param name the signal name
   * @return true if the snapshot holds a reading of {@code name}
   */
  public boolean has(String name) {
    return readings.containsKey(name);
  }

  /**
   * The value of a signal if present and fresh, else {@code fallback}.
   *
   * @param name the signal name
   * @param fallback what to use if it is missing, stale or from the future
   * @return the reading's value, or {@code fallback}
   */
  public double valueOr(String name, double fallback) {
    Reading r = readings.get(name);
    return r == null || isStale(r) ? fallback : r.value();
  }

  /**
   * The value of a signal, fresh or not (from the future included), or {@code fallback} if missing.
   *
   * @param name the signal name
   * @param fallback what to use if it is missing
   * @return the reading's value, or {@code fallback}
   */
  public double lastKnownOr(String name, double fallback) {
    Reading r = readings.get(name);
    return r == null ? fallback : r.value();
  }

  /**
   * Readings stamped after the tick by more than {@link Freshness#maxSkew()} (usually none).
   *
   * @return those readings, sorted by name; empty if there are none
   */
  public List<Reading> fromTheFuture() {
    if (futureCount == 0) {
      return List.of();
    }
    List<Reading> l = new ArrayList<>(futureCount);
    for (Reading r : readings.values()) {
      if (isFromTheFuture(r)) {
        l.add(r);
      }
    }
    l.sort((a, b) -> a.name().compareTo(b.name()));
    return l;
  }

  /**
   * Whether a reading is from the future: stamped after the tick by more than
   * {@link Freshness#maxSkew()}.
   *
   * @param r a reading
   * @return true if {@code observedAt > takenAt + maxSkew}
   * @throws NullPointerException if {@code r} is null
   */
  public boolean isFromTheFuture(Reading r) {
    return r.observedAt().isAfter(futureAfter);
  }

  /**
   * Whether a signal cannot be trusted this tick: missing, older than its
   * {@linkplain Freshness#maxAgeOf(String) max age} ({@code takenAt - observedAt > maxAge}), or
   * from the future.
   *
   * @param name the signal name
   * @return true if the signal is missing, stale or from the future
   */
  public boolean isStale(String name) {
    Reading r = readings.get(name);
    return r == null || isStale(r);
  }

  /**
   * How old a reading is at the tick: {@code takenAt - observedAt}, or zero for one stamped after
   * it (see {@link #isFromTheFuture}).
   *
   * @param r a reading
   * @return its age, never negative
   * @throws NullPointerException if {@code r} is null
   */
  public Duration ageOf(Reading r) {
    Duration age = Duration.between(r.observedAt(), takenAt);
    return age.isNegative() ? Duration.ZERO : age;
  }

  private boolean isStale(Reading r) {
    return isFromTheFuture(r) || ageOf(r).compareTo(freshness.maxAgeOf(r.name())) > 0;
  }

  /**
   * The subset of {@code required} that is missing, stale or from the future.
   *
   * @param required signal names
   * @return those of them that are stale, sorted; unmodifiable, empty if all are fresh
   */
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

  /**
   * Every reading kept, stale ones included.
   *
   * @return a new list sorted by name (a stable order for reports)
   */
  public List<Reading> readings() {
    List<Reading> l = new ArrayList<>(readings.values());
    l.sort((a, b) -> a.name().compareTo(b.name()));
    return l;
  }

  /**
   * Every reading kept, by name, stale ones included.
   *
   * @return an unmodifiable map from signal name to reading, in no particular order
   */
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
