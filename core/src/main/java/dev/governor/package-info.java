/**
 * The engine and its entry points. A {@link dev.governor.Controller}, configured with
 * {@link dev.governor.Controller.Builder}, runs one synchronous pass per
 * {@link dev.governor.Controller#tick() tick} (about once a minute, from the host's scheduler or a
 * {@link dev.governor.ControllerRunner}): it reads the clock once, then the fleet and the signals,
 * updates the predictors, asks the policy for a desired capacity, lets the guards change or veto
 * it, plans a launch, a termination or a sleep, applies it through the actuator, saves the state
 * and explains the whole pass in a {@link dev.governor.TickReport} given to every
 * {@link dev.governor.TickListener}. A tick never throws: a failing stage becomes an error in the
 * report and capacity is held.
 *
 * <p>{@link dev.governor.Governors} holds the configuration the benchmarks call {@code governor};
 * {@link dev.governor.LoggingTickListener} logs each report, and
 * {@link dev.governor.TraceRecorder} records the live load as a trace the simulator replays.
 */
package dev.governor;
