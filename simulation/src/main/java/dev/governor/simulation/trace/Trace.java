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
 * comparison sees the same rows.
 *
 * <p>CSV formats (gzip is detected from the content, not the name):
 * <ul>
 *   <li>{@code timestamp,count} — one class ({@value TraceRow#DEFAULT_CLASS}); the interval of a row
 *       runs to the next row's timestamp (the last row keeps the step before it);
 *   <li>{@code timestamp,class,count} — several classes; rows of one timestamp form one interval;
 *   <li>{@code timestamp,class,service_s} — one row per recorded job, arriving at its timestamp.
 * </ul>
 * Timestamps are ISO-8601 ({@code 1995-07-01T04:00:00Z}, an offset, or a local time read as UTC)
 * or epoch seconds. The header line is optional for {@code timestamp,count} and names the third
 * column otherwise. Blank lines and lines starting with {@code #} are skipped; every other line is
 * a row or fails with {@code file:line: reason} — nothing is dropped silently.
 */
public interface Trace {
  /** Traces shipped inside this jar (see {@code traces/README.md} for sources and terms). */
  List<String> BUNDLED = List.of("nasa_http_jul1995_1min.csv", "wikipedia_en_2012_1h.csv",
      "nab_aws_elb_requests_2014_5min.csv", "nab_twitter_aapl_2015_5min.csv");

  /** A short name for reports (the file name for files). */
  String name();

  /** A fresh reader positioned at the first row. */
  TraceReader open();

  /** A CSV file (plain or gzip). */
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

  /** A CSV read from a stream supplier (called once per {@link #open()}). */
  static Trace csv(String name, java.util.function.Supplier<InputStream> in) {
    return new StreamTrace(name, name, in);
  }

  /** A trace shipped in this jar, e.g. {@code nasa_http_jul1995_1min.csv}. */
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

  /** A file if {@code pathOrName} exists, else (for a bare name) a bundled trace of that name. */
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

  /** Rows held in memory (tests, generated load). They must be in non-decreasing start order. */
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
   * The rows whose start lies in {@code [from, until)}; either bound may be null (open).
   * Rows are kept whole: an interval starting before {@code until} keeps its full length.
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
