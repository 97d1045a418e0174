package dev.governor.simulation.report;

import dev.governor.simulation.ClassReport;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TimeSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A self-contained HTML report that gives a verdict. First screen: which policy holds every job
 * class's objective (at least {@code target} of its jobs start within the class's deadline) at
 * the lowest cost, and by how much, in words, beside a cost-vs-SLO scatter; then one row per
 * policy with each class's attainment and p99 wait; then charts over time (arrivals by class,
 * RUNNING instances against demand, backlog, each class's p99 wait with its deadline line) with a
 * whole-run / week / day selector and a focus on one policy against its rivals; then Governor's
 * decision log. Policies keep one colour everywhere. Charts are drawn by an inline script from
 * data embedded in the page (series reduced to at most {@value #MAX_POINTS} points by bucket
 * maxima, so peaks stay); nothing is fetched, so the page opens offline.
 */
final class HtmlReport {
  static final int MAX_POINTS = 6000;
  /** Clairvoyant references: shown, never the verdict's winner. */
  static final Set<String> REFERENCES = Set.of("oracle", "lookahead", "optimal");
  private static final Map<String, String> COLORS = Map.ofEntries(Map.entry("governor", "#d62728"),
      Map.entry("target-tracking", "#1f77b4"), Map.entry("step", "#ff7f0e"), Map.entry("hpa", "#2ca02c"),
      Map.entry("keda-sqs", "#9467bd"), Map.entry("aws-predictive", "#8c564b"), Map.entry("static", "#7f7f7f"),
      Map.entry("scheduled", "#e377c2"), Map.entry("oracle", "#17becf"), Map.entry("lookahead", "#17becf"), Map.entry("optimal", "#000000"));
  private static final String[] SPARE = {"#bcbd22", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173"};

  private HtmlReport() {}

  /** A policy's colour: fixed for the registered ones, from its name's hash otherwise. */
  static String color(String policy) {
    String c = COLORS.get(policy);
    return c != null ? c : SPARE[Math.floorMod(policy.hashCode(), SPARE.length)];
  }

  static String render(List<SimulationReport> reports, List<Map<String, Object>> rows, Map<String, Object> scenario) {
    return render(reports, rows, scenario, ReportWriter.Info.defaults());
  }

  static String render(List<SimulationReport> reports, List<Map<String, Object>> rows, Map<String, Object> scenario,
      ReportWriter.Info info) {
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
        .append(esc(info.title())).append("</title>\n<style>").append(resource("report/report.css"))
        .append("</style></head>\n<body data-status=\"loading\">\n<h1>").append(esc(info.title())).append("</h1>\n");
    if (info.description() != null) {
      sb.append("<p class=\"desc\">").append(esc(info.description())).append("</p>\n");
    }
    Map<String, List<SimulationReport>> byTrace = new LinkedHashMap<>();
    Map<SimulationReport, Map<String, Object>> rowOf = new LinkedHashMap<>();
    for (int i = 0; i < reports.size(); i++) {
      byTrace.computeIfAbsent(reports.get(i).trace(), k -> new ArrayList<>()).add(reports.get(i));
      rowOf.put(reports.get(i), i < rows.size() ? rows.get(i) : reports.get(i).toMap());
    }
    int ti = 0;
    StringBuilder data = new StringBuilder(1 << 20);
    data.append("{\"target\":").append(info.sloTarget()).append(",\"traces\":[");
    for (Map.Entry<String, List<SimulationReport>> e : byTrace.entrySet()) {
      List<SimulationReport> rs = e.getValue();
      sb.append("<section class=\"verdict-screen\">").append(byTrace.size() > 1 ? "<h2>Trace " + esc(e.getKey())
          + "</h2>" : "").append("\n<div class=\"first\"><div class=\"verdict\" id=\"verdict-").append(ti)
          .append("\">").append(verdict(rs, rowOf, info.sloTarget())).append("</div>\n");
      scatter(sb, rs, info.sloTarget());
      sb.append("</div></section>\n");
      classTable(sb, rs, info.sloTarget());
      sb.append("<h3>Over time</h3>\n<div class=\"controls\">Range: <button data-range=\"all\">whole run</button>")
          .append("<button data-range=\"week\">week</button><button data-range=\"day\">day</button>")
          .append("<button data-range=\"prev\">◀ earlier</button><button data-range=\"next\">later ▶</button> ")
          .append("<span class=\"range-label\"></span> &nbsp; Focus: <select id=\"focus\"><option value=\"all\">")
          .append("every policy</option>");
      for (SimulationReport r : rs) {
        sb.append("<option value=\"").append(esc(r.policy())).append("\">").append(esc(r.policy()))
            .append(" against the others</option>");
      }
      sb.append("</select></div>\n");
      legend(sb, rs);
      sb.append("<div class=\"charts\" id=\"charts-").append(ti).append("\"></div>\n");
      DecisionLog log = null;
      for (DecisionLog d : info.decisionLogs()) {
        if (d.trace().equals(e.getKey())) {
          log = d;
        }
      }
      if (log != null) {
        sb.append("<h3>Decision log: ").append(esc(log.policy())).append(", one line per tick</h3>\n<p class=\"note\" ")
            .append("id=\"lognote-").append(ti).append("\"></p>\n<pre class=\"log\" id=\"log-").append(ti)
            .append("\"></pre>\n");
      }
      if (ti > 0) {
        data.append(',');
      }
      traceData(data, rs, log);
      ti++;
    }
    data.append("]}");
    sb.append("<details><summary>Every report key, per policy (the JSON contract)</summary>\n");
    fullTable(sb, rows);
    sb.append("<p class=\"note\">Scenario: <code>").append(esc(scenario.toString())).append("</code></p>\n")
        .append("<p class=\"note\">Demand d<sub>t</sub> is the fewest instances that could serve a tick's work at ")
        .append("100&nbsp;% busy; supply s<sub>t</sub> is RUNNING instances. θ/τ/instability/jitter are the SPEC ")
        .append("elasticity metrics (Herbst et al. 2018).</p></details>\n");
    sb.append("<p class=\"note\">Files beside this page: <code>summary.json</code> (every report object), ")
        .append("<code>timeseries.csv</code> (every tick of every run)");
    for (DecisionLog d : info.decisionLogs()) {
      sb.append(", <code>").append(esc(d.file().getFileName().toString())).append("</code> (").append(esc(d.policy()))
          .append("'s TickReports, one JSON line per tick)");
    }
    sb.append(".</p>\n<script type=\"application/json\" id=\"report-data\">")
        .append(data.toString().replace("</", "<\\/")).append("</script>\n<script>").append(resource("report/report.js"))
        .append("</script>\n</body></html>\n");
    return sb.toString();
  }

  /** The verdict in words: the cheapest policy that holds every class's objective, and by how much. */
  static String verdict(List<SimulationReport> rs, Map<SimulationReport, Map<String, Object>> rowOf, double target) {
    List<SimulationReport> holders = new ArrayList<>();
    List<SimulationReport> real = new ArrayList<>();
    for (SimulationReport r : rs) {
      if (!REFERENCES.contains(r.policy())) {
        real.add(r);
        if (!r.isOverloaded() && r.everyClassMeets(target)) {
          holders.add(r);
        }
      }
    }
    holders.sort(Comparator.comparingDouble(SimulationReport::cost));
    StringBuilder sb = new StringBuilder();
    String objective = objectives(rs.get(0), target);
    if (holders.isEmpty()) {
      SimulationReport best = real.isEmpty() ? rs.get(0) : real.stream()
          .max(Comparator.comparingDouble(SimulationReport::worstClassAttainment)).orElseThrow();
      sb.append("<p class=\"headline\">No policy holds every class's objective.</p><p>The objective: ")
          .append(objective).append(". Closest: ").append(name(best)).append(", whose worst class ")
          .append(worstClass(best)).append(", at a cost of ").append(money(best.cost())).append(".</p>");
    } else {
      SimulationReport w = holders.get(0);
      sb.append("<p class=\"headline\">").append(name(w)).append(" holds every class's objective at the lowest cost: ")
          .append(money(w.cost())).append(" (").append(num(w.instanceHours())).append(" instance-hours).</p>")
          .append("<p>The objective: ").append(objective).append(".</p><p>");
      if (holders.size() > 1) {
        SimulationReport n = holders.get(1);
        sb.append("The next cheapest that holds it, ").append(name(n)).append(", costs ")
            .append(pct(n.cost() / w.cost() - 1)).append(" more (").append(money(n.cost())).append(").");
      } else {
        sb.append("No other policy holds it.");
      }
      List<String> cheaperMissing = new ArrayList<>();
      for (SimulationReport r : real) {
        if (r.cost() < w.cost() && !holders.contains(r)) {
          cheaperMissing.add(name(r) + " (" + money(r.cost()) + ": " + worstClass(r) + ")");
        }
      }
      if (!cheaperMissing.isEmpty()) {
        sb.append(" Cheaper, but missing an objective: ").append(String.join("; ", cheaperMissing)).append('.');
      }
      sb.append("</p>");
      for (SimulationReport r : real) {
        if (r.policy().equals("governor") && r != w) {
          sb.append("<p>Governor ").append(holders.contains(r) ? "holds every objective" : "misses: " + worstClass(r))
              .append(", at ").append(money(r.cost())).append(" (").append(r.cost() >= w.cost() ? "+" : "")
              .append(pct(r.cost() / w.cost() - 1)).append(" against ").append(esc(w.policy())).append(").</p>");
        }
      }
    }
    for (SimulationReport r : rs) {
      if (REFERENCES.contains(r.policy())) {
        Object opt = rowOf.get(r) == null ? null : rowOf.get(r).get("optimumInstanceHours");
        sb.append("<p class=\"note\">Reference (not a policy: it sees the jobs to come): ").append(esc(r.policy()))
            .append(" costs ").append(money(r.cost())).append(r.everyClassMeets(target) ? ", holding every objective"
                : ", missing " + worstClass(r)).append('.');
        if (opt instanceof Double d && Double.isFinite(d)) {
          sb.append(" Offline optimum: ").append(num(d)).append(" instance-hours.");
        }
        sb.append("</p>");
      }
    }
    sb.append("<p class=\"note\">Every policy replayed the same ").append(String.format(Locale.ROOT, "%,d", rs.get(0).jobs()))
        .append(" jobs from ").append(rs.get(0).start()).append(" to ").append(rs.get(0).end())
        .append("; the floor (every slot 100 % busy) is ").append(num(rs.get(0).lowerBoundInstanceHours()))
        .append(" instance-hours.</p>");
    return sb.toString();
  }

  private static String objectives(SimulationReport r, double target) {
    StringBuilder sb = new StringBuilder();
    sb.append("at least ").append(pctPlain(target)).append(" of ");
    if (r.perClass().size() <= 1) {
      return sb.append("jobs start within the deadline").toString();
    }
    sb.append("each class's jobs start within its deadline (");
    for (int i = 0; i < r.perClass().size(); i++) {
      ClassReport c = r.perClass().get(i);
      sb.append(i > 0 ? ", " : "").append(esc(c.name())).append(' ').append(duration(c.deadlineSeconds()));
    }
    return sb.append(')').toString();
  }

  private static String worstClass(SimulationReport r) {
    if (r.isOverloaded()) {
      return "overloaded (the fleet could not keep up)";
    }
    ClassReport worst = null;
    for (ClassReport c : r.perClass()) {
      if (c.jobs() > 0 && (worst == null || c.sloAttainment() < worst.sloAttainment())) {
        worst = c;
      }
    }
    if (worst == null || r.perClass().size() <= 1) {
      return String.format(Locale.ROOT, "%.2f %% of jobs in time", 100 * r.sloAttainment());
    }
    return String.format(Locale.ROOT, "%s %.2f %% in time", esc(worst.name()), 100 * worst.sloAttainment());
  }

  /** Cost (log x) against the worst class's attainment on a "nines" axis: 0 %, 90 %, 99 %, 99.9 %, ≥ 99.99 %. */
  private static void scatter(StringBuilder sb, List<SimulationReport> rs, double target) {
    int w = 520;
    int h = 340;
    int l = 62;
    int r = 20;
    int t = 16;
    int b = 44;
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (SimulationReport x : rs) {
      if (x.cost() > 0) {
        lo = Math.min(lo, x.cost());
        hi = Math.max(hi, x.cost());
      }
    }
    if (!(lo < hi)) {
      lo = lo > 0 && Double.isFinite(lo) ? lo / 2 : 0.5;
      hi = lo * 4;
    }
    double llo = Math.floor(Math.log10(lo) * 4) / 4 - 0.05;
    double lhi = Math.ceil(Math.log10(hi) * 4) / 4 + 0.05;
    double pw = w - l - r;
    double ph = h - t - b;
    sb.append("<svg class=\"scatter\" id=\"scatter\" viewBox=\"0 0 ").append(w).append(' ').append(h)
        .append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" font-size=\"11\" role=\"img\">")
        .append("<title>cost against the worst class's SLO attainment</title>\n");
    for (int k = 0; k <= 4; k++) {
      double y = t + ph - ph * k / 4;
      String label = new String[] {"0 %", "90 %", "99 %", "99.9 %", "≥99.99 %"}[k];
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e6e6e6\"/>"
          + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#555\">%s</text>\n", l, y, w - r, y, l - 4, y + 4, label));
    }
    double ty = t + ph - ph * nines(target) / 4;
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\" "
        + "stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">objective %s</text>\n", l, ty, w - r,
        ty, w - r - 2, ty - 4, pctPlain(target)));
    for (double d = Math.pow(10, Math.floor(llo)); d <= Math.pow(10, lhi); d *= 10) {
      for (double m : new double[] {1, 2, 5}) {
        double v = d * m;
        double lv = Math.log10(v);
        if (lv >= llo && lv <= lhi) {
          double x = l + pw * (lv - llo) / (lhi - llo);
          sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#f0f0f0\"/>"
              + "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#555\">%s</text>\n", x, t, x, t + ph, x,
              t + ph + 14, money(v)));
        }
      }
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">cost (log scale) →"
        + " cheaper to the left</text>", l + pw / 2, h - 8));
    sb.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" "
        + "text-anchor=\"middle\">worst class: jobs in time ↑</text>\n", t + ph / 2, t + ph / 2));
    List<SimulationReport> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparingDouble(SimulationReport::cost));
    List<double[]> dots = new ArrayList<>();
    for (SimulationReport x : sorted) {
      double cx = l + pw * (Math.log10(Math.max(x.cost(), Math.pow(10, llo))) - llo) / (lhi - llo);
      double cy = t + ph - ph * nines(x.worstClassAttainment()) / 4;
      dots.add(new double[] {cx, cy});
      boolean ref = REFERENCES.contains(x.policy());
      sb.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" "
          + "%s><title>%s: cost %s, worst class %.3f %%</title></circle>", cx, cy, ref ? "#fff" : color(x.policy()),
          ref ? "stroke=\"" + color(x.policy()) + "\" stroke-width=\"2\"" : "", esc(x.policy()), money(x.cost()),
          100 * x.worstClassAttainment()));
    }
    // labels: the first of a few places beside its dot that overlaps no other label or dot
    List<double[]> boxes = new ArrayList<>();
    for (double[] d : dots) {
      boxes.add(new double[] {d[0] - 7, d[1] - 7, d[0] + 7, d[1] + 7});
    }
    double[][] offsets = {{8, -8}, {8, 15}, {-8, -8}, {-8, 15}, {10, 4}, {-10, 4}, {8, -22}, {8, 29}, {-8, -22},
        {-8, 29}, {8, -36}, {8, 43}};
    for (int k = 0; k < sorted.size(); k++) {
      String label = sorted.get(k).policy();
      double lw = 6.4 * label.length();
      double cx = dots.get(k)[0];
      double cy = dots.get(k)[1];
      double[] chosen = null;
      for (double[] o : offsets) {
        double x0 = o[0] > 0 ? cx + o[0] : cx + o[0] - lw;
        double y1 = cy + o[1];
        double[] box = {x0, y1 - 10, x0 + lw, y1 + 2};
        boolean inside = box[0] >= 0 && box[2] <= w && box[1] >= 0 && box[3] <= h - b + 12;
        boolean free = true;
        for (int q = 0; q < boxes.size() && free; q++) {
          double[] o2 = boxes.get(q);
          if (q != k && box[0] < o2[2] && o2[0] < box[2] && box[1] < o2[3] && o2[1] < box[3]) {
            free = false;
          }
        }
        if (inside && free) {
          chosen = box;
          break;
        }
      }
      if (chosen == null) {
        double x0 = cx + 8 + lw > w ? cx - 8 - lw : cx + 8;
        chosen = new double[] {x0, cy - 18, x0 + lw, cy - 6};
      }
      boxes.add(chosen);
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>\n", chosen[0],
          chosen[3] - 2, color(label), esc(label)));
    }
    sb.append("</svg>\n");
  }

  /** 0 at 0 %, 1 at 90 %, 2 at 99 %, 3 at 99.9 %, 4 at 99.99 % and above. */
  static double nines(double attainment) {
    double miss = Math.max(1e-4, 1 - attainment);
    return Math.max(0, Math.min(4, -Math.log10(miss)));
  }

  private static void classTable(StringBuilder sb, List<SimulationReport> rs, double target) {
    List<ClassReport> classes = rs.get(0).perClass();
    double best = Double.POSITIVE_INFINITY;
    for (SimulationReport r : rs) {
      if (!REFERENCES.contains(r.policy()) && r.everyClassMeets(target) && !r.isOverloaded()) {
        best = Math.min(best, r.cost());
      }
    }
    sb.append("<h3>Per policy and class</h3>\n<table class=\"classes\"><tr><th rowspan=\"2\">policy</th>")
        .append("<th rowspan=\"2\">cost</th><th rowspan=\"2\">vs cheapest holding all</th>")
        .append("<th rowspan=\"2\">instance-h</th><th rowspan=\"2\">every class ≥ ").append(pctPlain(target))
        .append("</th>");
    for (ClassReport c : classes) {
      sb.append("<th colspan=\"3\">").append(esc(c.name())).append(" (deadline ").append(duration(c.deadlineSeconds()))
          .append(")</th>");
    }
    sb.append("</tr><tr>");
    for (int k = 0; k < classes.size(); k++) {
      sb.append("<th>in time</th><th>p99 wait</th><th>max wait</th>");
    }
    sb.append("</tr>\n");
    List<SimulationReport> sorted = new ArrayList<>(rs);
    sorted.sort(Comparator.comparingDouble(SimulationReport::cost));
    for (SimulationReport r : sorted) {
      boolean holds = r.everyClassMeets(target) && !r.isOverloaded();
      sb.append("<tr class=\"").append(holds ? "holds" : "misses").append("\"><td><i style=\"background:")
          .append(color(r.policy())).append("\"></i>").append(esc(r.policy()))
          .append(REFERENCES.contains(r.policy()) ? " (reference)" : "").append(r.params().isEmpty() ? "" : " "
              + esc(r.params().toString())).append("</td><td>").append(money(r.cost())).append("</td><td>")
          .append(Double.isFinite(best) ? String.format(Locale.ROOT, "%.3f×", r.cost() / best) : "–").append("</td><td>")
          .append(num(r.instanceHours())).append("</td><td>").append(holds ? "yes" : "no").append("</td>");
      for (ClassReport c : classes) {
        ClassReport mine = r.classReport(c.name());
        if (mine == null) {
          sb.append("<td></td><td></td><td></td>");
          continue;
        }
        sb.append("<td class=\"").append(mine.meets(target) ? "ok" : "bad").append("\">")
            .append(String.format(Locale.ROOT, "%.3f %%", 100 * mine.sloAttainment())).append("</td><td>")
            .append(duration(mine.waitP99Seconds())).append("</td><td>").append(duration(mine.maxWaitSeconds()))
            .append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n");
  }

  private static void legend(StringBuilder sb, List<SimulationReport> rs) {
    sb.append("<p class=\"legend\">");
    for (SimulationReport r : rs) {
      sb.append("<span><i style=\"background:").append(color(r.policy())).append("\"></i>").append(esc(r.policy()))
          .append("</span>");
    }
    sb.append("</p>\n");
  }

  private static void fullTable(StringBuilder sb, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>();
    for (String k : rows.get(0).keySet()) {
      if (!Set.of("params", "start", "end", "seed", "scale", "perClass").contains(k)) {
        keys.add(k);
      }
    }
    sb.append("<div class=\"wide\"><table class=\"full\"><tr>");
    for (String k : keys) {
      sb.append("<th>").append(esc(k)).append("</th>");
    }
    sb.append("</tr>\n");
    for (Map<String, Object> r : rows) {
      sb.append("<tr>");
      for (String k : keys) {
        Object v = r.get(k);
        String s = v instanceof Double d ? (Double.isFinite(d) ? String.format(Locale.ROOT, "%.4g", d) : "–")
            : String.valueOf(v);
        if (k.equals("policy") && r.get("params") instanceof Map<?, ?> p && !p.isEmpty()) {
          s += " " + p;
        }
        sb.append("<td>").append(esc(s)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table></div>\n");
  }

  /** The chart data of one trace, series reduced to at most {@link #MAX_POINTS} points (bucket maxima). */
  private static void traceData(StringBuilder d, List<SimulationReport> rs, DecisionLog log) {
    TimeSeries first = rs.get(0).series();
    int n = first.size();
    int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
    int points = (n + step - 1) / step;
    long startMs = first.start().toEpochMilli();
    long stepMs = Math.round(step * first.tickSeconds() * 1000);
    long endMs = rs.get(0).end().toEpochMilli();
    d.append("{\"name\":").append(jsonString(rs.get(0).trace())).append(",\"start\":").append(startMs)
        .append(",\"end\":").append(Math.max(endMs, startMs + stepMs)).append(",\"stepMs\":").append(stepMs)
        .append(",\"n\":").append(points).append(",\"classes\":[");
    List<ClassReport> classes = rs.get(0).perClass();
    for (int c = 0; c < classes.size(); c++) {
      d.append(c > 0 ? "," : "").append("{\"name\":").append(jsonString(classes.get(c).name())).append(",\"deadline\":")
          .append(classes.get(c).deadlineSeconds()).append(",\"deadlineLabel\":")
          .append(jsonString(duration(classes.get(c).deadlineSeconds()))).append('}');
    }
    d.append("],\"demand\":");
    series(d, first::demand, n, step);
    d.append(",\"arrivals\":[");
    for (int c = 0; c < classes.size(); c++) {
      int[] a = classes.get(c).arrivalsPerTick();
      d.append(c > 0 ? "," : "");
      series(d, k -> a[k], Math.min(n, a.length), step);
    }
    d.append("],\"policies\":[");
    for (int i = 0; i < rs.size(); i++) {
      SimulationReport r = rs.get(i);
      TimeSeries s = r.series();
      d.append(i > 0 ? "," : "").append("{\"name\":").append(jsonString(r.policy())).append(",\"color\":\"")
          .append(color(r.policy())).append('"').append(REFERENCES.contains(r.policy()) ? ",\"dash\":\"5 3\"" : "")
          .append(",\"running\":");
      series(d, s::running, Math.min(n, s.size()), step);
      d.append(",\"backlog\":");
      series(d, s::backlog, Math.min(n, s.size()), step);
      d.append(",\"wait\":[");
      for (int c = 0; c < classes.size(); c++) {
        ClassReport cr = r.classReport(classes.get(c).name());
        float[] w = cr == null ? new float[0] : cr.waitP99PerTick();
        d.append(c > 0 ? "," : "");
        series(d, k -> w[k], Math.min(n, w.length), step);
      }
      d.append("]}");
    }
    d.append(']');
    if (log != null) {
      d.append(",\"log\":{\"file\":").append(jsonString(log.file().getFileName().toString())).append(",\"t\":[");
      List<Long> at = log.at();
      for (int i = 0; i < at.size(); i++) {
        d.append(i > 0 ? "," : "").append(at.get(i));
      }
      d.append("],\"lines\":[");
      List<String> lines = log.lines();
      for (int i = 0; i < lines.size(); i++) {
        d.append(i > 0 ? "," : "").append(jsonString(lines.get(i)));
      }
      d.append("]}");
    }
    d.append('}');
  }

  private static void series(StringBuilder d, java.util.function.IntToDoubleFunction f, int n, int step) {
    d.append('[');
    for (int b = 0; b * step < n; b++) {
      double m = 0;
      for (int k = b * step; k < Math.min(n, (b + 1) * step); k++) {
        m = Math.max(m, f.applyAsDouble(k));
      }
      if (b > 0) {
        d.append(',');
      }
      if (m == Math.rint(m) && Math.abs(m) < 1e15) {
        d.append((long) m);
      } else {
        d.append(String.format(Locale.ROOT, "%.1f", m));
      }
    }
    d.append(']');
  }

  private static String jsonString(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String resource(String name) {
    try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static String name(SimulationReport r) {
    return "<b style=\"color:" + color(r.policy()) + "\">" + esc(r.policy()) + "</b>";
  }

  static String money(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f %%", 100 * Math.abs(f));
  }

  static String pctPlain(double f) {
    String s = String.format(Locale.ROOT, "%.2f", 100 * f);
    s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s + " %";
  }

  static String duration(double s) {
    if (s >= 7200) {
      return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }
    if (s >= 60 && Math.abs(s / 60 - Math.rint(s / 60)) < 1e-9) {
      return String.format(Locale.ROOT, "%d min", Math.round(s / 60));
    }
    if (s >= 120) {
      return String.format(Locale.ROOT, "%.1f min", s / 60);
    }
    return String.format(Locale.ROOT, "%.0f s", s);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
