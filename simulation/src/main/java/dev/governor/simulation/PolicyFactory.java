package dev.governor.simulation;

/**
 * Builds a fresh policy (policies keep state) for one replay, from the scenario and the trace.
 * Called once at the start of every replay, and again whenever the replay's faults restart the
 * controller; may be called from several threads at once when runs go in parallel.
 */
@FunctionalInterface
public interface PolicyFactory {
  /**
   * Builds the policy and what runs around it for one replay.
   *
   * @param context the scenario, the trace's summary, the parameters to apply and (for those that
   *     need them) the future jobs or the offline optimum
   * @return the setup to replay; a new policy object each call where the policy keeps state
   * @throws IllegalArgumentException if the policy cannot be built for this scenario (as
   *     {@code optimal} without a feasible plan); the run fails with it
   */
  PolicySetup create(RunContext context);
}
