package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * Remove capacity: terminate {@code terminate} now (idle instances, or draining ones that became
 * idle) and mark {@code drain} as DRAINING (busy instances: they finish their jobs, take no new
 * ones, and are terminated by a later tick once idle).
 *
 * @param terminate ids to terminate now
 * @param drain ids to start draining
 * @param capacityDelta change in effective capacity (&lt;= 0; draining instances that are terminated
 *     were already out of the effective capacity)
 * @param epoch the leader epoch it was decided under (&gt;= 0; 0 without leader election)
 */
public record Terminate(List<String> terminate, List<String> drain, int capacityDelta, long epoch) implements Action {
  public Terminate {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, but was " + epoch);
    }
    terminate = List.copyOf(Objects.requireNonNull(terminate, "terminate"));
    drain = List.copyOf(Objects.requireNonNull(drain, "drain"));
    if (terminate.isEmpty() && drain.isEmpty()) {
      throw new IllegalArgumentException("a termination must name at least one instance");
    }
    if (capacityDelta > 0) {
      throw new IllegalArgumentException("capacityDelta must be <= 0, but was " + capacityDelta);
    }
  }

  /** A termination decided without leader election (epoch 0). */
  public Terminate(List<String> terminate, List<String> drain, int capacityDelta) {
    this(terminate, drain, capacityDelta, 0);
  }

  /** The same termination decided under {@code epoch}. */
  public Terminate withEpoch(long epoch) {
    return new Terminate(terminate, drain, capacityDelta, epoch);
  }

  public static Terminate of(List<String> ids) {
    return new Terminate(ids, List.of(), -ids.size());
  }

  @Override
  public String kind() {
    return "terminate";
  }
}
