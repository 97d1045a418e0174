package dev.governor.guard;

import dev.governor.state.HistoryEntry;
import java.time.Duration;
import java.util.Objects;

/**
 * Scale-in stabilization, as the Kubernetes HPA does it: when the proposal is below current
 * capacity, use the highest proposal seen within the window (this tick's included), so a brief
 * dip does not remove capacity that the next minute needs again. Scale-out is not delayed.
 * Formula: {@code after = min(current, max(desired, proposed, proposals of the entries with
 * now - window < at <= now))}. A zero window turns it off. The controller's history retention must
 * cover the window. Immutable.
 */
public final class StabilizationGuard implements Guard {
  private final Duration window;

  /**
   * Stabilization over {@code window}.
   *
   * @param window how far back proposals count; &gt;= 0, zero turns the guard off
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code window} is negative
   */
  public StabilizationGuard(Duration window) {
    this.window = Objects.requireNonNull(window, "window");
    if (window.isNegative()) {
      throw new IllegalArgumentException("window must be >= 0, but was " + window);
    }
  }

  /**
   * How far back proposals count (looked up in the scaling history).
   *
   * @return the window
   */
  public Duration window() {
    return window;
  }

  @Override
  public String name() {
    return "stabilization";
  }

  @Override
  public GuardEffect apply(GuardContext ctx, int desired) {
    int current = ctx.current();
    if (desired >= current || window.isZero()) {
      return GuardEffect.unchanged(name(), desired);
    }
    int highest = Math.max(desired, ctx.proposed());
    for (HistoryEntry e : ctx.history().within(ctx.now(), window)) {
      highest = Math.max(highest, e.proposed());
    }
    int after = Math.min(current, highest);
    if (after == desired) {
      return GuardEffect.unchanged(name(), desired);
    }
    return new GuardEffect(name(), desired, after, "highest proposal in the last " + window + " was " + highest);
  }
}
