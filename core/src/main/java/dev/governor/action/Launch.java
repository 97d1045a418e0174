package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * Add capacity: first return {@code reactivate} (draining instances, which are already paid for
 * and booted) to service, then launch {@code count} new instances of {@code instanceType}. Its
 * {@link #capacityDelta()} is {@code count + reactivate.size()}. Immutable.
 *
 * @param count new instances to launch (&gt;= 0)
 * @param instanceType name of the type to launch (an {@code InstanceType} name)
 * @param reactivate ids of DRAINING instances to put back into service
 * @param token idempotency token derived from the decision, so a retried call never launches twice
 * @param epoch the leader epoch it was decided under (&gt;= 0; 0 without leader election)
 */
public record Launch(int count, String instanceType, List<String> reactivate, String token, long epoch)
    implements Action {
  /**
   * Validates the launch and copies {@code reactivate}.
   *
   * @param count new instances to launch (&gt;= 0)
   * @param instanceType name of the type to launch (not null)
   * @param reactivate ids of DRAINING instances to put back into service (not null, may be empty)
   * @param token idempotency token (not null)
   * @param epoch the leader epoch it was decided under (&gt;= 0)
   * @throws IllegalArgumentException if {@code epoch} or {@code count} is negative, or if it would
   *     neither launch nor reactivate anything ({@code count == 0} and {@code reactivate} empty)
   * @throws NullPointerException if {@code instanceType}, {@code token}, {@code reactivate} or one
   *     of its ids is null
   */
  public Launch {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, but was " + epoch);
    }
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
   * A launch decided without leader election (epoch 0).
   *
   * @param count new instances to launch (&gt;= 0)
   * @param instanceType name of the type to launch (not null)
   * @param reactivate ids of DRAINING instances to put back into service (not null, may be empty)
   * @param token idempotency token (not null)
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public Launch(int count, String instanceType, List<String> reactivate, String token) {
    this(count, instanceType, reactivate, token, 0);
  }

  /**
   * The same launch decided under {@code epoch}.
   *
   * @param epoch the leader epoch (&gt;= 0)
   * @return a copy with that epoch
   * @throws IllegalArgumentException if {@code epoch} is negative
   */
  public Launch withEpoch(long epoch) {
    return new Launch(count, instanceType, reactivate, token, epoch);
  }

  /**
   * A launch of new instances only, without reactivation and without leader election (epoch 0).
   *
   * @param count new instances to launch (&gt;= 1)
   * @param instanceType name of the type to launch (not null)
   * @param token idempotency token (not null)
   * @return the launch
   * @throws IllegalArgumentException if {@code count < 1}
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
