/**
 * Trace replay through the real engine, with a discrete-event model of queues, fleet and billing:
 * the simulator as a library ({@code governor-simulation}), to judge a policy on cost and latency
 * before it touches a real fleet, e.g. in a JUnit test.
 *
 * <pre>{@code
 * SimulationReport r = Simulation.of(Trace.csv(path), Scenario.standard().withSlots(4)).run(myPolicy);
 * assertTrue(r.everyClassMeets(0.995));
 * }</pre>
 *
 * <ul>
 *   <li>{@link dev.governor.simulation.Simulation} replays a
 *       {@link dev.governor.simulation.trace.Trace} (recorded arrivals) under a
 *       {@link dev.governor.simulation.Scenario} (job classes, instance type, boot, billing, tick,
 *       faults, seed) through a policy, driving the core {@code Controller} tick by tick; every
 *       run of one simulation replays the same seeded jobs, so runs of different policies are
 *       paired.
 *   <li>{@link dev.governor.simulation.SimulationReport} is a run's outcome: the report contract
 *       (SLO attainment, wait percentiles, billed instance-hours and cost, the lower bound and the
 *       offline optimum, SPEC elasticity metrics), per class in
 *       {@link dev.governor.simulation.ClassReport}, per tick in
 *       {@link dev.governor.simulation.TimeSeries}.
 *   <li>{@link dev.governor.simulation.PolicySetup} is a policy with its guards, planner and
 *       predictors; {@link dev.governor.simulation.PolicyRegistry} names the built-in policies
 *       (governor, the baselines, {@code optimal}, {@code lookahead}) and those of any
 *       {@link dev.governor.simulation.PolicyProvider}, each built per run by a
 *       {@link dev.governor.simulation.PolicyFactory} from a
 *       {@link dev.governor.simulation.RunContext}.
 * </ul>
 *
 * <p>Subpackages: {@code trace} (trace formats and readers), {@code optimum} (the offline
 * optimum), {@code report} (HTML and text reports), {@code bench} and {@code cli} (the
 * {@code governor-sim} command line, a thin layer over this API).
 */
package dev.governor.simulation;
