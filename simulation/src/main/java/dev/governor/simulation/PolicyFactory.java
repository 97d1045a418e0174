package dev.governor.simulation;

/** Builds a fresh policy (policies keep state) for one replay, from the scenario and the trace. */
@FunctionalInterface
public interface PolicyFactory {
  PolicySetup create(RunContext context);
}
