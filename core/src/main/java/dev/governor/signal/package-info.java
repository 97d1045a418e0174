/**
 * Signals: named, timestamped values the controller reads once per tick. A
 * {@link dev.governor.signal.SignalSource} reports {@link dev.governor.signal.Reading}s (finite,
 * non-negative counts, rates per second and durations in seconds, rejected at the source with an
 * {@link dev.governor.signal.InvalidSignalException} naming the signal otherwise); the controller
 * gathers them into a {@link dev.governor.signal.Snapshot}, which judges each one stale, fresh or
 * from the future by the {@link dev.governor.signal.Freshness} rules. Stale or missing required
 * signals forbid scale-in.
 *
 * <p>{@link dev.governor.signal.SignalNames} gives the conventional names
 * ({@code queue.<class>.visible}, {@code jobs.<class>.service_s}, {@code fleet.running}, …) that
 * the built-in policies read; {@link dev.governor.signal.ManualSignalSource} is set by hand (tests,
 * hosts that push their own metrics), {@link dev.governor.signal.CompositeSignalSource} combines
 * sources, and {@link dev.governor.signal.SignalHistory} holds past values for warm starts.
 */
package dev.governor.signal;
