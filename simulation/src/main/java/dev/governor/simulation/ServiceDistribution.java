package dev.governor.simulation;

import java.util.Locale;

/** The distribution of drawn service times (and nothing else: boot delays are always lognormal). */
public enum ServiceDistribution {
  /** Lognormal with the configured mean and coefficient of variation; cv 0 is a constant. */
  LOGNORMAL,
  /** Exponential with the configured mean (cv is 1 by definition and ignored): M/M/c checks. */
  EXPONENTIAL;

  /**
   * Looks a distribution up by name, ignoring case and surrounding blanks.
   *
   * @param s {@code lognormal} or {@code exponential}
   * @return the matching constant
   * @throws IllegalArgumentException for any other name
   * @throws NullPointerException if {@code s} is null
   */
  public static ServiceDistribution named(String s) {
    try {
      return valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("service distribution must be one of [lognormal, exponential], but was '" + s + "'");
    }
  }

  /**
   * The name as the CLI and scenario files spell it.
   *
   * @return the constant's name in lower case: {@code lognormal} or {@code exponential}
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
