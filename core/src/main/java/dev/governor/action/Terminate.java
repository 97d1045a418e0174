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
 */
public record Terminate(List<String> terminate, List<String> drain, int capacityDelta) implements Action {
  /**
   * Validates the termination: lists not null, at least one id in either, {@code capacityDelta <=
   * 0}.
   *
   * @param terminate ids to terminate now
   * @param drain ids to start draining
   * @param capacityDelta change in effective capacity (&lt;= 0; draining instances that are terminated
   *     were already out of the effective capacity)
   */
  public Terminate {
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
   * Terminates {@code ids} now and drains nothing; the capacity delta is {@code -ids.size()}.
   *
   * @param ids instance ids to terminate (at least one)
   * @return the termination
   */
  public static Terminate of(List<String> ids) {
    return new Terminate(ids, List.of(), -ids.size());
  }

  @Override
  public String kind() {
    return "terminate";
  }
}
