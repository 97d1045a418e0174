package dev.governor.simulation.cli;

import dev.governor.simulation.SimulationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compare}: {@code run} over every policy by default, with paired differences against a baseline. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
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
    description = {"Replay each trace through several policies (default: all) and compare them.",
        "Adds costVsBaseline (cost ÷ the baseline's cost) and sloVsBaseline (attainment difference, points)."})
final class CompareCommand extends RunCommand {
  @Option(names = "--baseline", paramLabel = "NAME",
      description = "The policy the others are compared with, per trace. Default: optimal (the offline optimum, replayed) if compared, else the first.")
  String baseline;

  @Override
  List<String> defaultPolicies() {
    return List.of("all");
  }

  @Override
  List<Map<String, Object>> rows(List<SimulationReport> reports) {
    List<Map<String, Object>> rows = super.rows(reports);
    List<SimulationReport> base = new ArrayList<>();
    for (SimulationReport r : reports) {
      SimulationReport b = null;
      for (SimulationReport o : reports) {
        if (!o.trace().equals(r.trace())) {
          continue;
        }
        if (baseline != null ? o.policy().equals(baseline) : o.policy().equals(dev.governor.simulation.optimum.PlanPolicy.NAME)) {
          b = o;
        }
      }
      if (b == null) {
        if (baseline != null) {
          throw new IllegalArgumentException("baseline must be one of the compared policies, but was '" + baseline + "'");
        }
        for (SimulationReport o : reports) {
          if (o.trace().equals(r.trace())) {
            b = o;
            break;
          }
        }
      }
      base.add(b);
    }
    for (int i = 0; i < rows.size(); i++) {
      SimulationReport r = reports.get(i);
      SimulationReport b = base.get(i);
      rows.get(i).put("baseline", b.policy());
      rows.get(i).put("costVsBaseline", b.cost() > 0 ? r.cost() / b.cost() : Double.NaN);
      rows.get(i).put("sloVsBaseline", 100 * (r.sloAttainment() - b.sloAttainment()));
    }
    return rows;
  }
}
