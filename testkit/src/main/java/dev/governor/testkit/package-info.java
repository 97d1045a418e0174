/**
 * Contract tests for implementations of Governor's SPIs, published as {@code governor-test} for
 * users to add in test scope. {@link dev.governor.testkit.ActuatorContract} holds any
 * {@link dev.governor.actuator.Actuator} to what the controller relies on; core's in-memory
 * actuator, the simulator's and the AWS adapter's EC2 and Auto Scaling actuators all pass it.
 *
 * <p>The manual clock tests move instead of sleeping is {@link dev.governor.testing.ManualClock},
 * in {@code governor-core} (the simulator drives the real controller with it, so it is not only a
 * test fixture); this kit depends on core, so it is always there.
 */
package dev.governor.testkit;
