/**
 * The workers Governor manages and the work they serve. A {@link dev.governor.fleet.Fleet} is an
 * immutable view of {@link dev.governor.fleet.Instance}s (id, type, {@link
 * dev.governor.fleet.InstanceState state}, launch time, slots, busy slots, hourly price, {@link
 * dev.governor.fleet.BillingModel billing}) with its counts precomputed; booting (PENDING) capacity
 * counts as coming, not serving. An {@link dev.governor.fleet.InstanceType} is what the planner
 * launches (slots, price, billing, boot time); a {@link dev.governor.fleet.JobClass} is one stream of
 * work (its queue's signal names, wait objective, service-time prior, priority). Times are
 * {@link java.time.Instant}s and {@link java.time.Duration}s; derived quantities are in seconds.
 */
package dev.governor.fleet;
