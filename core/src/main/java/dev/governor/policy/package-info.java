/**
 * Policies: what decides the desired capacity each tick. A {@link dev.governor.policy.ScalingPolicy}
 * reads a {@link dev.governor.policy.PolicyContext} (readings, fleet, job classes, service times,
 * forecasts, history) and returns a {@link dev.governor.policy.Proposal}: the desired number of
 * RUNNING + PENDING instances with its {@link dev.governor.policy.Reason}s. Policies compose as the
 * maximum of several ({@link dev.governor.policy.MaxPolicy}). {@link dev.governor.policy.HybridPolicy}
 * ({@code governor}, configured by {@link dev.governor.policy.HybridConfig}) is Governor's own: it
 * keeps each job's predicted wait, computed by the fluid queue of {@link
 * dev.governor.policy.WaitProjection}, inside its class's objective, and releases capacity only
 * where paid time and the waits allow. The reimplementations of the scalers users run today are in
 * {@code dev.governor.policy.baseline}.
 */
package dev.governor.policy;
