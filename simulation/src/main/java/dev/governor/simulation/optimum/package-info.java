/**
 * The offline optimum, the {@code optimal} reference of a comparison: the cheapest fleet schedule
 * that serves every tick's work within its deadline, computed from the jobs a replay will draw
 * (knowing the future) by {@link dev.governor.simulation.optimum.OptimalPlanner} on a fluid model
 * of ticks, boots and billing, and replayed through the real controller by
 * {@link dev.governor.simulation.optimum.PlanPolicy}. The planner is exact for one deadline and
 * per-second billing; with per-class deadlines or per-hour billing it computes a lower bound, and
 * per hour also an upper bound (a real fleet's bill, {@code Plan.upperInstanceHours()}). Its
 * cost is what a report's {@code optimumInstanceHours} and {@code costVsOptimum} refer to.
 * {@link dev.governor.simulation.optimum.Optimum} builds the planner's problem from a scenario.
 */
package dev.governor.simulation.optimum;
