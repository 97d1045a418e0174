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
 * network), {@code timeseries.csv} (every tick of every run, see {@link #timeSeriesCsv}) and
 * {@code summary.json} ({@code {"scenario": ..., "reports": [...]}}: {@link #scenarioMap} and the
 * report objects); decision logs ({@link DecisionLog}) are written beside them by their runs.
 * Existing files of these names are replaced. All methods are static and keep no state.
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
   * @param decisionLogs decision logs to show, at most one per trace (matched by
   *     {@link DecisionLog#trace()}; of several for one trace the last is shown); copied
   */
  public record Info(String title, String description, double sloTarget, List<DecisionLog> decisionLogs) {
    /** The verdict's default objective share: 99 % of each class's jobs within its deadline. */
    public static final double DEFAULT_SLO_TARGET = 0.99;

    /**
     * Validates and copies.
     *
     * @param title the page's title
     * @param description a paragraph under the title, or null
     * @param sloTarget the share of each class's jobs that must start within its deadline for a
     *     policy to "hold" the objective (the verdict's rule), in (0, 1]; default {@value #DEFAULT_SLO_TARGET}
     * @param decisionLogs decision logs to show, at most one per trace (matched by
     *     {@link DecisionLog#trace()}; of several for one trace the last is shown); copied
     * @throws NullPointerException if {@code title} or {@code decisionLogs} (or one of its elements)
     *     is null
     * @throws IllegalArgumentException if {@code sloTarget} is not in (0, 1]
     */
    public Info {
      java.util.Objects.requireNonNull(title, "title");
      if (!(sloTarget > 0 && sloTarget <= 1)) {
        throw new IllegalArgumentException("sloTarget must be in (0, 1], but was " + sloTarget);
      }
      decisionLogs = List.copyOf(decisionLogs);
    }

    /**
     * The info a report has when nobody says otherwise.
     *
     * @return title "Governor simulation report", no description, a 99 % target, no decision log
     */
    public static Info defaults() {
      return new Info("Governor simulation report", null, DEFAULT_SLO_TARGET, List.of());
    }
  }

  /**
   * Checks, before any replay, that {@code dir} can be created and written: creates it (and its
   * parents) if missing, and creates and deletes a probe file in it.
   *
   * @param dir the report directory
   * @throws IllegalArgumentException if it cannot, with one line naming the directory and the
   *     reason, phrased for the CLI's {@code --report} flag
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

  /**
   * {@link #write(Path, List, List, Scenario, Info)} with {@link Info#defaults()}.
   *
   * @param dir the report directory, created if missing
   * @param reports the runs, in the order the report shows them
   * @param rows the report objects as printed, one per report
   * @param scenario the scenario the runs replayed
   * @throws IOException if a file cannot be written
   */
  public static void write(Path dir, List<SimulationReport> reports, List<Map<String, Object>> rows, Scenario scenario)
      throws IOException {
    write(dir, reports, rows, scenario, Info.defaults());
  }

  /**
   * Writes the directory: {@code summary.json}, {@code timeseries.csv}, then {@code report.html}.
   *
   * @param dir the report directory, created (with its parents) if missing
   * @param reports the runs, in the order the report shows them (grouped by trace on the page)
   * @param rows the report objects as printed (a report's map plus any extra columns), one per
   *     report, in the same order
   * @param scenario the scenario the runs replayed, written as {@link #scenarioMap}
   * @param info the title, description, SLO target and decision logs of the page
   * @throws IOException if a file cannot be written (files written before it stay)
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

  /**
   * The scenario as an ordered map, for {@code summary.json} and the HTML page. Keys: {@code scale},
   * {@code serviceTimeSeconds}, {@code serviceCv}, {@code serviceDistribution}, {@code slots},
   * {@code bootSeconds}, {@code bootCv}, {@code dispatch}, {@code signalLagSeconds},
   * {@code deadlineSeconds}, {@code tickSeconds}, {@code billing} (its name), {@code price} (per
   * instance-hour), {@code min}, {@code max}, {@code seed}, {@code from} and {@code until} (ISO-8601
   * or null), {@code faults} (an object: {@code launchFailure}, {@code capacityError},
   * {@code crashesPerInstanceHour}, {@code outagesPerDay}, {@code outageDurationSeconds},
   * {@code throttle}) and {@code classes} (one object per class override: {@code name},
   * {@code serviceTimeSeconds}, {@code serviceCv}, {@code deadlineSeconds}, {@code priority}).
   * Durations are in seconds.
   *
   * @param s the scenario
   * @return a new, mutable, insertion-ordered map
   */
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

  /**
   * Writes {@code timeseries.csv}: a header line, then one row per tick per run (the runs in order,
   * the ticks in order), from each report's {@link TimeSeries}. Columns: {@code trace},
   * {@code policy}, {@code time} (the tick's start, ISO-8601), {@code arrivals} (jobs that arrived in
   * the tick), {@code work_s} (their service seconds, 3 decimals), {@code demand} (the fewest
   * instances that could serve the tick's work at 100 % busy), {@code backlog} (jobs waiting, every
   * class, at the tick), {@code inflight} (jobs being served), {@code running}, {@code pending},
   * {@code draining} (instances, right after the tick's action), {@code desired} (capacity after the
   * guards), {@code completions} (jobs completed in the tick), and {@code wait_p50_s},
   * {@code wait_p99_s}, {@code wait_max_s} (queue waits in seconds of the jobs that started in the
   * tick). Names are written as they are,
   * unquoted. The writer is not closed.
   *
   * @param w where to write
   * @param reports the runs
   * @throws IOException if writing fails
   */
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
