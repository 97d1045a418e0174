package dev.governor.action;

/**
 * What the controller does in a tick: {@link Launch}, {@link Terminate} or {@link Sleep}.
 * Immutable data; an {@code Actuator} carries it out.
 */
public sealed interface Action permits Launch, Terminate, Sleep {
  /**
   * Short verb for logs and reports: {@code launch}, {@code terminate}, {@code sleep}.
   *
   * @return the verb, one of {@code launch}, {@code terminate}, {@code sleep}
   */
  String kind();

  /**
   * Change in effective capacity this action aims at (positive for launches).
   *
   * @return the change in instances: &gt; 0 for a launch, &lt;= 0 for a termination, 0 for a sleep
   */
  int capacityDelta();

  /**
   * The leader epoch the action was decided under (see {@code dev.governor.ha}); 0 when the
   * controller runs without leader election. An actuator may refuse an action whose epoch is
   * older than one that has already acted on its pool ({@link ActionResult.Status#REFUSED}).
   *
   * @return the epoch (&gt;= 0); this default returns 0, {@link Launch} and {@link Terminate}
   *     return the epoch they were built with
   */
  default long epoch() {
    return 0;
  }
}
