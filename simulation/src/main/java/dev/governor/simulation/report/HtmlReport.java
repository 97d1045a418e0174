package dev.governor.simulation.report;

import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TimeSeries;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

/**
 * A self-contained HTML report: a summary table and, per trace, charts over time of arrivals,
 * backlog, demand vs supplied instances and wait percentiles per policy, as inline SVG. Long series
 * are reduced to at most {@value #MAX_POINTS} points per line, keeping each bucket's maximum so
 * peaks stay visible.
 */
final class HtmlReport {
  static final int MAX_POINTS = 1200;
  private static final int W = 1000;
  private static final int H = 220;
  private static final int LEFT = 60;
  private static final int RIGHT = 10;
  private static final int TOP = 20;
  private static final int BOTTOM = 28;
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private HtmlReport() {}

  static String render(List<SimulationReport> reports, List<Map<String, Object>> rows, Map<String, Object> scenario) {
    StringBuilder sb = new StringBuilder(1 << 20);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Governor simulation report</title>\n")
        .append("<style>body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;")
        .append("font-size:12px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:first-child,")
        .append("td:nth-child(2){text-align:left}th{background:#f3f3f3}h2{margin-top:32px}svg{display:block;")
        .append("margin:6px 0 18px}.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;")
        .append("width:14px;height:3px;vertical-align:middle;margin-right:4px}code{background:#f3f3f3;padding:1px 3px}")
        .append("</style></head><body>\n<h1>Governor simulation report</h1>\n");
    sb.append("<p>Scenario: <code>").append(esc(scenario.toString())).append("</code></p>\n");
    sb.append("<p>Every policy replays the same seeded jobs. Demand d<sub>t</sub> is the fewest instances that could ")
        .append("serve a tick's work at 100&nbsp;% busy; supply s<sub>t</sub> is RUNNING instances. θ/τ/instability/jitter ")
        .append("are the SPEC elasticity metrics (Herbst et al. 2018).</p>\n");
    table(sb, rows);
    Map<String, List<SimulationReport>> byTrace = new LinkedHashMap<>();
    for (SimulationReport r : reports) {
      byTrace.computeIfAbsent(r.trace(), k -> new ArrayList<>()).add(r);
    }
    for (Map.Entry<String, List<SimulationReport>> e : byTrace.entrySet()) {
      List<SimulationReport> rs = e.getValue();
      TimeSeries first = rs.get(0).series();
      sb.append("<h2>").append(esc(e.getKey())).append("</h2>\n");
      legend(sb, rs);
      sb.append("<h3>Arrivals per tick</h3>\n");
      chart(sb, first, List.of(first::arrivals), List.of("#444"), "jobs", false);
      // Log scale: a policy that falls behind (a fixed schedule off-hours) builds a backlog of
      // 10^5 jobs, which on a linear axis flattens every other policy's backlog to zero.
      sb.append("<h3>Backlog (jobs waiting at each tick, log scale)</h3>\n");
      chart(sb, first, each(rs, s -> s::backlog), colors(rs), "jobs", true);
      sb.append("<h3>Demand (black) vs RUNNING instances</h3>\n");
      List<IntToDoubleFunction> supply = new ArrayList<>();
      List<String> cs = new ArrayList<>();
      supply.add(first::demand);
      cs.add("#000");
      supply.addAll(each(rs, s -> s::running));
      cs.addAll(colors(rs));
      chart(sb, first, supply, cs, "instances", false);
      sb.append("<h3>Queue wait p50 of jobs started in each tick (log scale)</h3>\n");
      chart(sb, first, each(rs, s -> s::waitP50), colors(rs), "seconds", true);
      sb.append("<h3>Queue wait p99 of jobs started in each tick (log scale)</h3>\n");
      chart(sb, first, each(rs, s -> s::waitP99), colors(rs), "seconds", true);
    }
    sb.append("<p>Files: <code>timeseries.csv</code> (every tick), <code>summary.json</code>.</p>\n</body></html>\n");
    return sb.toString();
  }

  private interface SeriesOf {
    IntToDoubleFunction of(TimeSeries s);
  }

  private static List<IntToDoubleFunction> each(List<SimulationReport> rs, SeriesOf f) {
    List<IntToDoubleFunction> out = new ArrayList<>();
    for (SimulationReport r : rs) {
      out.add(f.of(r.series()));
    }
    return out;
  }

  private static List<String> colors(List<SimulationReport> rs) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rs.size(); i++) {
      out.add(COLORS[i % COLORS.length]);
    }
    return out;
  }

  private static void legend(StringBuilder sb, List<SimulationReport> rs) {
    sb.append("<p class=\"legend\">");
    for (int i = 0; i < rs.size(); i++) {
      sb.append("<span><i style=\"background:").append(COLORS[i % COLORS.length]).append("\"></i>")
          .append(esc(rs.get(i).policy())).append("</span>");
    }
    sb.append("</p>\n");
  }

  private static void table(StringBuilder sb, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>();
    for (String k : rows.get(0).keySet()) {
      if (!k.equals("params") && !k.equals("start") && !k.equals("end") && !k.equals("seed") && !k.equals("scale")) {
        keys.add(k);
      }
    }
    sb.append("<table><tr>");
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
    sb.append("</table>\n");
  }

  /** A line chart; {@code log} plots log10(1 + y), for waits that span milliseconds to hours. */
  private static void chart(StringBuilder sb, TimeSeries axis, List<IntToDoubleFunction> lines, List<String> colors,
      String unit, boolean log) {
    int n = axis.size();
    int buckets = Math.min(n, MAX_POINTS);
    double[][] ys = new double[lines.size()][buckets];
    double max = 0;
    for (int l = 0; l < lines.size(); l++) {
      IntToDoubleFunction f = lines.get(l);
      for (int b = 0; b < buckets; b++) {
        int from = (int) ((long) b * n / buckets);
        int to = (int) ((long) (b + 1) * n / buckets);
        double m = 0;
        for (int k = from; k < Math.max(to, from + 1); k++) {
          m = Math.max(m, f.applyAsDouble(k));
        }
        ys[l][b] = m;
        max = Math.max(max, m);
      }
    }
    double top = log ? Math.max(1, Math.ceil(Math.log10(1 + max))) : niceCeil(max);
    double plotW = W - LEFT - RIGHT;
    double plotH = H - TOP - BOTTOM;
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" font-size=\"11\">\n");
    int gridLines = log ? (int) top : 4;
    for (int i = 0; i <= gridLines; i++) {
      double v = log ? Math.pow(10, i) - (i == 0 ? 1 : 0) : top * i / 4;
      double y = TOP + plotH - plotH * i / gridLines;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", LEFT, y,
          W - RIGHT, y));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 4, y + 4,
          label(v)));
    }
    for (int i = 0; i <= 5; i++) {
      double x = LEFT + plotW * i / 5;
      int k = (int) Math.min(n - 1, (long) i * n / 5);
      Instant t = axis.time(k);
      String anchor = i == 0 ? "start" : i == 5 ? "end" : "middle";
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", x, H - 8, anchor,
          DAY.format(t)));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\">%s</text>\n", 11, esc(unit)));
    for (int l = 0; l < lines.size(); l++) {
      sb.append("<polyline fill=\"none\" stroke-width=\"1\" stroke=\"").append(colors.get(l)).append("\" points=\"");
      for (int b = 0; b < buckets; b++) {
        double x = LEFT + (buckets == 1 ? 0 : plotW * b / (buckets - 1));
        double v = log ? Math.log10(1 + ys[l][b]) : ys[l][b];
        double y = TOP + plotH - (top > 0 ? plotH * v / top : 0);
        sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      sb.append("\"/>\n");
    }
    sb.append("</svg>\n");
  }

  private static double niceCeil(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String label(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
