package dev.governor.signal;

import dev.governor.internal.Checks;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How old a reading may be before it is stale: a default max age plus per-signal overrides.
 * Stale or missing required signals forbid scale-in (see {@code FailSafeGuard}).
 */
public final class Freshness {
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(3);

  private final Duration defaultMaxAge;
  private final Map<String, Duration> overrides;

  private Freshness(Duration defaultMaxAge, Map<String, Duration> overrides) {
    this.defaultMaxAge = defaultMaxAge;
    this.overrides = Map.copyOf(overrides);
  }

  public static Freshness ofDefaults() {
    return new Freshness(DEFAULT_MAX_AGE, Map.of());
  }

  public static Freshness maxAge(Duration defaultMaxAge) {
    return new Freshness(checkPositive("defaultMaxAge", defaultMaxAge), Map.of());
  }

  /** Returns a copy where {@code signal} may be at most {@code maxAge} old. */
  public Freshness with(String signal, Duration maxAge) {
    Objects.requireNonNull(signal, "signal");
    Map<String, Duration> m = new HashMap<>(overrides);
    m.put(signal, checkPositive("maxAge of " + signal, maxAge));
    return new Freshness(defaultMaxAge, m);
  }

  public Duration maxAgeOf(String signal) {
    Duration d = overrides.get(signal);
    return d == null ? defaultMaxAge : d;
  }

  public Duration defaultMaxAge() {
    return defaultMaxAge;
  }

  private static Duration checkPositive(String field, Duration d) {
    return Checks.positive(field, d);
  }
}
