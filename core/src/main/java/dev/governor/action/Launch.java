package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * Add capacity: first return {@code reactivate} (draining instances, which are already paid for
 * and booted) to service, then launch {@code count} new instances of {@code instanceType}.
 *
 * @param count new instances to launch (&gt;= 0)
 * @param instanceType type to launch
 * @param reactivate ids of DRAINING instances to put back into service
 * @param token idempotency token derived from the decision, so a retried call never launches twice
 */
public record Launch(int count, String instanceType, List<String> reactivate, String token) implements Action {
  /**
   * Validates the launch.
   *
   * @param count new instances to launch (&gt;= 0)
   * @param instanceType type to launch
   * @param reactivate ids of DRAINING instances to put back into service
   * @param token idempotency token derived from the decision, so a retried call never launches twice
   *
   * @throws IllegalArgumentException if {@code count < 0}, or if it neither launches nor
   *     reactivates anything
   * @throws NullPointerException if {@code instanceType}, {@code token} or {@code reactivate} is
   *     null
   */
  public Launch {
    Objects.requireNonNull(instanceType, "instanceType");
    Objects.requireNonNull(token, "token");
    reactivate = List.copyOf(Objects.requireNonNull(reactivate, "reactivate"));
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, but was " + count);
    }
    if (count == 0 && reactivate.isEmpty()) {
      throw new IllegalArgumentException("a launch must launch or reactivate at least one instance");
    }
  }

  /**
   * A launch of {@code count} new instances that reactivates nothing.
   *
   * @param count new instances to launch (&gt; 0)
   * @param instanceType type to launch
   * @param token idempotency token derived from the decision
   * @return the launch
   */
  public static Launch of(int count, String instanceType, String token) {
    return new Launch(count, instanceType, List.of(), token);
  }

  @Override
  public String kind() {
    return "launch";
  }

  @Override
  public int capacityDelta() {
    return count + reactivate.size();
  }
}
