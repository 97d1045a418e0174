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
  public static final Duration DEFAULT_BOOT_TIME = Duration.ofSeconds(120);

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

  public static InstanceType of(String name, int slots, double hourlyPrice) {
    return new InstanceType(name, slots, hourlyPrice, BillingModel.PER_SECOND, DEFAULT_BOOT_TIME);
  }

  public InstanceType withBilling(BillingModel b) {
    return new InstanceType(name, slots, hourlyPrice, b, bootTime);
  }

  public InstanceType withBootTime(Duration d) {
    return new InstanceType(name, slots, hourlyPrice, billing, d);
  }
}
