package dev.governor.guard;

import java.util.Objects;

/**
 * What one guard did to the desired capacity, and why. A guard that changed nothing returns an
 * effect with {@code before == after}; such effects are left out of reports.
 */
public record GuardEffect(String guard, int before, int after, String reason) {
  public GuardEffect {
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(reason, "reason");
  }

  public static GuardEffect unchanged(String guard, int desired) {
    return new GuardEffect(guard, desired, desired, "");
  }

  public boolean changed() {
    return before != after;
  }
}
