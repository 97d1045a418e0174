package dev.governor;

import dev.governor.fleet.JobClass;
import dev.governor.signal.Reading;
import dev.governor.signal.SignalNames;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the controller saw each tick as a trace the simulator replays, so that last
 * week's live load can be run through candidate policies
 * ({@code governor-sim compare --trace recorded.csv}).
 *
 * <p>The file is CSV with the header {@value #HEADER}: one row per job class and measured
 * window, {@code count} jobs arriving in {@code [timestamp, next timestamp)} and
 * {@code service_s} the mean service time the workers reported (empty before the first
 * measurement; the simulator then draws from its scenario). From each tick's readings:
 * <ul>
 *   <li>{@code count} = {@code queue.<class>.arrivals_per_s} × the window it covers: from the
 *       previous new observation of that signal to this one's {@code observedAt} (the first
 *       observation covers the {@code window} given at creation, normally the tick). A reading
 *       whose {@code observedAt} did not move (a stale value) adds nothing: nothing is counted twice.
 *   <li>{@code service_s} = the latest {@code jobs.<class>.service_s} seen when the window was
 *       observed (the service time of the jobs completed around it).
 * </ul>
 * A class without an arrival rate in its readings is not recorded (a warning names it once):
 * arrivals are what a replay needs, and a depth alone does not give them. Queue depths are not
 * written: the simulator builds its own queue from the arrivals (each tick's depths are in its
 * {@link TickReport#toJson() JSON line}).
 *
 * <p>Rows are written in time order; a window that starts before rows already buffered (one class
 * observed late) is merged into them, keeping every job. The rows of the latest window are held
 * until the next window starts, and {@link #close()} writes them followed by a row of zeros at
 * their window's end (so the replay knows where the last window stops, and a later append after a
 * restart does not stretch it over the downtime). An existing file is appended to when its header
 * matches; rows that would go back before its last row are dropped with a warning.
 *
 * <p>A tick listener must not throw: a failed write is logged and recording stops.
 * Single-threaded, like the controller that calls it.
 */
public final class TraceRecorder implements TickListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TraceRecorder.class);
  /** The trace's header line. */
  public static final String HEADER = "timestamp,class,count,service_s";

  private final String target;
  private final Writer out;
  private final List<String> classes;
  private final Duration window;
  private final Map<String, Instant> lastObserved = new HashMap<>();
  private final Map<String, Double> service = new HashMap<>();
  private final Set<String> warned = new HashSet<>();
  /** The rows of one timestamp not yet written, by class (kept in the classes' order). */
  private final Map<String, double[]> pending = new LinkedHashMap<>();
  private Instant pendingAt;
  private Instant pendingEnd;
  private Instant floor;
  private boolean failed;
  private boolean closed;

  private TraceRecorder(String target, Writer out, Collection<JobClass> jobClasses, Duration window, Instant floor,
      boolean writeHeader) throws IOException {
    this.target = target;
    this.out = out;
    List<String> names = new ArrayList<>();
    for (JobClass c : Objects.requireNonNull(jobClasses, "jobClasses")) {
      names.add(Objects.requireNonNull(c, "jobClass").name());
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException("jobClasses must not be empty: name the classes to record");
    }
    this.classes = List.copyOf(names);
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window must be > 0, but was " + window);
    }
    this.window = window;
    this.floor = floor;
    if (writeHeader) {
      out.write(HEADER);
      out.write('\n');
      out.flush();
    }
  }

  /**
   * Records to {@code file}, creating it (and its folders) or appending to a trace this recorder
   * wrote before.
   *
   * @param file the trace to write
   * @param jobClasses the classes to record (the controller's)
   * @param window what the first observation of each class covers: the tick interval
   * @return a recorder to add to the controller as a listener
   * @throws IllegalArgumentException if the file exists but is not such a trace
   * @throws UncheckedIOException if the file cannot be read or opened for writing
   */
  public static TraceRecorder open(Path file, Collection<JobClass> jobClasses, Duration window) {
    Objects.requireNonNull(file, "file");
    try {
      Instant last = null;
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      if (!fresh) {
        last = lastTimestamp(file);
      } else if (file.toAbsolutePath().getParent() != null) {
        Files.createDirectories(file.toAbsolutePath().getParent());
      }
      Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      return new TraceRecorder(file.toString(), w, jobClasses, window, last, fresh);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record a trace to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records to {@code out} (a new trace: the header first). Closing the recorder closes it.
   *
   * @param out where the trace goes
   * @param jobClasses the classes to record (the controller's)
   * @param window what the first observation of each class covers: the tick interval
   * @return a recorder to add to the controller as a listener
   */
  public static TraceRecorder to(Writer out, Collection<JobClass> jobClasses, Duration window) {
    Objects.requireNonNull(out, "out");
    try {
      return new TraceRecorder("writer", out instanceof BufferedWriter ? out : new BufferedWriter(out), jobClasses,
          window, null, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a trace header: " + e.getMessage(), e);
    }
  }

  private static Instant lastTimestamp(Path file) throws IOException {
    String header = null;
    String lastRow = null;
    long line = 0;
    long lastLine = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        line++;
        String s = l.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        if (header == null) {
          header = s;
        } else {
          lastRow = s;
          lastLine = line;
        }
      }
    }
    if (!HEADER.equals(header)) {
      throw new IllegalArgumentException(file + ":1: a trace to append to must start with the header " + HEADER
          + ", but was '" + header + "'");
    }
    if (lastRow == null) {
      return null;
    }
    String ts = lastRow.substring(0, Math.max(0, lastRow.indexOf(',')));
    try {
      return Instant.parse(ts);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(file + ":" + lastLine + ": timestamp must be ISO-8601, but was '" + ts + "'", e);
    }
  }

  @Override
  public void onTick(TickReport report) {
    if (failed || closed) {
      return;
    }
    try {
      record(report);
      out.flush();
    } catch (IOException | RuntimeException e) {
      failed = true;
      LOG.error("recording the trace to {} failed; recording stops: {}", target, e.toString());
    }
  }

  private void record(TickReport report) throws IOException {
    Map<String, Reading> byName = new HashMap<>();
    for (Reading r : report.readings()) {
      byName.put(r.name(), r);
    }
    for (String c : classes) {
      Reading s = byName.get(SignalNames.serviceTime(c));
      if (s != null) {
        service.put(c, s.value());
      }
      Reading a = byName.get(SignalNames.arrivals(c));
      if (a == null) {
        if (warned.add(c)) {
          LOG.warn("trace {}: no {} in the readings; class {} is not recorded until it has one", target,
              SignalNames.arrivals(c), c);
        }
        continue;
      }
      Instant end = a.observedAt();
      Instant prev = lastObserved.get(c);
      if (prev != null && !end.isAfter(prev)) {
        continue;
      }
      lastObserved.put(c, end);
      Instant start = prev != null ? prev : end.minus(window);
      double seconds = Duration.between(start, end).toNanos() / 1e9;
      Double svc = service.get(c);
      add(start, end, c, a.value() * seconds, svc == null ? Double.NaN : svc);
    }
  }

  private void add(Instant start, Instant end, String cls, double count, double serviceSeconds) throws IOException {
    Instant at = start;
    if (pendingAt != null && at.isBefore(pendingAt)) {
      at = pendingAt;
    }
    if (pendingAt == null && floor != null && !at.isAfter(floor)) {
      LOG.warn("trace {}: dropping {} jobs of {} in the window from {}: it goes back before the last row, at {}",
          target, count, cls, start, floor);
      return;
    }
    if (pendingAt != null && at.isAfter(pendingAt)) {
      flushPending();
    }
    if (pendingAt == null) {
      pendingAt = at;
      pendingEnd = end;
    }
    if (end.isAfter(pendingEnd)) {
      pendingEnd = end;
    }
    double[] row = pending.computeIfAbsent(cls, k -> new double[] {0, Double.NaN});
    row[0] += count;
    if (!Double.isNaN(serviceSeconds)) {
      row[1] = serviceSeconds;
    }
  }

  private void flushPending() throws IOException {
    if (pendingAt == null) {
      return;
    }
    String ts = pendingAt.toString();
    for (String c : classes) {
      double[] row = pending.get(c);
      if (row != null) {
        writeRow(ts, c, row[0], row[1]);
      }
    }
    floor = pendingAt;
    pending.clear();
    pendingAt = null;
  }

  private void writeRow(String ts, String cls, double count, double serviceSeconds) throws IOException {
    out.write(ts);
    out.write(',');
    out.write(cls);
    out.write(',');
    out.write(number(count));
    out.write(',');
    if (!Double.isNaN(serviceSeconds)) {
      out.write(number(serviceSeconds));
    }
    out.write('\n');
  }

  /** Six decimals at most, no trailing zeros: a rate times its window gives back the whole count. */
  static String number(double v) {
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  /** Writes the held rows and a row of zeros where their window ends, then closes the file. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!failed && pendingAt != null) {
        Instant end = pendingEnd.isAfter(pendingAt) ? pendingEnd : pendingAt.plus(window);
        Set<String> recorded = new HashSet<>(pending.keySet());
        flushPending();
        for (String c : classes) {
          if (recorded.contains(c)) {
            Double s = service.get(c);
            writeRow(end.toString(), c, 0, s == null ? Double.NaN : s);
          }
        }
      }
      out.close();
    } catch (IOException e) {
      if (failed) {
        LOG.warn("closing the trace {} after its failure: {}", target, e.toString());
        return;
      }
      throw new UncheckedIOException("cannot finish the trace " + target + ": " + e.getMessage(), e);
    }
  }
}
