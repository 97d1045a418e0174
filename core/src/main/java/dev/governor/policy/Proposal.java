package dev.governor.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a policy wants: a desired number of instances and why.
 *
 * @param desired desired instances (&gt;= 0), counting running and booting ones
 * @param reasons the explanation, most important first
 */
public record Proposal(int desired, List<Reason> reasons) {
  public Proposal {
    Objects.requireNonNull(reasons, "reasons");
    if (desired < 0) {
      throw new IllegalArgumentException("desired must be >= 0, but was " + desired);
    }
    reasons = List.copyOf(reasons);
  }

  public static Proposal of(int desired, Reason... reasons) {
    return new Proposal(desired, List.of(reasons));
  }

  /** Keep the current capacity, saying why (e.g. "not enough data yet"). */
  public static Proposal hold(int current, String source, String why) {
    return new Proposal(current, List.of(new Reason(source, why)));
  }
}
