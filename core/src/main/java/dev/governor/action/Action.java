package dev.governor.action;

/**
 * What the controller does in a tick: {@link Launch}, {@link Terminate} or {@link Sleep}.
 * Immutable data; an {@code Actuator} carries it out.
 */
public sealed interface Action permits Launch, Terminate, Sleep {
  /** Short verb for logs and reports: {@code launch}, {@code terminate}, {@code sleep}. */
  String kind();

  /** Change in effective capacity this action aims at (positive for launches). */
  int capacityDelta();
}
