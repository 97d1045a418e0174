/**
 * Guards: the safety rules between the policy's proposal and the planner. A
 * {@link dev.governor.guard.GuardChain} applies {@link dev.governor.guard.Guard}s in order, each on
 * the desired capacity (in instances) the one before let through, and records every change as a
 * {@link dev.governor.guard.GuardEffect} with its reason; a guard that fails makes the chain hold
 * the current capacity. Guards are pure functions of their {@link dev.governor.guard.GuardContext}
 * (the tick's capacity, signals, scaling history and fleet).
 *
 * <p>The built-in guards: fail-safe (no scale-in on stale signals), scale-in stabilization,
 * cooldowns, launch back-off, per-tick step limits, sliding-window rate limits, a spend budget and
 * min/max bounds. {@link dev.governor.guard.Guards} builds the standard chain in the right order.
 */
package dev.governor.guard;
