package dev.governor.simulation.report;

import dev.governor.simulation.SimulationReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The comparison's verdict in one line of plain text, by the report's rule: among the policies
 * that are not clairvoyant references ({@code oracle}, {@code lookahead}, {@code optimal}) and did
 * not overload, the cheapest (by {@link SimulationReport#cost()}) whose every class attains at
 * least {@code target} of its own objective; the next cheapest such policy and Governor are put
 * against it. The same rule as the verdict of {@code report.html}.
 */
public final class Verdict {
  private Verdict() {}

  /**
   * The verdict over the reports of one trace. Examples: {@code verdict: governor holds every
   * class's objective (>= 99 % in time) at the lowest cost, 12.34; next hpa +8.1 %}, or, when no
   * policy holds it, {@code verdict: no policy holds every class's objective (>= 99 % in time);
   * closest: step (worst class 98.700 %)} (closest: the highest worst-class attainment). The cost is
   * {@code instanceHours × price}; percentages after a policy are its cost above the winner's.
   *
   * @param reports the runs of one trace, references included (they are skipped)
   * @param target the share of each class's jobs that must start within the class's deadline, in
   *     (0, 1] (e.g. 0.99)
   * @return the verdict line, or an empty string when fewer than two non-reference policies ran
   */
  public static String text(List<SimulationReport> reports, double target) {
    List<SimulationReport> real = new ArrayList<>();
    for (SimulationReport r : reports) {
      if (!HtmlReport.REFERENCES.contains(r.policy())) {
        real.add(r);
      }
    }
    if (real.size() < 2) {
      return "";
    }
    List<SimulationReport> holders = new ArrayList<>();
    for (SimulationReport r : real) {
      if (!r.isOverloaded() && r.everyClassMeets(target)) {
        holders.add(r);
      }
    }
    holders.sort(Comparator.comparingDouble(SimulationReport::cost));
    String t = HtmlReport.pctPlain(target);
    if (holders.isEmpty()) {
      SimulationReport best = real.stream().max(Comparator.comparingDouble(SimulationReport::worstClassAttainment))
          .orElseThrow();
      return String.format(Locale.ROOT, "verdict: no policy holds every class's objective (>= %s in time); closest: %s"
          + " (worst class %.3f %%)", t, best.policy(), 100 * best.worstClassAttainment());
    }
    SimulationReport w = holders.get(0);
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
        "verdict: %s holds every class's objective (>= %s in time) at the lowest cost, %.2f", w.policy(), t, w.cost()));
    if (holders.size() > 1) {
      SimulationReport n = holders.get(1);
      sb.append(String.format(Locale.ROOT, "; next %s +%.1f %%", n.policy(), 100 * (n.cost() / w.cost() - 1)));
    }
    for (SimulationReport r : real) {
      if (r.policy().equals("governor") && r != w) {
        sb.append(String.format(Locale.ROOT, "; governor %s at %+.1f %%", holders.contains(r) ? "holds it"
            : String.format(Locale.ROOT, "misses (worst class %.3f %%)", 100 * r.worstClassAttainment()),
            100 * (r.cost() / w.cost() - 1)));
      }
    }
    return sb.toString();
  }
}
