package dev.governor.action;

import java.util.Objects;

/** Do nothing this tick, and say why ("at desired capacity", "not enough data yet", …). */
public record Sleep(String reason) implements Action {
  /**
   * Validates the reason.
   *
   * @param reason why nothing is done (not null)
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
