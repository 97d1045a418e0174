package dev.governor.action;

import java.util.Objects;

/**
 * Do nothing this tick, and say why ("at desired capacity", "not enough data yet", …). Its
 * {@link #capacityDelta()} is 0; an actuator answers it with {@link ActionResult.Status#NOOP}.
 *
 * @param reason why nothing is done, in words for logs and reports
 */
public record Sleep(String reason) implements Action {
  /**
   * Validates the reason.
   *
   * @param reason why nothing is done (not null)
   * @throws NullPointerException if {@code reason} is null
   */
  public Sleep {
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String kind() {
    return "sleep";
  }

  @Override
  public int capacityDelta() {
    return 0;
  }
}
