/**
 * What a controller saves so that a restart (or a new leader) resumes where it was: the
 * {@link dev.governor.state.ControllerState} (scaling history and cooldown timers, predictor state,
 * service-time estimates, launches in flight), serialised as one JSON document, and the
 * {@link dev.governor.state.StateStore}s that keep it: {@link dev.governor.state.InMemoryStateStore}
 * (the default) and {@link dev.governor.state.FileStateStore}, or one of your own.
 *
 * <p>With leader election the store must be a {@link dev.governor.state.FencedStateStore}: writes
 * carry the leader's epoch and a deposed leader's are refused with a
 * {@link dev.governor.state.StaleEpochException}. A state that cannot be loaded never stops the
 * controller: it reports the error and starts afresh.
 */
package dev.governor.state;
