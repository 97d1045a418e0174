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
 * @param epoch the leader epoch it was decided under (&gt;= 0; 0 without leader election)
 */
public record Launch(int count, String instanceType, List<String> reactivate, String token, long epoch)
    implements Action {
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

  /** A launch decided without leader election (epoch 0). */
  public Launch(int count, String instanceType, List<String> reactivate, String token) {
    this(count, instanceType, reactivate, token, 0);
  }

  /** The same launch decided under {@code epoch}. */
  public Launch withEpoch(long epoch) {
    return new Launch(count, instanceType, reactivate, token, epoch);
  }

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
