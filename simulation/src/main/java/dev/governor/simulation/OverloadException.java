package dev.governor.simulation;

/**
 * A replay stopped because the queue outgrew what the simulator holds in memory: the fleet (within
 * the scenario's maximum) cannot keep up with the load at this scale, and every waiting job costs
 * memory. Replay a smaller {@code --scale} or allow more instances.
 */
public final class OverloadException extends RuntimeException {
  public OverloadException(String message) {
    super(message);
  }
}
