package dev.governor.guard;

/**
 * One safety rule between the policy and the planner. Guards form an ordered chain; each sees the
 * desired capacity left by the one before and returns what it lets through, with its reason.
 * Guards are pure functions of their context (history comes in, nothing is kept).
 */
public interface Guard {
  /**
   * Short name for reports, e.g. {@code bounds}, {@code cooldown}.
   *
   * @return the name the tick report and errors use for this guard
   */
  String name();

  /**
   * Decides what this guard lets through. Must not throw: a guard that throws, returns null, or
   * reports a {@code before} other than {@code desired} or a negative {@code after} makes the
   * {@link GuardChain} stop and hold the current capacity.
   *
   * @param context the tick as guards see it: capacity, proposal, signals, history, fleet
   * @param desired the desired capacity left by the guards before it, in instances
   * @return the effect, with {@code before == desired} and {@code after >= 0}; use
   *     {@link GuardEffect#unchanged} when it changes nothing
   */
  GuardEffect apply(GuardContext context, int desired);
}
