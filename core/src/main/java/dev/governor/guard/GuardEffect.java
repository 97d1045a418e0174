package dev.governor.guard;

import java.util.Objects;

/**
 * What one guard did to the desired capacity, and why. A guard that changed nothing returns an
 * effect with {@code before == after}; such effects are left out of reports.
 *
 * @param guard the guard's {@linkplain Guard#name() name}
 * @param before the desired capacity the guard was given, in instances
 * @param after the desired capacity it lets through, in instances
 * @param reason why it changed it, e.g. {@code capped at max 40}; empty when unchanged
 */
public record GuardEffect(String guard, int before, int after, String reason) {
  /**
   * Validates the effect.
   *
   * @param guard the guard's {@linkplain Guard#name() name}
   * @param before the desired capacity the guard was given, in instances
   * @param after the desired capacity it lets through, in instances
   * @param reason why it changed it, e.g. {@code capped at max 40}; empty when unchanged
   * @throws NullPointerException if {@code guard} or {@code reason} is null
   */
  public GuardEffect {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * The effect of a guard that lets {@code desired} through as it is.
   *
   * @param guard the guard's name
   * @param desired the capacity it was given, in instances
   * @return an effect with {@code before == after == desired} and an empty reason
   * @throws NullPointerException if {@code guard} is null
   */
  public static GuardEffect unchanged(String guard, int desired) {
    return new GuardEffect(guard, desired, desired, "");
  }

  /**
   * Whether the guard changed the capacity.
   *
   * @return true if {@code before != after}
   */
  public boolean changed() {
    return before != after;
  }
}
