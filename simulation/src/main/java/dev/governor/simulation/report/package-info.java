/**
 * Reports of simulation runs: {@link dev.governor.simulation.report.ReportWriter} writes a report
 * directory ({@code report.html}, a self-contained page with charts and a verdict;
 * {@code timeseries.csv}; {@code summary.json}), {@link dev.governor.simulation.report.DecisionLog}
 * records a run's tick reports as JSON lines for it, {@link dev.governor.simulation.report.Verdict}
 * states the comparison's verdict in one line, and
 * {@link dev.governor.simulation.report.BenchReport} renders the equal-SLO benchmark
 * ({@code bench.html} and the README's result table).
 */
package dev.governor.simulation.report;
