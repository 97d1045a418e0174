package dev.governor.simulation.report;

import dev.governor.TickListener;
import dev.governor.TickReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy's decision log for a report: every tick's {@link TickReport} as one JSON line in a file
 * (written as the replay goes, so a month of ticks is never held as objects), and each tick's
 * one-line {@link TickReport#summary()} kept in memory for the report page (newlines replaced by
 * spaces). Add it to one run with {@link dev.governor.simulation.Simulation#withListener};
 * {@link #close()} after the run. A write failure never escapes {@link #onTick} (a listener must not break the replay): the first
 * one is kept and thrown by {@link #close()}. Not thread-safe: one run, one thread.
 */
public final class DecisionLog implements TickListener, AutoCloseable {
  private final String trace;
  private final String policy;
  private final Path file;
  private final BufferedWriter out;
  private final List<Long> at = new ArrayList<>();
  private final List<String> lines = new ArrayList<>();
  private IOException failure;

  private DecisionLog(String trace, String policy, Path file, BufferedWriter out) {
    this.trace = trace;
    this.policy = policy;
    this.file = file;
    this.out = out;
  }

  /**
   * Opens {@code file} for the decisions of {@code policy} on {@code trace}, creating it or
   * truncating it; fails at once if it cannot.
   *
   * @param file the JSON-lines file to write (its directory must exist)
   * @param trace the trace's name, as the report shows it
   * @param policy the policy's name, as the report shows it
   * @return the open log
   * @throws UncheckedIOException if the file cannot be opened for writing (naming it)
   */
  public static DecisionLog open(Path file, String trace, String policy) {
    try {
      return new DecisionLog(trace, policy, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the decision log " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records one tick: its instant and summary in memory, its {@link TickReport#toJson()} as one
   * line of the file. Never throws on a write failure (see the class comment).
   *
   * @param report the tick's report
   */
  @Override
  public void onTick(TickReport report) {
    at.add(report.at().toEpochMilli());
    lines.add(report.summary().replace('\n', ' '));
    if (failure == null) {
      try {
        out.write(report.toJson());
        out.write('\n');
      } catch (IOException e) {
        failure = e; // a listener must not throw; close() reports it
      }
    }
  }

  /**
   * Flushes and closes the file.
   *
   * @throws UncheckedIOException if a write in {@link #onTick} failed earlier, or the close fails
   *     (naming the file)
   */
  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot write the decision log " + file + ": " + failure.getMessage(), failure);
    }
  }

  /**
   * The trace the decisions were made on.
   *
   * @return the trace's name, as given to {@link #open}
   */
  public String trace() {
    return trace;
  }

  /**
   * The policy that made the decisions.
   *
   * @return the policy's name, as given to {@link #open}
   */
  public String policy() {
    return policy;
  }

  /**
   * The JSON-lines file the ticks are written to.
   *
   * @return the path given to {@link #open}
   */
  public Path file() {
    return file;
  }

  /**
   * Each recorded tick's instant.
   *
   * @return epoch milliseconds, one per tick in order; a read-only view that grows with the run
   */
  public List<Long> at() {
    return java.util.Collections.unmodifiableList(at);
  }

  /**
   * Each recorded tick's one-line summary.
   *
   * @return {@link TickReport#summary()} per tick, parallel to {@link #at()}; a read-only view that
   *     grows with the run
   */
  public List<String> lines() {
    return java.util.Collections.unmodifiableList(lines);
  }
}
