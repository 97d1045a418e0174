package dev.governor.fleet;

import java.time.Duration;

/**
 * How an instance is billed: in increments of {@code granularity} with a minimum charge of
 * {@code minimum}, from launch (boot time is paid). EC2 Linux on-demand is per-second with a 60 s
 * minimum; older and Windows/commercial billing is per-hour, which makes victim choice decisive.
 */
public record BillingModel(String name, Duration granularity, Duration minimum) {
  /**
   * EC2 Linux on-demand billing: per second, with a 60 s minimum.
   */
  public static final BillingModel PER_SECOND = new BillingModel("per-second", Duration.ofSeconds(1), Duration.ofSeconds(60));
  /**
   * Per-hour billing: every started hour is paid in full (1 h granularity and minimum).
   */
  public static final BillingModel PER_HOUR = new BillingModel("per-hour", Duration.ofHours(1), Duration.ofHours(1));

  /**
   * Validates the model.
   *
   * @param name the model's name, e.g. {@code per-second} (not blank)
   * @param granularity billing increment (&gt; 0)
   * @param minimum minimum charge from launch (&gt;= 0)
   */
  public BillingModel {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (granularity == null || granularity.isZero() || granularity.isNegative()) {
      throw new IllegalArgumentException("granularity must be > 0, but was " + granularity);
    }
    if (minimum == null || minimum.isNegative()) {
      throw new IllegalArgumentException("minimum must be >= 0, but was " + minimum);
    }
  }

  /**
   * Looks a model up by name ("per-second", "per-hour").
   *
   * @param name {@code per-second} or {@code per-hour}
   * @return the matching constant
   * @throws IllegalArgumentException for any other name
   */
  public static BillingModel named(String name) {
    return switch (name) {
      case "per-second" -> PER_SECOND;
      case "per-hour" -> PER_HOUR;
      default -> throw new IllegalArgumentException(
          "billing must be one of [per-second, per-hour], but was '" + name + "'");
    };
  }

  /**
   * Seconds charged for an instance that ran {@code ageSeconds} (rounded up to the granularity, at
   * least the minimum).
   *
   * @param ageSeconds seconds since launch (negative counts as 0)
   * @return {@code max(minimum, ceil(age / granularity) * granularity)}, in seconds
   */
  public double billedSeconds(double ageSeconds) {
    double g = granularity.toNanos() / 1e9;
    double billed = Math.ceil(Math.max(0, ageSeconds) / g - 1e-9) * g;
    return Math.max(billed, minimum.toNanos() / 1e9);
  }

  /**
   * Seconds already paid for but not yet used by an instance of the given age: terminating it
   * now wastes exactly this much. The instance nearest the end of its paid period has the least.
   *
   * @param ageSeconds seconds since launch (negative counts as 0)
   * @return {@code billedSeconds(age) - age}, in seconds (&gt;= 0)
   */
  public double paidRemainingSeconds(double ageSeconds) {
    return billedSeconds(ageSeconds) - Math.max(0, ageSeconds);
  }
}
