package dev.governor.simulation.cli;

import dev.governor.simulation.FaultCatalogue;
import dev.governor.simulation.FaultedRun;
import dev.governor.simulation.Faults;
import dev.governor.simulation.PolicyRegistry;
import dev.governor.simulation.Scenario;
import dev.governor.simulation.Simulation;
import dev.governor.simulation.trace.Trace;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code faults}: the standard scenario under each fault of the {@link FaultCatalogue} (and all
 * together), one row per fault × policy, against the same policy's replay without faults.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Replay the trace through each policy under each fault of the catalogue and count the violations.",
        "Default policy: governor. One row per fault (and all of them at once) x policy: what is lost, what the SLO and",
        "the cost become.",
        "Columns: jobsLost (arrived - completed - waiting - in service at the end), sloAttainment,",
        "sloAttainmentNoFault, extraCostPercent (vs. no fault), wrongTerminations (busy or foreign instances",
        "terminated), staleScaleIns (scale-ins decided on a stale, missing or future-stamped required signal),",
        "doubleLaunches (instances launched beyond one decision's need), maxOverProvision (running + pending",
        "- demand, instances). Fault flags given besides are added to every row (and make a row 'flags')."},
    footer = {"", "Faults: signal-outage class-outage stale-readings nan-readings corrupt-spike future-readings",
        "  fleet-view-failure fleet-view-lag launch-failure capacity-error partial-launch never-boots slow-boot",
        "  throttle lost-response crash spot-interruption busy-report-lag hung-jobs restart restart-before-save",
        "  clock-back clock-forward all"})
final class FaultsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--policy", paramLabel = "NAME",
      description = "Policy to replay (repeatable); 'all' for every registered one. Default: governor")
  List<String> policies = new ArrayList<>();

  @Option(names = "--fault", paramLabel = "NAME", description = "Catalogue fault to run (repeatable). Default: every one and 'all'.")
  List<String> only = new ArrayList<>();

  @Option(names = "--format", paramLabel = "table|json|markdown", defaultValue = "table",
      description = "Output on stdout: a table, one JSON array of rows, or a Markdown table. Default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1", description = "Runs at once. Default: ${DEFAULT-VALUE}")
  int threads;

  @Mixin
  ScenarioOptions scenario = new ScenarioOptions();

  @Override
  public Integer call() throws Exception {
    String fmt = format.trim().toLowerCase(Locale.ROOT);
    if (!List.of("table", "json", "markdown").contains(fmt)) {
      throw new IllegalArgumentException("format must be one of [table, json, markdown], but was '" + format + "'");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
    }
    Scenario sc = scenario.scenario();
    List<Trace> traces = scenario.traces();
    if (traces.size() != 1) {
      throw new IllegalArgumentException("faults replays one trace, but " + traces.size() + " were given");
    }
    Simulation sim = Simulation.of(traces.get(0), sc.withFaults(Faults.none()));
    PolicyRegistry registry = sim.registry();
    List<PolicyRegistry.Entry> entries = registry.resolve(policies.isEmpty() ? List.of("governor") : policies);
    Map<String, Faults> catalogue = FaultCatalogue.standard(sim.summary().classes().get(0));
    Map<String, Faults> chosen = new LinkedHashMap<>();
    for (String name : only) {
      Faults f = catalogue.get(name);
      if (f == null) {
        throw new IllegalArgumentException("fault must be one of " + catalogue.keySet() + ", but was '" + name + "'");
      }
      chosen.put(name, f);
    }
    if (chosen.isEmpty()) {
      chosen.putAll(catalogue);
    }
    if (sc.faults().any()) {
      chosen.put("flags", sc.faults());
    }

    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "faults");
      t.setDaemon(true);
      return t;
    });
    List<Map<String, Object>> rows = new ArrayList<>();
    try {
      List<Future<FaultedRun>> clean = new ArrayList<>();
      List<List<Future<FaultedRun>>> runs = new ArrayList<>();
      for (PolicyRegistry.Entry e : entries) {
        clean.add(pool.submit(() -> sim.runCounted(e.name(), e.factory(), Map.of())));
        List<Future<FaultedRun>> perFault = new ArrayList<>();
        for (Faults f : chosen.values()) {
          Simulation s = sim.withScenario(sc.withFaults(sc.faults().and(f)));
          perFault.add(pool.submit(() -> s.runCounted(e.name(), e.factory(), Map.of())));
        }
        runs.add(perFault);
      }
      List<String> names = new ArrayList<>(chosen.keySet());
      for (int p = 0; p < entries.size(); p++) {
        FaultedRun c = clean.get(p).get();
        for (int k = 0; k < names.size(); k++) {
          FaultCatalogue.Row row = FaultCatalogue.row(names.get(k), runs.get(p).get(k).get(), c);
          rows.add(row.toMap());
          System.err.printf(Locale.ROOT, "%s under %s: done%n", row.policy(), row.fault());
        }
      }
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(switch (fmt) {
      case "json" -> Output.json(rows);
      case "markdown" -> markdown(rows);
      default -> table(rows);
    });
    out.flush();
    return 0;
  }

  private static String cell(String key, Object v) {
    if (v instanceof Double d) {
      return key.equals("extraCostPercent") ? String.format(Locale.ROOT, "%+.1f", d)
          : String.format(Locale.ROOT, "%.2f", 100 * d);
    }
    return String.valueOf(v);
  }

  private static List<String> head(List<Map<String, Object>> rows) {
    List<String> h = new ArrayList<>();
    for (String k : rows.isEmpty() ? List.<String>of() : rows.get(0).keySet()) {
      h.add(k.startsWith("slo") ? k + " %" : k);
    }
    return h;
  }

  static String table(List<Map<String, Object>> rows) {
    List<String> head = head(rows);
    List<String[]> cells = new ArrayList<>();
    cells.add(head.toArray(String[]::new));
    for (Map<String, Object> r : rows) {
      List<String> c = new ArrayList<>();
      r.forEach((k, v) -> c.add(cell(k, v)));
      cells.add(c.toArray(String[]::new));
    }
    int[] w = new int[head.size()];
    for (String[] row : cells) {
      for (int j = 0; j < row.length; j++) {
        w[j] = Math.max(w[j], row[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String[] row = cells.get(i);
      for (int j = 0; j < row.length; j++) {
        String pad = " ".repeat(w[j] - row[j].length());
        sb.append(j > 0 ? "  " : "").append(j < 2 ? row[j] + pad : pad + row[j]);
      }
      sb.append('\n');
      if (i == 0) {
        int total = 0;
        for (int x : w) {
          total += x + 2;
        }
        sb.append("-".repeat(total - 2)).append('\n');
      }
    }
    return sb.toString();
  }

  static String markdown(List<Map<String, Object>> rows) {
    List<String> head = head(rows);
    StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", head)).append(" |\n|");
    for (int j = 0; j < head.size(); j++) {
      sb.append(j < 2 ? "---|" : "---:|");
    }
    sb.append('\n');
    for (Map<String, Object> r : rows) {
      sb.append('|');
      r.forEach((k, v) -> sb.append(' ').append(cell(k, v)).append(" |"));
      sb.append('\n');
    }
    return sb.toString();
  }
}
