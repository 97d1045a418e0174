/**
 * Helpers for tests and simulations that ship with core: {@link dev.governor.testing.ManualClock},
 * an {@link java.time.InstantSource} that moves only when told to. The fuller test kit is the
 * {@code governor-test} module.
 */
package dev.governor.testing;
