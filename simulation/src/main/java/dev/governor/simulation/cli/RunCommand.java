package dev.governor.simulation.cli;

import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.ScenarioFile;
import dev.governor.simulation.report.DecisionLog;
import dev.governor.simulation.report.ReportWriter;
import dev.governor.simulation.report.Verdict;
import dev.governor.simulation.trace.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: replay traces through policies and report. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    footer = {"", "Policies and their natural parameters ('governor-sim policies' adds tune knobs):",
        "  governor        HybridPolicy defaults, 'ensemble' arrival forecasts, standard",
        "                  guards",
        "  target-tracking step hpa keda-sqs aws-predictive",
        "                  the core's baselines; target backlog per instance",
        "                  B = deadline / service time x slots",
        "  static          ceil(peak expected demand) instances, where demand =",
        "                  expected work per tick / (slots x tick)",
        "  scheduled       the static size Mon-Fri 08:00-20:00 UTC, min otherwise",
        "  optimal         the offline optimum (exact plan on a fluid model), replayed",
        "  lookahead       a heuristic that sees the future: sized for the jobs that will arrive"},
    description = {"Replay each trace through each policy (default: governor) and report cost, latency and elasticity.",
        "Every policy sees the same seeded jobs, so runs are paired."})
class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--policy", paramLabel = "NAME",
      description = {"Policy to replay (repeatable); 'all' for every registered one. See 'governor-sim policies'."})
  List<String> policies = new ArrayList<>();

  @Option(names = "--param", paramLabel = "NAME=VALUE",
      description = {"Set one of the policies' knobs (repeatable; see 'governor-sim policies'), e.g. --param confidence=1.5."})
  Map<String, Double> params = new LinkedHashMap<>();

  @Mixin
  ScenarioOptions scenario = new ScenarioOptions();

  @Mixin
  ReplayOptions output = new ReplayOptions();

  List<String> defaultPolicies() {
    return List.of("governor");
  }

  @Override
  public Integer call() throws IOException {
    Output.Format format = output.format();
    Scenario sc = scenario.scenario();
    PolicyRegistry registry = PolicyRegistry.standard();
    List<PolicyRegistry.Entry> entries = registry.resolve(policies.isEmpty() ? defaultPolicies() : policies);
    if (output.report != null) {
      ReportWriter.checkWritable(output.report); // before an hour of replay, not after
    }
    List<Trace> traces = scenario.traces();
    List<Function<DoubleConsumer, SimulationReport>> runs = new ArrayList<>();
    List<DecisionLog> logs = new ArrayList<>();
    for (Trace t : traces) {
      Simulation sim = Simulation.of(t, sc).withRegistry(registry);
      warnIfHuge(sim);
      warnIfEmpty(sim, spec.commandLine().getErr());
      for (PolicyRegistry.Entry e : entries) {
        if (output.report != null && e.name().equals(DECISIONS_OF) && logs.stream().noneMatch(l -> l.trace().equals(t.name()))) {
          String file = traces.size() == 1 ? "decisions-" + e.name() + ".jsonl"
              : "decisions-" + e.name() + "-" + t.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl";
          DecisionLog log = DecisionLog.open(output.report.resolve(file), t.name(), e.name());
          logs.add(log);
          runs.add(p -> {
            try (log) {
              return sim.withListener(log).withProgress(p).run(e, params);
            }
          });
        } else {
          runs.add(p -> sim.withProgress(p).run(e, params));
        }
      }
    }
    List<SimulationReport> reports = Batch.run(runs, output.threads, output.progressEnabled(), output.quiet, System.err);
    List<Map<String, Object>> rows = rows(reports);
    PrintWriter out = spec.commandLine().getOut();
    out.print(Output.render(format, rows, reports, output.wide));
    if (format == Output.Format.TABLE) {
      ScenarioFile f = scenario.file();
      double target = f != null && !Double.isNaN(f.sloTarget()) ? f.sloTarget() : ReportWriter.Info.DEFAULT_SLO_TARGET;
      Map<String, List<SimulationReport>> byTrace = new LinkedHashMap<>();
      reports.forEach(r -> byTrace.computeIfAbsent(r.trace(), k -> new ArrayList<>()).add(r));
      byTrace.forEach((t, rs) -> {
        String v = Verdict.text(rs, target);
        if (!v.isEmpty()) {
          out.println((byTrace.size() > 1 ? t + ": " : "") + v);
        }
      });
    }
    out.flush();
    if (output.report != null) {
      ScenarioFile f = scenario.file();
      double target = f != null && !Double.isNaN(f.sloTarget()) ? f.sloTarget() : ReportWriter.Info.DEFAULT_SLO_TARGET;
      ReportWriter.write(output.report, reports, rows, sc, new ReportWriter.Info(
          f != null ? "Governor simulation report: " + f.name() : "Governor simulation report",
          f != null ? f.description() : null, target, logs));
      System.err.println("report written to " + output.report.resolve("report.html"));
    }
    return 0;
  }

  /** The policy whose decisions a report logs (every tick's TickReport beside report.html). */
  static final String DECISIONS_OF = "governor";

  /** A replay of nothing measures nothing: say so (scale, window or a class filter may be the cause). */
  static void warnIfEmpty(Simulation sim, PrintWriter err) {
    if (sim.summary().expectedJobs() <= 0) {
      err.println("warning: " + sim.trace().name() + " brings 0 jobs"
          + (sim.scenario().from() != null || sim.scenario().until() != null ? " in the window [" + sim.scenario().from()
              + ", " + sim.scenario().until() + ")" : "") + " at scale " + sim.scenario().scale()
          + ": every number below is of an idle fleet");
      err.flush();
    }
  }

  /** Half a billion jobs take minutes per policy: say so before starting, with the way out. */
  static void warnIfHuge(Simulation sim) {
    double jobs = sim.summary().expectedJobs();
    if (jobs > 5e8) {
      System.err.println(String.format(java.util.Locale.ROOT,
          "note: %s draws about %.3g jobs per policy at scale %s; --scale shrinks it (e.g. --scale %.2g for ~10 M jobs)",
          sim.trace().name(), jobs, sim.scenario().scale(), sim.scenario().scale() * 1e7 / jobs));
    }
  }

  List<Map<String, Object>> rows(List<SimulationReport> reports) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (SimulationReport r : reports) {
      rows.add(new LinkedHashMap<>(r.toMap()));
    }
    return rows;
  }
}
