package dev.governor.simulation;

import java.util.Locale;

/** The distribution of drawn service times (and nothing else: boot delays are always lognormal). */
public enum ServiceDistribution {
  /** Lognormal with the configured mean and coefficient of variation; cv 0 is a constant. */
  LOGNORMAL,
  /** Exponential with the configured mean (cv is 1 by definition and ignored): M/M/c checks. */
  EXPONENTIAL;

  public static ServiceDistribution named(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("service distribution must be one of [lognormal, exponential], but was '" + s + "'");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
