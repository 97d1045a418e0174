/**
 * The controller's hands: an {@link dev.governor.actuator.Actuator} lists the fleet it manages and
 * carries out actions on it, under the contract its comment states (no throw for provider errors,
 * idempotent launches, no termination of instances it does not manage). Core ships two:
 * {@link dev.governor.actuator.DryRunActuator}, which reads a real fleet and only records what it
 * would do, and {@link dev.governor.actuator.InMemoryActuator}, a fleet held in memory for tests
 * and examples. The EC2 and Auto Scaling actuators are in {@code governor-aws}; the simulator has
 * its own.
 */
package dev.governor.actuator;
