package dev.governor.simulation;

/**
 * A replay stopped because the queue outgrew what the simulator holds in memory: the fleet (within
 * the scenario's maximum) cannot keep up with the load at this scale, and every waiting job costs
 * memory. Replay a smaller {@code --scale} or allow more instances.
 *
 * <p>The model throws it when a job arrives while {@link Scenario#maxQueued()} jobs already wait.
 * A {@link Simulation} run catches it: the run ends there and is reported, not thrown, with
 * {@link SimulationReport#overloaded()} set to this exception's message.
 */
public final class OverloadException extends RuntimeException {
  /**
   * An overload with its explanation.
   *
   * @param message what overflowed, when, and what to change (e.g. the jobs waiting, the instant
   *     and the instances running)
   */
  public OverloadException(String message) {
    super(message);
  }
}
