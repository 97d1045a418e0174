package dev.governor.examples;

import dev.governor.TickListener;
import dev.governor.TickReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every tick through slf4j — the one-line {@link TickReport#summary()} at INFO, the full
 * {@link TickReport#toJson()} at DEBUG — and, given a file, appends each report's JSON as one
 * line to it (the decision log: {@link TickReport#fromJson} reads a line back). A write that fails
 * throws, and the controller names it as a {@code listener:} error in the report {@code tick()} returns; it
 * never stops the tick.
 */
public final class DecisionLog implements TickListener, AutoCloseable {
  /** The slf4j logger name: {@code governor.decisions}. */
  public static final String LOGGER = "governor.decisions";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final BufferedWriter jsonLines;

  private DecisionLog(BufferedWriter jsonLines) {
    this.jsonLines = jsonLines;
  }

  /** Logs through slf4j only. */
  public static DecisionLog toLogger() {
    return new DecisionLog(null);
  }

  /** Logs through slf4j and appends one JSON line per tick to {@code file} (created if missing). */
  public static DecisionLog toLoggerAndFile(Path file) {
    try {
      return new DecisionLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new UncheckedIOException("decision log " + file + " cannot be opened for appending", e);
    }
  }

  @Override
  public synchronized void onTick(TickReport report) {
    LOG.info("{}", report.summary());
    String json = report.toJson();
    LOG.debug("{}", json);
    if (jsonLines != null) {
      try {
        jsonLines.write(json);
        jsonLines.newLine();
        jsonLines.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("decision log write failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (jsonLines != null) {
      try {
        jsonLines.close();
      } catch (IOException e) {
        throw new UncheckedIOException("decision log close failed", e);
      }
    }
  }
}
