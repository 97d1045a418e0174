package dev.governor.simulation.cli;

import dev.governor.simulation.Knob;
import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TraceSummary;
import dev.governor.simulation.report.ReportWriter;
import dev.governor.simulation.trace.Trace;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
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

/**
 * {@code tune}: for each policy, try every combination of its knobs on a training window, keep the
 * cheapest that meets the SLO target there (or, if none does, the one with the best attainment),
 * and report it on a separate test window: out-of-sample numbers, for baselines as for governor.
 */
@Command(name = "tune", mixinStandardHelpOptions = true, sortOptions = false,
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
    description = {"Tune each policy on a training window and report it on a test window.",
        "For each policy, the cheapest setting of its knobs that meets --slo on the training window is replayed on",
        "the test window (default: the first half and the second half of the trace)."})
final class TuneCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--policy", paramLabel = "NAME", description = "Policy to tune (repeatable); default: all.")
  List<String> policies = new ArrayList<>();

  @Option(names = "--slo", paramLabel = "FRACTION", defaultValue = "0.99",
      description = "SLO attainment target on the training window. Default: ${DEFAULT-VALUE}")
  double slo;

  @Option(names = "--train-from", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Training window start. Default: the trace's start (or --from).")
  Instant trainFrom;

  @Option(names = "--train-until", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Training window end (exclusive). Default: the middle of the trace.")
  Instant trainUntil;

  @Option(names = "--test-from", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Test window start. Default: the training window's end.")
  Instant testFrom;

  @Option(names = "--test-until", paramLabel = "TIMESTAMP", converter = Converters.InstantConverter.class,
      description = "Test window end (exclusive). Default: the trace's end (or --until).")
  Instant testUntil;

  @Mixin
  ScenarioOptions scenario = new ScenarioOptions();

  @Mixin
  ReplayOptions output = new ReplayOptions();

  /** A candidate setting of one policy on one trace. */
  private record Candidate(Trace trace, PolicyRegistry.Entry entry, Map<String, Double> params) {}

  @Override
  public Integer call() throws IOException {
    if (!(slo > 0 && slo <= 1)) {
      throw new IllegalArgumentException("slo must be in (0, 1], but was " + slo);
    }
    Output.Format format = output.format();
    Scenario base = scenario.scenario();
    if (output.report != null) {
      ReportWriter.checkWritable(output.report);
    }
    PolicyRegistry registry = PolicyRegistry.standard();
    List<PolicyRegistry.Entry> entries = registry.resolve(policies.isEmpty() ? List.of(PolicyRegistry.ALL) : policies);
    List<Candidate> candidates = new ArrayList<>();
    List<Function<DoubleConsumer, SimulationReport>> trainRuns = new ArrayList<>();
    Map<Trace, Scenario[]> windows = new LinkedHashMap<>();
    for (Trace t : scenario.traces()) {
      TraceSummary all = Simulation.of(t, base).summary();
      Instant mid = all.start().plus(Duration.ofSeconds((long) (all.ticks() / 2 * all.tickSeconds())));
      Instant a = trainFrom != null ? trainFrom : all.start();
      Instant b = trainUntil != null ? trainUntil : mid;
      Instant c = testFrom != null ? testFrom : b;
      Instant d = testUntil != null ? testUntil : base.until();
      Scenario train = window(base, a, b, trainFrom != null ? "--train-from" : "the trace's start",
          trainUntil != null ? "--train-until" : "the middle of the trace");
      Scenario test = window(base, c, d, testFrom != null ? "--test-from" : trainUntil != null ? "--train-until"
          : "the middle of the trace", testUntil != null ? "--test-until" : base.until() != null ? "--until"
          : "the trace's end");
      windows.put(t, new Scenario[] {train, test});
      Simulation sim = Simulation.of(t, train).withRegistry(registry);
      RunCommand.warnIfHuge(sim);
      RunCommand.warnIfEmpty(sim, spec.commandLine().getErr());
      for (PolicyRegistry.Entry e : entries) {
        for (Map<String, Double> p : grid(e.knobs())) {
          candidates.add(new Candidate(t, e, p));
          trainRuns.add(pr -> sim.withProgress(pr).run(e, p));
        }
      }
    }
    System.err.println("tune: " + trainRuns.size() + " training runs");
    List<SimulationReport> trained = Batch.run(trainRuns, output.threads, output.progressEnabled(), true, System.err);

    List<Candidate> chosen = new ArrayList<>();
    List<SimulationReport> chosenTrain = new ArrayList<>();
    List<Function<DoubleConsumer, SimulationReport>> testRuns = new ArrayList<>();
    for (Trace t : windows.keySet()) {
      for (PolicyRegistry.Entry e : entries) {
        int best = -1;
        for (int i = 0; i < candidates.size(); i++) {
          Candidate c = candidates.get(i);
          if (c.trace() != t || c.entry() != e) {
            continue;
          }
          if (best < 0 || better(trained.get(i), trained.get(best))) {
            best = i;
          }
        }
        Candidate c = candidates.get(best);
        chosen.add(c);
        chosenTrain.add(trained.get(best));
        Simulation sim = Simulation.of(t, windows.get(t)[1]).withRegistry(registry);
        testRuns.add(pr -> sim.withProgress(pr).run(c.entry(), c.params()));
      }
    }
    List<SimulationReport> tested = Batch.run(testRuns, output.threads, output.progressEnabled(), output.quiet,
        System.err);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < tested.size(); i++) {
      Map<String, Object> m = new LinkedHashMap<>(tested.get(i).toMap());
      SimulationReport tr = chosenTrain.get(i);
      m.put("window", "test");
      m.put("sloTarget", slo);
      m.put("trainSloAttainment", tr.sloAttainment());
      m.put("trainCost", tr.cost());
      m.put("trainMetTarget", tr.sloAttainment() >= slo);
      m.put("trainStart", tr.start().toString());
      m.put("trainEnd", tr.end().toString());
      rows.add(m);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(Output.render(format, rows, tested, output.wide));
    out.flush();
    if (output.report != null) {
      ReportWriter.write(output.report, tested, rows, base);
      System.err.println("report written to " + output.report.resolve("report.html"));
    }
    return 0;
  }

  /**
   * A window of the tuning, or an error in the words of the flags the user typed (or the defaults
   * they left): "--train-until 1995-07-02T00:00:00Z must be after --train-from 1995-07-10T00:00:00Z".
   */
  static Scenario window(Scenario base, Instant from, Instant until, String fromName, String untilName) {
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException((untilName.startsWith("--") ? untilName + " " : untilName + " (") + until
          + (untilName.startsWith("--") ? "" : ")") + " must be after " + (fromName.startsWith("--") ? fromName + " "
          : fromName + " (") + from + (fromName.startsWith("--") ? "" : ")"));
    }
    return base.withWindow(from, until);
  }

  /** See {@link dev.governor.simulation.bench.Bench#better}. */
  private boolean better(SimulationReport a, SimulationReport b) {
    return dev.governor.simulation.bench.Bench.better(a, b, slo);
  }

  /** Every combination of the knobs' values (one empty setting when there are no knobs). */
  static List<Map<String, Double>> grid(List<Knob> knobs) {
    List<Map<String, Double>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Knob k : knobs) {
      List<Map<String, Double>> next = new ArrayList<>();
      for (Map<String, Double> m : out) {
        for (double v : k.values()) {
          Map<String, Double> n = new LinkedHashMap<>(m);
          n.put(k.name(), v);
          next.add(n);
        }
      }
      out = next;
    }
    return out;
  }
}
