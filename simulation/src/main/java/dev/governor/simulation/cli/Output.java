package dev.governor.simulation.cli;

import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.internal.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders report rows as a table, CSV or a JSON array. A row is a report's map plus any extra columns. */
final class Output {
  private Output() {}

  enum Format {
    TABLE, JSON, CSV
  }

  static String render(Format f, List<Map<String, Object>> rows, List<SimulationReport> reports) {
    return switch (f) {
      case JSON -> json(rows);
      case CSV -> csv(rows);
      case TABLE -> table(rows, reports);
    };
  }

  static String json(List<Map<String, Object>> rows) {
    return JsonWriter.lines(rows);
  }

  static String csv(List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    List<String> keys = new ArrayList<>(rows.get(0).keySet());
    sb.append(String.join(",", keys)).append('\n');
    for (Map<String, Object> r : rows) {
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(csvCell(r.get(keys.get(i))));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String csvCell(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Double d) {
      return Double.isFinite(d) ? d.toString() : "";
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder();
      m.forEach((k, x) -> sb.append(sb.length() > 0 ? ";" : "").append(k).append('=').append(x));
      return quote(sb.toString());
    }
    return quote(v.toString());
  }

  private static String quote(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static final String[] HEAD = {"policy", "trace", "jobs", "SLO %", "p50 s", "p99 s", "max s", "inst-h",
      "cost", "bound-h", "ratio", "util %", "launch", "term", "θU %", "θO %", "τU %", "τO %", "instab %", "jitter/h",
      "wall s", "cpu s", "Mjobs/s", "opt-h", "vs opt"};

  static String table(List<Map<String, Object>> rows, List<SimulationReport> reports) {
    List<String[]> cells = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    if (!rows.isEmpty()) {
      for (String k : rows.get(0).keySet()) {
        if (!reports.get(0).toMap().containsKey(k)) {
          extra.add(k);
        }
      }
    }
    String[] head = new String[HEAD.length + extra.size()];
    System.arraycopy(HEAD, 0, head, 0, HEAD.length);
    for (int i = 0; i < extra.size(); i++) {
      head[HEAD.length + i] = extra.get(i);
    }
    cells.add(head);
    for (int i = 0; i < reports.size(); i++) {
      SimulationReport r = reports.get(i);
      String[] c = new String[head.length];
      c[0] = r.policy() + (r.params().isEmpty() ? "" : " " + r.params()) + (r.isOverloaded() ? " OVERLOADED" : "");
      c[1] = r.trace();
      c[2] = Long.toString(r.jobs());
      c[3] = f("%.3f", 100 * r.sloAttainment());
      c[4] = f("%.1f", r.waitP50Seconds());
      c[5] = f("%.1f", r.waitP99Seconds());
      c[6] = f("%.1f", r.maxWaitSeconds());
      c[7] = f("%.1f", r.instanceHours());
      c[8] = f("%.2f", r.cost());
      c[9] = f("%.1f", r.lowerBoundInstanceHours());
      c[10] = Double.isFinite(r.costRatio()) ? f("%.2f", r.costRatio()) : "-";
      c[11] = f("%.1f", 100 * r.utilization());
      c[12] = Long.toString(r.launches());
      c[13] = Long.toString(r.terminations());
      c[14] = f("%.1f", r.thetaU());
      c[15] = f("%.1f", r.thetaO());
      c[16] = f("%.1f", r.tauU());
      c[17] = f("%.1f", r.tauO());
      c[18] = f("%.1f", r.instability());
      c[19] = f("%.2f", r.jitter());
      c[20] = f("%.2f", r.wallSeconds());
      c[21] = f("%.2f", r.cpuSeconds());
      c[22] = f("%.2f", r.jobsPerSecond() / 1e6);
      c[23] = Double.isFinite(r.optimumInstanceHours()) ? f("%.1f", r.optimumInstanceHours()) : "-";
      c[24] = Double.isFinite(r.costVsOptimum()) ? f("%.3f", r.costVsOptimum()) : "-";
      for (int j = 0; j < extra.size(); j++) {
        Object v = rows.get(i).get(extra.get(j));
        c[HEAD.length + j] = v instanceof Double d ? f("%.4g", d) : String.valueOf(v);
      }
      cells.add(c);
    }
    int[] width = new int[head.length];
    for (String[] row : cells) {
      for (int j = 0; j < row.length; j++) {
        width[j] = Math.max(width[j], row[j].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String[] row = cells.get(i);
      for (int j = 0; j < row.length; j++) {
        if (j > 0) {
          sb.append("  ");
        }
        String pad = " ".repeat(width[j] - row[j].length());
        sb.append(j < 2 ? row[j] + pad : pad + row[j]);
      }
      sb.append('\n');
      if (i == 0) {
        int total = 0;
        for (int w : width) {
          total += w + 2;
        }
        sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
      }
    }
    return sb.toString();
  }

  private static String f(String fmt, double v) {
    return String.format(Locale.ROOT, fmt, v);
  }
}
