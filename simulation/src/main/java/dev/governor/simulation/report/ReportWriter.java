package dev.governor.simulation.report;

import dev.governor.simulation.Scenario;
import dev.governor.simulation.SimulationReport;
import dev.governor.simulation.TimeSeries;
import dev.governor.simulation.internal.JsonWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a report directory: {@code report.html} (self-contained: inline CSS, SVG and script, no
 * network; see {@link HtmlReport}), {@code timeseries.csv} (every tick of every run) and
 * {@code summary.json} (the scenario and the report objects); decision logs ({@link DecisionLog})
 * are written beside them by their runs.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * What the report says besides the runs.
   *
   * @param title the page's title
   * @param description a paragraph under the title, or null
   * @param sloTarget the share of each class's jobs that must start within its deadline for a
   *     policy to "hold" the objective (the verdict's rule), in (0, 1]; default {@value #DEFAULT_SLO_TARGET}
   * @param decisionLogs decision logs to show, one per trace at most
   */
  public record Info(String title, String description, double sloTarget, List<DecisionLog> decisionLogs) {
    /** The verdict's default objective share: 99 % of each class's jobs within its deadline. */
    public static final double DEFAULT_SLO_TARGET = 0.99;

    public Info {
      java.util.Objects.requireNonNull(title, "title");
      if (!(sloTarget > 0 && sloTarget <= 1)) {
        throw new IllegalArgumentException("sloTarget must be in (0, 1], but was " + sloTarget);
      }
      decisionLogs = List.copyOf(decisionLogs);
    }

    /** "Governor simulation report", no description, a 99 % target, no decision log. */
    public static Info defaults() {
      return new Info("Governor simulation report", null, DEFAULT_SLO_TARGET, List.of());
    }
  }

  /**
   * Checks, before any replay, that {@code dir} can be created and written: fails with one line
   * naming the directory and the reason.
   */
  public static void checkWritable(Path dir) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException e) {
      String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
          : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
      throw new IllegalArgumentException("--report " + dir + ": cannot write there (" + why + ")");
    }
  }

  /** {@link #write(Path, List, List, Scenario, Info)} with {@link Info#defaults()}. */
  public static void write(Path dir, List<SimulationReport> reports, List<Map<String, Object>> rows, Scenario scenario)
      throws IOException {
    write(dir, reports, rows, scenario, Info.defaults());
  }

  /**
   * Writes the directory.
   *
   * @param rows the report objects as printed (a report's map plus any extra columns), one per report
   */
  public static void write(Path dir, List<SimulationReport> reports, List<Map<String, Object>> rows, Scenario scenario,
      Info info) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("scenario", scenarioMap(scenario));
    summary.put("reports", rows);
    Files.writeString(dir.resolve("summary.json"), JsonWriter.write(summary) + "\n", StandardCharsets.UTF_8);
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(dir.resolve("timeseries.csv"), StandardCharsets.UTF_8),
        1 << 16)) {
      timeSeriesCsv(w, reports);
    }
    Files.writeString(dir.resolve("report.html"), HtmlReport.render(reports, rows, scenarioMap(scenario), info),
        StandardCharsets.UTF_8);
  }

  /** The scenario as an ordered map (for summary.json and the HTML header). */
  public static Map<String, Object> scenarioMap(Scenario s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scale", s.scale());
    m.put("serviceTimeSeconds", s.serviceTime().toNanos() / 1e9);
    m.put("serviceCv", s.serviceCv());
    m.put("serviceDistribution", s.serviceDistribution().label());
    m.put("slots", s.slots());
    m.put("bootSeconds", s.boot().toNanos() / 1e9);
    m.put("bootCv", s.bootCv());
    m.put("dispatch", s.dispatch().label());
    m.put("signalLagSeconds", s.signalLag().toNanos() / 1e9);
    m.put("deadlineSeconds", s.deadline().toNanos() / 1e9);
    m.put("tickSeconds", s.tick().toNanos() / 1e9);
    m.put("billing", s.billing().name());
    m.put("price", s.price());
    m.put("min", s.min());
    m.put("max", s.max());
    m.put("seed", s.seed());
    m.put("from", s.from() == null ? null : s.from().toString());
    m.put("until", s.until() == null ? null : s.until().toString());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("launchFailure", s.faults().launchFailure());
    f.put("capacityError", s.faults().capacityError());
    f.put("crashesPerInstanceHour", s.faults().crashesPerInstanceHour());
    f.put("outagesPerDay", s.faults().outagesPerDay());
    f.put("outageDurationSeconds", s.faults().outageDuration().toNanos() / 1e9);
    f.put("throttle", s.faults().throttle());
    m.put("faults", f);
    List<Object> classes = new ArrayList<>();
    s.classOverrides().values().forEach(c -> {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("name", c.name());
      cm.put("serviceTimeSeconds", c.serviceSeconds());
      cm.put("serviceCv", c.serviceCv());
      cm.put("deadlineSeconds", c.deadlineSeconds());
      cm.put("priority", c.priority());
      classes.add(cm);
    });
    m.put("classes", classes);
    return m;
  }

  /** One row per tick per run. */
  public static void timeSeriesCsv(Writer w, List<SimulationReport> reports) throws IOException {
    w.write("trace,policy,time,arrivals,work_s,demand,backlog,inflight,running,pending,draining,desired,completions,"
        + "wait_p50_s,wait_p99_s,wait_max_s\n");
    StringBuilder sb = new StringBuilder(256);
    for (SimulationReport r : reports) {
      TimeSeries s = r.series();
      for (int k = 0; k < s.size(); k++) {
        sb.setLength(0);
        sb.append(r.trace()).append(',').append(r.policy()).append(',').append(s.time(k)).append(',')
            .append(s.arrivals(k)).append(',').append(String.format(Locale.ROOT, "%.3f", s.work(k))).append(',')
            .append(s.demand(k)).append(',').append(s.backlog(k)).append(',').append(s.inflight(k)).append(',')
            .append(s.running(k)).append(',').append(s.pending(k)).append(',').append(s.draining(k)).append(',')
            .append(s.desired(k)).append(',').append(s.completions(k)).append(',')
            .append((float) s.waitP50(k)).append(',').append((float) s.waitP99(k)).append(',')
            .append((float) s.waitMax(k)).append('\n');
        w.write(sb.toString());
      }
    }
  }
}
