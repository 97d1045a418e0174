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
 */
public final class Freshness {
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

  public static Freshness ofDefaults() {
    return DEFAULTS;
  }

  public static Freshness maxAge(Duration defaultMaxAge) {
    return new Freshness(checkPositive("defaultMaxAge", defaultMaxAge), Map.of(), DEFAULT_MAX_SKEW);
  }

  /** Returns a copy where {@code signal} may be at most {@code maxAge} old. */
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
   */
  public Freshness withMaxSkew(Duration maxSkew) {
    return new Freshness(defaultMaxAge, overrides, Checks.nonNegative("maxSkew", maxSkew));
  }

  public Duration maxAgeOf(String signal) {
    Duration d = overrides.get(signal);
    return d == null ? defaultMaxAge : d;
  }

  public Duration defaultMaxAge() {
    return defaultMaxAge;
  }

  public Duration maxSkew() {
    return maxSkew;
  }

  private static Duration checkPositive(String field, Duration d) {
    return Checks.positive(field, d);
  }
}
