package dev.governor.fleet;

import java.time.Duration;
import java.util.Objects;

/**
 * What the planner launches.
 *
 * @param name e.g. {@code c7g.large}
 * @param slots concurrent jobs one instance serves (&gt; 0)
 * @param hourlyPrice on-demand price per hour (&gt;= 0)
 * @param billing billing model
 * @param bootTime expected time from launch to RUNNING, the lead the policy plans for
 */
public record InstanceType(String name, int slots, double hourlyPrice, BillingModel billing, Duration bootTime) {
  /**
   * Boot time assumed by {@link #of}: 120 s from launch to RUNNING.
   */
  public static final Duration DEFAULT_BOOT_TIME = Duration.ofSeconds(120);

  /**
   * Validates the type: name, billing and boot time not null; name not blank; {@code slots > 0};
   * price finite and &gt;= 0; boot time &gt;= 0.
   *
   * @param name e.g. {@code c7g.large}
   * @param slots concurrent jobs one instance serves (&gt; 0)
   * @param hourlyPrice on-demand price per hour (&gt;= 0)
   * @param billing billing model
   * @param bootTime expected time from launch to RUNNING, the lead the policy plans for
   */
  public InstanceType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(billing, "billing");
    Objects.requireNonNull(bootTime, "bootTime");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (slots <= 0) {
      throw new IllegalArgumentException("slots must be > 0, but was " + slots);
    }
    if (!(hourlyPrice >= 0) || Double.isInfinite(hourlyPrice)) {
      throw new IllegalArgumentException("hourlyPrice must be >= 0 and finite, but was " + hourlyPrice);
    }
    if (bootTime.isNegative()) {
      throw new IllegalArgumentException("bootTime must be >= 0, but was " + bootTime);
    }
  }

  /**
   * A per-second billed type with the default boot time ({@link #DEFAULT_BOOT_TIME}).
   *
   * @param name e.g. {@code c7g.large}
   * @param slots concurrent jobs one instance serves (&gt; 0)
   * @param hourlyPrice on-demand price per hour (&gt;= 0)
   * @return the type
   */
  public static InstanceType of(String name, int slots, double hourlyPrice) {
    return new InstanceType(name, slots, hourlyPrice, BillingModel.PER_SECOND, DEFAULT_BOOT_TIME);
  }

  /**
   * The same type, billed another way.
   *
   * @param b the billing model
   * @return a copy with billing {@code b}
   */
  public InstanceType withBilling(BillingModel b) {
    return new InstanceType(name, slots, hourlyPrice, b, bootTime);
  }

  /**
   * The same type with another expected boot time.
   *
   * @param d time from launch to RUNNING (&gt;= 0)
   * @return a copy with boot time {@code d}
   */
  public InstanceType withBootTime(Duration d) {
    return new InstanceType(name, slots, hourlyPrice, billing, d);
  }
}
