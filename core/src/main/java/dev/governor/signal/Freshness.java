package dev.governor.signal;

import dev.governor.internal.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How old a reading may be before it is stale: a default max age plus per-signal overrides; and
 * how far in the future a reading may be stamped (clock skew between hosts) before it is invalid.
 * Stale, missing or future readings of required signals forbid scale-in (see {@code FailSafeGuard}).
 *
 * <p>A reading is stale when its age at the tick, {@code takenAt - observedAt}, is greater than
 * {@link #maxAgeOf(String) its max age}, or when it is stamped more than {@link #maxSkew()} after
 * the tick. Immutable and thread-safe; every {@code with…} method returns a copy.
 */
public final class Freshness {
  /** Default max age of every signal without an override: 3 minutes. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(3);
  /** Default tolerance for readings stamped after the tick (NTP keeps hosts well within it). */
  public static final Duration DEFAULT_MAX_SKEW = Duration.ofSeconds(10);
  private static final Freshness DEFAULTS = new Freshness(DEFAULT_MAX_AGE, Map.of(), DEFAULT_MAX_SKEW);

  private final Duration defaultMaxAge;
  private final Map<String, Duration> overrides;
  private final Duration maxSkew;

  private Freshness(Duration defaultMaxAge, Map<String, Duration> overrides, Duration maxSkew) {
    this.defaultMaxAge = defaultMaxAge;
    this.overrides = Map.copyOf(overrides);
    this.maxSkew = maxSkew;
  }

  /**
   * The defaults: every signal may be {@link #DEFAULT_MAX_AGE} (3 min) old, and stamped
   * {@link #DEFAULT_MAX_SKEW} (10 s) after the tick.
   *
   * @return the shared default rules
   */
  public static Freshness ofDefaults() {
    return DEFAULTS;
  }

  /**
   * Rules where every signal may be {@code defaultMaxAge} old, with no overrides and the default
   * skew ({@link #DEFAULT_MAX_SKEW}).
   *
   * @param defaultMaxAge the max age of every signal; &gt; 0
   * @return new rules
   * @throws NullPointerException if {@code defaultMaxAge} is null
   * @throws IllegalArgumentException if {@code defaultMaxAge} is zero or negative
   */
  public static Freshness maxAge(Duration defaultMaxAge) {
    return new Freshness(checkPositive("defaultMaxAge", defaultMaxAge), Map.of(), DEFAULT_MAX_SKEW);
  }

  /**
   * Returns a copy where {@code signal} may be at most {@code maxAge} old, replacing an earlier
   * override of that name; the other signals keep their max age.
   *
   * @param signal the exact signal name, e.g. {@code queue.uploads.arrivals_per_s}
   * @param maxAge its max age; &gt; 0
   * @return a copy with the override
   * @throws NullPointerException if {@code signal} or {@code maxAge} is null
   * @throws IllegalArgumentException if {@code maxAge} is zero or negative
   */
  public Freshness with(String signal, Duration maxAge) {
    Objects.requireNonNull(signal, "signal");
    Map<String, Duration> m = new HashMap<>(overrides);
    m.put(signal, checkPositive("maxAge of " + signal, maxAge));
    return new Freshness(defaultMaxAge, m, maxSkew);
  }

  /**
   * Returns a copy where a reading may be stamped at most {@code maxSkew} after the tick; one
   * stamped later is from the future (a dead source's last value stamped by a clock set ahead, a
   * clock stepped back): it is stale, never fresher than a current reading of the same name.
   * A reading stamped after the tick by at most {@code maxSkew} counts as observed at the tick.
   *
   * @param maxSkew how far after the tick a reading may be stamped; &gt;= 0, default
   *     {@link #DEFAULT_MAX_SKEW} (10 s)
   * @return a copy with that skew
   * @throws NullPointerException if {@code maxSkew} is null
   * @throws IllegalArgumentException if {@code maxSkew} is negative
   */
  public Freshness withMaxSkew(Duration maxSkew) {
    return new Freshness(defaultMaxAge, overrides, Checks.nonNegative("maxSkew", maxSkew));
  }

  /**
   * How old a reading of {@code signal} may be before it is stale.
   *
   * @param signal a signal name
   * @return its override, or the {@linkplain #defaultMaxAge() default max age}
   */
  public Duration maxAgeOf(String signal) {
    Duration d = overrides.get(signal);
    return d == null ? defaultMaxAge : d;
  }

  /**
   * The max age of every signal without an override.
   *
   * @return the default max age ({@link #DEFAULT_MAX_AGE} unless set)
   */
  public Duration defaultMaxAge() {
    return defaultMaxAge;
  }

  /**
   * How far after the tick a reading may be stamped before it is from the future.
   *
   * @return the tolerated skew ({@link #DEFAULT_MAX_SKEW} unless set)
   */
  public Duration maxSkew() {
    return maxSkew;
  }

  private static Duration checkPositive(String field, Duration d) {
    return Checks.positive(field, d);
  }
}
