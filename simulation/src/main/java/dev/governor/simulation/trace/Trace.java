package dev.governor.simulation.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Recorded (or generated) arrivals, read as a stream of {@link TraceRow}s in time order. A trace
 * can be opened any number of times; each reader replays it from the start, so every policy of a
 * comparison sees the same rows. Implementations made by the factories here are immutable and may
 * be shared between threads; each {@link TraceReader} is for one thread.
 *
 * <h2>CSV formats</h2>
 * UTF-8 text, one row per line, fields separated by commas (no quoting; spaces around a field are
 * ignored). Gzip is detected from the content (the bytes {@code 1f 8b}), not from the name. The
 * first line that is neither blank nor a comment decides the format:
 * <ul>
 *   <li>{@code timestamp,count} — one class ({@value TraceRow#DEFAULT_CLASS}); {@code count} jobs
 *       arrive in the interval from the row's timestamp to the next row's. Timestamps must strictly
 *       increase. The header line is optional (a first line whose first field is a timestamp is
 *       data).
 *   <li>{@code timestamp,class,count} — several classes; the rows of one timestamp form one
 *       interval, in which each class appears at most once. Timestamps must not decrease. The third
 *       header column may also be called {@code jobs} or {@code arrivals}.
 *   <li>{@code timestamp,class,service_s} — job-level: one row per recorded job, arriving exactly at
 *       its timestamp, with its service time in seconds. Timestamps must not decrease.
 *   <li>{@code timestamp,class,count,service_s} — what {@code dev.governor.TraceRecorder} writes:
 *       class counts as above, with the window's mean service time in seconds, which every job of
 *       the row then takes (an empty {@code service_s} means unknown: the scenario draws it).
 * </ul>
 * The three- and four-column formats need their header line; header names are case-insensitive.
 * <ul>
 *   <li>Intervals: a row's interval runs to the next distinct timestamp; the last timestamp's rows
 *       keep the step before them, and a trace with a single timestamp gets a 60 s step.
 *   <li>Timestamps: ISO-8601 ({@code 1995-07-01T04:00:00Z}, with an offset, a local date-time read
 *       as UTC, or a date meaning its midnight UTC) or epoch seconds; see {@link Timestamps#parse}.
 *   <li>{@code count} and {@code service_s}: finite numbers {@code >= 0}; a fractional count is
 *       resolved by the simulator's seeded random rounding (the expected number of jobs is exact).
 *   <li>{@code class}: a job class name per {@link dev.governor.fleet.JobClass#isValidName} (an SQS
 *       queue name: {@value dev.governor.fleet.JobClass#NAME_RULE}).
 *   <li>Blank lines and lines starting with {@code #} (after leading spaces) are skipped
 *       anywhere; a byte-order mark before a header or row on the file's first line is ignored.
 * </ul>
 * Every other line is a row or fails with a {@link TraceFormatException} whose message is
 * {@code file:line: reason} (the line counted in the file, comments and blank lines included) —
 * nothing is dropped silently. A file that cannot be read fails with an
 * {@link UncheckedIOException} naming it.
 */
public interface Trace {
  /**
   * File names of the traces shipped inside this jar (under {@code traces/} on the class path; see
   * {@code traces/README.md} for their sources and terms), for {@link #bundled} and {@link #resolve}.
   */
  List<String> BUNDLED = List.of("nasa_http_jul1995_1min.csv", "wikipedia_en_2012_1h.csv",
      "nab_aws_elb_requests_2014_5min.csv", "nab_twitter_aapl_2015_5min.csv");

  /**
   * The name reports show for this trace.
   *
   * @return a short name: the file name (without directories) for a file, the resource name for a
   *     bundled trace, the given name otherwise
   */
  String name();

  /**
   * Opens the trace from its start. Rows are read, and checked, lazily: a bad row fails on the
   * {@link TraceReader#next()} that reaches it.
   *
   * @return a fresh reader positioned at the first row; the caller closes it
   * @throws UncheckedIOException if the underlying file or stream cannot be opened
   */
  TraceReader open();

  /**
   * A CSV file in one of the formats of the class comment, plain or gzip. The file is opened anew
   * by every {@link #open()}; nothing is read here.
   *
   * @param path the file
   * @return the trace, named after the file name
   * @throws NullPointerException if {@code path} is null
   */
  static Trace csv(Path path) {
    Objects.requireNonNull(path, "path");
    String name = path.getFileName().toString();
    return new StreamTrace(name, path.toString(), () -> {
      try {
        return Files.newInputStream(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read trace " + path + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * A CSV in one of the formats of the class comment (plain or gzip), read from a stream supplier.
   *
   * @param name the trace's name, also the source named in error messages
   * @param in called once per {@link #open()} for a fresh stream positioned at the start; the
   *     reader closes it
   * @return the trace
   */
  static Trace csv(String name, java.util.function.Supplier<InputStream> in) {
    return new StreamTrace(name, name, in);
  }

  /**
   * A trace shipped in this jar.
   *
   * @param name one of {@link #BUNDLED}, e.g. {@code nasa_http_jul1995_1min.csv}
   * @return the trace
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if no bundled trace has that name
   */
  static Trace bundled(String name) {
    Objects.requireNonNull(name, "name");
    if (Trace.class.getClassLoader().getResource("traces/" + name) == null) {
      throw new IllegalArgumentException("bundled trace must be one of " + BUNDLED + ", but was '" + name + "'");
    }
    return new StreamTrace(name, "traces/" + name, () -> {
      InputStream in = Trace.class.getClassLoader().getResourceAsStream("traces/" + name);
      if (in == null) {
        throw new UncheckedIOException(new IOException("bundled trace " + name + " is missing from the jar"));
      }
      return in;
    });
  }

  /**
   * The trace a user names on the command line or in a scenario file: a file if
   * {@code pathOrName} is a regular file, else, for a bare name without directories, the bundled
   * trace of that name.
   *
   * @param pathOrName a file path, or one of {@link #BUNDLED}
   * @return the trace
   * @throws NullPointerException if {@code pathOrName} is null
   * @throws IllegalArgumentException if it is neither a readable file nor a bundled trace (the
   *     message lists the bundled ones)
   */
  static Trace resolve(String pathOrName) {
    Objects.requireNonNull(pathOrName, "trace");
    Path p = Path.of(pathOrName);
    if (Files.isRegularFile(p)) {
      return csv(p);
    }
    if (p.getParent() == null && Trace.class.getClassLoader().getResource("traces/" + pathOrName) != null) {
      return bundled(pathOrName);
    }
    throw new IllegalArgumentException("trace must be a readable file or one of the bundled traces " + BUNDLED
        + ", but was '" + pathOrName + "'");
  }

  /**
   * Rows held in memory (tests, generated load), replayed as given. A row whose
   * {@link TraceRow#line()} is 0 is read with its 1-based position in the list instead.
   *
   * @param name the trace's name
   * @param rows the rows, in non-decreasing {@link TraceRow#start()} order (copied)
   * @return the trace
   * @throws NullPointerException if {@code name}, {@code rows} or a row is null
   * @throws IllegalArgumentException if a row starts before the row before it (naming both)
   */
  static Trace of(String name, List<TraceRow> rows) {
    Objects.requireNonNull(name, "name");
    List<TraceRow> copy = List.copyOf(rows);
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i).start().isBefore(copy.get(i - 1).start())) {
        throw new IllegalArgumentException("rows must be in non-decreasing start order, but row " + i + " ("
            + copy.get(i).start() + ") is before row " + (i - 1) + " (" + copy.get(i - 1).start() + ")");
      }
    }
    return new Trace() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public TraceReader open() {
        return new TraceReader() {
          int i;

          @Override
          public TraceRow next() {
            if (i >= copy.size()) {
              return null;
            }
            TraceRow r = copy.get(i++);
            return r.line() == 0 ? r.withLine(i) : r;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  /**
   * This trace cut to the rows whose start lies in {@code [from, until)}. Rows are kept whole: an
   * interval starting before {@code until} keeps its full length, and one starting before
   * {@code from} is dropped whole. Reading stops at the first row at or after {@code until}.
   *
   * @param from the first instant kept (inclusive), or null for the trace's start
   * @param until the end (exclusive), or null for the trace's end
   * @return the window, with this trace's name; this trace itself when both bounds are null
   * @throws IllegalArgumentException if both bounds are given and {@code until} is not after
   *     {@code from}
   */
  default Trace window(Instant from, Instant until) {
    if (from == null && until == null) {
      return this;
    }
    if (from != null && until != null && !until.isAfter(from)) {
      throw new IllegalArgumentException("until must be after from (" + from + "), but was " + until);
    }
    Trace base = this;
    return new Trace() {
      @Override
      public String name() {
        return base.name();
      }

      @Override
      public TraceReader open() {
        TraceReader in = base.open();
        return new TraceReader() {
          boolean done;

          @Override
          public TraceRow next() {
            while (!done) {
              TraceRow r = in.next();
              if (r == null || until != null && !r.start().isBefore(until)) {
                done = true;
                return null;
              }
              if (from == null || !r.start().isBefore(from)) {
                return r;
              }
            }
            return null;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }
}
