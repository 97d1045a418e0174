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
 * one-line {@link TickReport#summary()} kept for the report page. Add it to one run with
 * {@code Simulation.withListener}; {@link #close()} after the run.
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

  /** Opens (truncates) {@code file} for the decisions of {@code policy} on {@code trace}; fails at once if it cannot. */
  public static DecisionLog open(Path file, String trace, String policy) {
    try {
      return new DecisionLog(trace, policy, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the decision log " + file + ": " + e.getMessage(), e);
    }
  }

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

  /** Flushes and closes the file; an earlier write failure is thrown here. */
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

  /** The trace the decisions were made on. */
  public String trace() {
    return trace;
  }

  /** The policy that made them. */
  public String policy() {
    return policy;
  }

  /** The JSON-lines file. */
  public Path file() {
    return file;
  }

  /** Each tick's instant, epoch milliseconds. */
  public List<Long> at() {
    return java.util.Collections.unmodifiableList(at);
  }

  /** Each tick's summary line, parallel to {@link #at()}. */
  public List<String> lines() {
    return java.util.Collections.unmodifiableList(lines);
  }
}
