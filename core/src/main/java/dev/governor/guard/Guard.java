package dev.governor.guard;

/**
 * One safety rule between the policy and the planner. Guards form an ordered chain; each sees the
 * desired capacity left by the one before and returns what it lets through, with its reason.
 * Guards are pure functions of their context (history comes in, nothing is kept).
 */
public interface Guard {
  /** Short name for reports, e.g. {@code bounds}, {@code cooldown}. */
  String name();

  GuardEffect apply(GuardContext context, int desired);
}
