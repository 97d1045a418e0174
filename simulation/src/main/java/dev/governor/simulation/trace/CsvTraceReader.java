package dev.governor.simulation.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams a CSV trace. Interval rows are held back until the next timestamp is read, because a
 * row's interval runs to the next timestamp; only the rows of one timestamp are ever held.
 */
final class CsvTraceReader implements TraceReader {
  /** The step of a trace with a single timestamp, where no step can be seen. */
  static final double SINGLE_ROW_STEP_SECONDS = 60;

  private enum Kind {
    COUNTS("timestamp,count", 2), CLASS_COUNTS("timestamp,class,count", 3), JOBS("timestamp,class,service_s", 3),
    /** What {@code dev.governor.TraceRecorder} writes: counts with the window's mean service time (empty: unknown). */
    CLASS_COUNTS_SERVICE("timestamp,class,count,service_s", 4);

    final String columns;
    final int width;

    Kind(String columns, int width) {
      this.columns = columns;
      this.width = width;
    }
  }

  private final String source;
  private final BufferedReader in;
  private final ArrayDeque<TraceRow> ready = new ArrayDeque<>();
  private final List<TraceRow> group = new ArrayList<>(4);
  private final String[] fields = new String[4];
  private Kind kind;
  private long lineNo;
  private Instant groupStart;
  private Instant lastJob;
  private double lastStep = Double.NaN;
  private boolean eof;

  CsvTraceReader(String source, BufferedReader in) {
    this.source = source;
    this.in = in;
  }

  @Override
  public TraceRow next() {
    while (ready.isEmpty() && !eof) {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(source + ":" + (lineNo + 1) + ": cannot read: " + e.getMessage(), e);
      }
      if (line == null) {
        eof = true;
        flushGroup(Double.isNaN(lastStep) ? SINGLE_ROW_STEP_SECONDS : lastStep);
        break;
      }
      lineNo++;
      accept(line);
    }
    return ready.poll();
  }

  private void accept(String raw) {
    String line = raw.strip();
    if (line.isEmpty() || line.charAt(0) == '#') {
      return;
    }
    if (lineNo == 1 && line.charAt(0) == '\uFEFF') {
      line = line.substring(1).strip();
    }
    int n = split(line);
    if (kind == null) {
      if (Timestamps.parse(fields[0]) == null) {
        kind = fromHeader(n, line);
        return;
      }
      if (n == 2) {
        kind = Kind.COUNTS;
      } else if (n == 3 || n == 4) {
        throw fail("a " + n + "-column trace needs a header naming its columns (timestamp,class,count, "
            + "timestamp,class,service_s or timestamp,class,count,service_s), but the first line is data: '" + line + "'");
      } else {
        throw fail("expected 2 to 4 columns (timestamp,count | timestamp,class,count | timestamp,class,service_s | "
            + "timestamp,class,count,service_s), but found " + n + ": '" + line + "'");
      }
    }
    if (n != kind.width) {
      throw fail("expected " + kind.width + " columns (" + kind.columns + "), but found " + n + ": '" + line + "'");
    }
    Instant t = Timestamps.parse(fields[0]);
    if (t == null) {
      throw fail("timestamp must be ISO-8601 (e.g. 1995-07-01T04:00:00Z) or epoch seconds, but was '" + fields[0] + "'");
    }
    String cls = kind == Kind.COUNTS ? TraceRow.DEFAULT_CLASS : className(fields[1]);
    if (kind == Kind.JOBS) {
      if (lastJob != null && t.isBefore(lastJob)) {
        throw fail("timestamps must not go back, but " + t + " comes after " + lastJob);
      }
      lastJob = t;
      double service = number(fields[2], "service_s");
      ready.add(new TraceRow(t, 0, cls, 1, service, lineNo));
      return;
    }
    double count = number(kind == Kind.COUNTS ? fields[1] : fields[2], "count");
    double service = kind == Kind.CLASS_COUNTS_SERVICE && !fields[3].isEmpty() ? number(fields[3], "service_s")
        : Double.NaN;
    TraceRow row = new TraceRow(t, 0, cls, count, service, lineNo);
    if (groupStart == null) {
      groupStart = t;
      group.add(row);
      return;
    }
    int cmp = t.compareTo(groupStart);
    if (cmp < 0) {
      throw fail("timestamps must increase, but " + t + " comes after " + groupStart);
    }
    if (cmp == 0) {
      if (kind == Kind.COUNTS) {
        throw fail("timestamps must increase, but " + t + " appears twice");
      }
      for (TraceRow r : group) {
        if (r.jobClass().equals(cls)) {
          throw fail("class '" + cls + "' appears twice at " + t + " (first on line " + r.line() + ")");
        }
      }
      group.add(row);
      return;
    }
    double step = Duration.between(groupStart, t).toNanos() / 1e9;
    flushGroup(step);
    lastStep = step;
    groupStart = t;
    group.add(row);
  }

  private void flushGroup(double step) {
    for (TraceRow r : group) {
      ready.add(new TraceRow(r.start(), step, r.jobClass(), r.count(), r.serviceSeconds(), r.line()));
    }
    group.clear();
  }

  private Kind fromHeader(int n, String line) {
    if (n == 2) {
      return Kind.COUNTS;
    }
    if (n == 3) {
      String third = fields[2].toLowerCase(Locale.ROOT);
      if (third.equals("count") || third.equals("jobs") || third.equals("arrivals")) {
        return Kind.CLASS_COUNTS;
      }
      if (third.startsWith("service")) {
        return Kind.JOBS;
      }
    }
    if (n == 4 && fields[2].equalsIgnoreCase("count") && fields[3].toLowerCase(Locale.ROOT).startsWith("service")) {
      return Kind.CLASS_COUNTS_SERVICE;
    }
    throw fail("header must be timestamp,count or timestamp,class,count or timestamp,class,service_s or "
        + "timestamp,class,count,service_s, but was '" + line + "'");
  }

  private int split(String line) {
    int n = 0;
    int from = 0;
    while (true) {
      int comma = line.indexOf(',', from);
      String f = (comma < 0 ? line.substring(from) : line.substring(from, comma)).strip();
      if (n < fields.length) {
        fields[n] = f;
      }
      n++;
      if (comma < 0) {
        return n;
      }
      from = comma + 1;
    }
  }

  private String className(String s) {
    if (s.isEmpty()) {
      throw fail("class must not be empty");
    }
    if (!dev.governor.fleet.JobClass.isValidName(s)) {
      throw fail("class must be " + dev.governor.fleet.JobClass.NAME_RULE + ", but was '" + s + "'");
    }
    return s;
  }

  private double number(String s, String column) {
    long v = 0;
    int len = s.length();
    if (len > 0 && len < 16) {
      int i = 0;
      for (; i < len; i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        v = v * 10 + (c - '0');
      }
      if (i == len) {
        return v;
      }
    }
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) {
        throw fail(column + " must be a non-negative number, but was '" + s + "'");
      }
    }
    double d;
    try {
      d = Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw fail(column + " must be a non-negative number, but was '" + s + "'");
    }
    if (!Double.isFinite(d) || d < 0) {
      throw fail(column + " must be a non-negative number, but was '" + s + "'");
    }
    return d;
  }

  private TraceFormatException fail(String reason) {
    return new TraceFormatException(source, lineNo, reason);
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close trace " + source, e);
    }
  }
}
