/**
 * The equal-SLO benchmark behind the README's result tables
 * ({@link dev.governor.simulation.bench.Bench}): per trace × tier, every baseline tuned over its
 * knob grid on the first half of the trace and reported on the second, against Governor at its
 * defaults on the second half, with the offline optimum and other references beside them. Its
 * results are written as JSON, read back, and rendered by
 * {@link dev.governor.simulation.report.BenchReport}; the CLI's {@code bench} command runs it.
 */
package dev.governor.simulation.bench;
