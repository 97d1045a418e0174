package dev.governor.policy;

import java.util.List;
import java.util.Objects;

/**
 * What a policy wants: a desired number of instances and why. Immutable (the reasons are copied);
 * the guards may still change the number before the planner acts on it.
 *
 * @param desired desired instances (&gt;= 0), counting running and booting ones
 * @param reasons the explanation, most important first
 */
public record Proposal(int desired, List<Reason> reasons) {
  /**
   * Validates the proposal and copies the reasons.
   *
   * @param desired desired instances, running and booting (&gt;= 0)
   * @param reasons the explanation, most important first (not null, no null element, may be empty)
   * @throws IllegalArgumentException if {@code desired} is negative
   * @throws NullPointerException if {@code reasons} or one of them is null
   */
  public Proposal {
    Objects.requireNonNull(reasons, "reasons");
    if (desired < 0) {
      throw new IllegalArgumentException("desired must be >= 0, but was " + desired);
    }
    reasons = List.copyOf(reasons);
  }

  /**
   * A proposal with the reasons given.
   *
   * @param desired desired instances, running and booting (&gt;= 0)
   * @param reasons the explanation, most important first (none null)
   * @return the proposal
   * @throws IllegalArgumentException if {@code desired} is negative
   */
  public static Proposal of(int desired, Reason... reasons) {
    return new Proposal(desired, List.of(reasons));
  }

  /**
   * Keep the current capacity, saying why (e.g. "not enough data yet").
   *
   * @param current the current capacity, RUNNING + PENDING (&gt;= 0)
   * @param source what holds, e.g. the policy's name (not null)
   * @param why the reason in words (not null)
   * @return a proposal of {@code current} with that one reason
   * @throws IllegalArgumentException if {@code current} is negative
   */
  public static Proposal hold(int current, String source, String why) {
    return new Proposal(current, List.of(new Reason(source, why)));
  }
}
