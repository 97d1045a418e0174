package dev.governor.simulation.cli;

import dev.governor.simulation.ClassReport;
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
    keys.remove("perClass");
    List<String> classKeys = new ArrayList<>();
    if (rows.get(0).get("perClass") instanceof List<?> pc) {
      for (Object o : pc) {
        if (o instanceof Map<?, ?> cm) {
          for (Object k : cm.keySet()) {
            if (!k.equals("class")) {
              classKeys.add(cm.get("class") + "." + k);
            }
          }
        }
      }
    }
    List<String> header = new ArrayList<>(keys);
    header.addAll(classKeys);
    sb.append(String.join(",", header)).append('\n');
    for (Map<String, Object> r : rows) {
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(csvCell(r.get(keys.get(i))));
      }
      Map<String, Object> flat = new java.util.HashMap<>();
      if (r.get("perClass") instanceof List<?> pc) {
        for (Object o : pc) {
          if (o instanceof Map<?, ?> cm) {
            cm.forEach((k, v) -> flat.put(cm.get("class") + "." + k, v));
          }
        }
      }
      for (String k : classKeys) {
        sb.append(',').append(csvCell(flat.get(k)));
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

  /** The columns of the narrow table (indexes into {@link #HEAD}): it fits 120 columns. */
  private static final int[] NARROW = {0, 2, 3, 4, 5, 6, 7, 8, 10, 24, 11, 12};

  /** Extra columns (added by a command) shown in the narrow table, with their short headers. */
  private static final Map<String, String> NARROW_EXTRA = Map.of("costVsBaseline", "×base", "sloVsBaseline", "ΔSLO pt");

  static String render(Format f, List<Map<String, Object>> rows, List<SimulationReport> reports, boolean wide) {
    return f == Format.TABLE ? table(rows, reports, wide) : render(f, rows, reports);
  }

  static String table(List<Map<String, Object>> rows, List<SimulationReport> reports) {
    return table(rows, reports, true);
  }

  /**
   * The report rows as a text table: every column ({@code wide}), or the ones that decide a
   * comparison within 120 columns, with the trace named above the table when there is only one.
   * A run with several job classes gets one indented row per class below it (jobs, SLO and waits
   * of the class; its deadline next to its name).
   */
  static String table(List<Map<String, Object>> rows, List<SimulationReport> reports, boolean wide) {
    List<String[]> cells = new ArrayList<>();
    List<Boolean> classRow = new ArrayList<>();
    List<String> extra = new ArrayList<>();
    if (!rows.isEmpty()) {
      for (String k : rows.get(0).keySet()) {
        if (!reports.get(0).toMap().containsKey(k) && (wide || NARROW_EXTRA.containsKey(k))) {
          extra.add(k);
        }
      }
    }
    boolean oneTrace = reports.stream().map(SimulationReport::trace).distinct().count() <= 1;
    List<Integer> cols = new ArrayList<>();
    if (wide) {
      for (int j = 0; j < HEAD.length; j++) {
        cols.add(j);
      }
    } else {
      for (int j : NARROW) {
        cols.add(j);
      }
      if (!oneTrace) {
        cols.add(1, 1);
      }
    }
    String[] head = new String[cols.size() + extra.size()];
    for (int j = 0; j < cols.size(); j++) {
      head[j] = HEAD[cols.get(j)];
    }
    for (int i = 0; i < extra.size(); i++) {
      head[cols.size() + i] = wide ? extra.get(i) : NARROW_EXTRA.get(extra.get(i));
    }
    cells.add(head);
    classRow.add(false);
    for (int i = 0; i < reports.size(); i++) {
      SimulationReport r = reports.get(i);
      String[] all = new String[HEAD.length];
      all[0] = r.policy() + (r.params().isEmpty() ? "" : " " + r.params()) + (r.isOverloaded() ? " OVERLOADED" : "");
      all[1] = r.trace();
      all[2] = Long.toString(r.jobs());
      all[3] = f("%.3f", 100 * r.sloAttainment());
      all[4] = f("%.1f", r.waitP50Seconds());
      all[5] = f("%.1f", r.waitP99Seconds());
      all[6] = f("%.1f", r.maxWaitSeconds());
      all[7] = f("%.1f", r.instanceHours());
      all[8] = f("%.2f", r.cost());
      all[9] = f("%.1f", r.lowerBoundInstanceHours());
      all[10] = Double.isFinite(r.costRatio()) ? f("%.2f", r.costRatio()) : "-";
      all[11] = f("%.1f", 100 * r.utilization());
      all[12] = Long.toString(r.launches());
      all[13] = Long.toString(r.terminations());
      all[14] = f("%.1f", r.thetaU());
      all[15] = f("%.1f", r.thetaO());
      all[16] = f("%.1f", r.tauU());
      all[17] = f("%.1f", r.tauO());
      all[18] = f("%.1f", r.instability());
      all[19] = f("%.2f", r.jitter());
      all[20] = f("%.2f", r.wallSeconds());
      all[21] = f("%.2f", r.cpuSeconds());
      all[22] = f("%.2f", r.jobsPerSecond() / 1e6);
      String[] c = new String[head.length];
      all[23] = Double.isFinite(r.optimumInstanceHours()) ? f("%.1f", r.optimumInstanceHours()) : "-";
      all[24] = Double.isFinite(r.costVsOptimum()) ? f("%.3f", r.costVsOptimum()) : "-";
      for (int j = 0; j < cols.size(); j++) {
        c[j] = all[cols.get(j)];
      }
      for (int j = 0; j < extra.size(); j++) {
        Object v = rows.get(i).get(extra.get(j));
        c[cols.size() + j] = v instanceof Double d ? f(wide ? "%.4g" : "%.3f", d) : String.valueOf(v);
      }
      cells.add(c);
      classRow.add(false);
      if (r.perClass().size() > 1) {
        for (ClassReport k : r.perClass()) {
          String[] all2 = new String[HEAD.length];
          java.util.Arrays.fill(all2, "");
          all2[0] = "  " + k.name() + " ≤" + seconds(k.deadlineSeconds());
          all2[2] = Long.toString(k.jobs());
          all2[3] = f("%.3f", 100 * k.sloAttainment());
          all2[4] = f("%.1f", k.waitP50Seconds());
          all2[5] = f("%.1f", k.waitP99Seconds());
          all2[6] = f("%.1f", k.maxWaitSeconds());
          all2[9] = f("%.1f", k.lowerBoundInstanceHours());
          String[] kc = new String[head.length];
          java.util.Arrays.fill(kc, "");
          for (int j = 0; j < cols.size(); j++) {
            kc[j] = all2[cols.get(j)];
          }
          cells.add(kc);
          classRow.add(true);
        }
      }
    }
    int[] width = new int[head.length];
    for (String[] row : cells) {
      for (int j = 0; j < row.length; j++) {
        width[j] = Math.max(width[j], row[j].length());
      }
    }
    int textCols = !wide && oneTrace ? 1 : 2;
    StringBuilder sb = new StringBuilder();
    if (!wide && oneTrace && !reports.isEmpty()) {
      sb.append("trace: ").append(reports.get(0).trace()).append('\n');
    }
    for (int i = 0; i < cells.size(); i++) {
      String[] row = cells.get(i);
      for (int j = 0; j < row.length; j++) {
        if (j > 0) {
          sb.append("  ");
        }
        String pad = " ".repeat(width[j] - row[j].length());
        sb.append(j < textCols ? row[j] + pad : pad + row[j]);
      }
      int len = sb.length();
      while (len > 0 && sb.charAt(len - 1) == ' ') {
        len--;
      }
      sb.setLength(len);
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

  private static String seconds(double s) {
    if (s >= 3600 && s % 3600 == 0) {
      return (long) (s / 3600) + "h";
    }
    if (s >= 60 && s % 60 == 0) {
      return (long) (s / 60) + "m";
    }
    return (s == Math.rint(s) ? Long.toString((long) s) : f("%.1f", s)) + "s";
  }

  private static String f(String fmt, double v) {
    return String.format(Locale.ROOT, fmt, v);
  }
}
