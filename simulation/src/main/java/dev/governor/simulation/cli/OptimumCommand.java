package dev.governor.simulation.cli;

import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.optimum.OptimalPlanner;
import dev.governor.simulation.trace.Trace;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code optimum}: the offline optimum of each trace under the scenario, without replaying any
 * policy: its cost on the planner's model, exact or as a lower bound, and an upper bound where
 * the billing is by periods (a real fleet's bill), so that a policy's cost can be placed between.
 */
@Command(name = "optimum", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Plan the offline optimum of each trace (it knows every job that will arrive) and print its cost.",
        "Columns: ticks, exact (yes: the model's optimum; no: per-class deadlines or billing by periods, the cost",
        "is a lower bound), lowerH (instance-hours: the optimum when exact, else a lower bound on it), upperH (an",
        "upper bound: the optimum when exact; per started hour the bill of a real fleet that covers the plan with",
        "whole paid hours; '-' when there is none), launches (of the plan), planS (seconds to plan).",
        "A policy's instance-hours over lowerH and over upperH bracket its cost against the optimum."})
final class OptimumCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--format", paramLabel = "table|csv", defaultValue = "table",
      description = "Output on stdout. Default: ${DEFAULT-VALUE}")
  String format;

  @Mixin
  ScenarioOptions scenario = new ScenarioOptions();

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--format must be table or csv, but was '" + format + "'");
    }
    Scenario sc = scenario.scenario();
    PrintWriter out = spec.commandLine().getOut();
    boolean csv = format.equals("csv");
    String head = csv ? "trace,ticks,exact,lowerH,upperH,launches,planS"
        : String.format(Locale.ROOT, "%-38s %8s %6s %11s %11s %9s %7s", "trace", "ticks", "exact", "lowerH", "upperH",
            "launches", "planS");
    out.println(head);
    for (Trace t : scenario.traces()) {
      OptimalPlanner.Plan p = Simulation.of(t, sc).optimum();
      String lower = p.feasible() ? String.format(Locale.ROOT, "%.1f", p.instanceHours()) : "-";
      String upper = p.feasible() && Double.isFinite(p.upperBilledSeconds())
          ? String.format(Locale.ROOT, "%.1f", p.upperInstanceHours()) : "-";
      String exact = p.exact() ? "yes" : "no";
      out.println(csv
          ? String.join(",", t.name(), Integer.toString(p.capacity().length), exact, lower, upper,
              Long.toString(p.launches()), String.format(Locale.ROOT, "%.2f", p.planningSeconds()))
          : String.format(Locale.ROOT, "%-38s %8d %6s %11s %11s %9d %7.2f", t.name(), p.capacity().length, exact, lower,
              upper, p.launches(), p.planningSeconds()));
    }
    out.flush();
    return 0;
  }
}
