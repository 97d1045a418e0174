/**
 * What a tick does, and how it is chosen. An {@link dev.governor.action.Action} is one of
 * {@link dev.governor.action.Launch} (reactivate draining instances, then launch new ones, under
 * an idempotency token), {@link dev.governor.action.Terminate} (terminate idle instances, drain
 * busy ones) or {@link dev.governor.action.Sleep} (nothing, with the reason); each carries the
 * leader epoch it was decided under. The {@link dev.governor.action.Planner} turns the guarded
 * desired capacity into one action: it grows through reactivation before launches, and on scale-in
 * chooses victims idle before busy and by the paid time they have left when their bill stops, so
 * per-hour billing wastes as little as possible. {@link dev.governor.action.ActionResult} is what
 * an actuator reports back. All types here are immutable, except the planner, which is stateless
 * and may be shared.
 */
package dev.governor.action;
