package dev.governor.action;

import java.util.List;
import java.util.Objects;

/**
 * Remove capacity: terminate {@code terminate} now (idle instances, or draining ones that became
 * idle) and mark {@code drain} as DRAINING (busy instances, or every victim of a drain-first
 * {@link Planner}: they finish their jobs, take no new ones, and are terminated by a later tick once
 * idle). Immutable.
 *
 * @param terminate ids to terminate now
 * @param drain ids to start draining
 * @param capacityDelta change in effective capacity (&lt;= 0; draining instances that are terminated
 *     were already out of the effective capacity)
 * @param epoch the leader epoch it was decided under (&gt;= 0; 0 without leader election)
 */
public record Terminate(List<String> terminate, List<String> drain, int capacityDelta, long epoch) implements Action {
  /**
   * Validates the termination and copies the lists.
   *
   * @param terminate ids to terminate now (not null, may be empty if {@code drain} is not)
   * @param drain ids to start draining (not null, may be empty if {@code terminate} is not)
   * @param capacityDelta change in effective capacity, in instances (&lt;= 0)
   * @param epoch the leader epoch it was decided under (&gt;= 0)
   * @throws IllegalArgumentException if {@code epoch} is negative, {@code capacityDelta} is
   *     positive, or both lists are empty
   * @throws NullPointerException if a list or one of its ids is null
   */
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

  /**
   * A termination decided without leader election (epoch 0).
   *
   * @param terminate ids to terminate now (not null)
   * @param drain ids to start draining (not null)
   * @param capacityDelta change in effective capacity, in instances (&lt;= 0)
   * @throws IllegalArgumentException as the canonical constructor does
   */
  public Terminate(List<String> terminate, List<String> drain, int capacityDelta) {
    this(terminate, drain, capacityDelta, 0);
  }

  /**
   * The same termination decided under {@code epoch}.
   *
   * @param epoch the leader epoch (&gt;= 0)
   * @return a copy with that epoch
   * @throws IllegalArgumentException if {@code epoch} is negative
   */
  public Terminate withEpoch(long epoch) {
    return new Terminate(terminate, drain, capacityDelta, epoch);
  }

  /**
   * Terminates {@code ids} now, draining none, without leader election (epoch 0); the capacity
   * delta is {@code -ids.size()}.
   *
   * @param ids ids to terminate (not empty)
   * @return the termination
   * @throws IllegalArgumentException if {@code ids} is empty
   */
  public static Terminate of(List<String> ids) {
    return new Terminate(ids, List.of(), -ids.size());
  }

  @Override
  public String kind() {
    return "terminate";
  }
}
