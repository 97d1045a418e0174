package dev.governor.simulation.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Output and execution flags shared by every command. */
final class ReplayOptions {
  @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table",
      description = "Output on stdout: a table, one JSON array of report objects, or CSV. Default: ${DEFAULT-VALUE}")
  String format;

  @Option(names = "--report", paramLabel = "DIR",
      description = "Also write DIR/report.html (self-contained charts), DIR/timeseries.csv and DIR/summary.json.")
  Path report;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
      description = "Runs at once (each run is single-threaded). Default: ${DEFAULT-VALUE}")
  int threads;

  @Option(names = "--progress", paramLabel = "auto|always|never", defaultValue = "auto",
      description = "Progress bar on stderr for runs longer than 2 s; auto = when TERM is set and CI is not. Default: ${DEFAULT-VALUE}")
  String progress;

  @Option(names = "--wide", description = "Every column in the table (default: the ones that fit 120 columns).")
  boolean wide;

  @Option(names = {"-q", "--quiet"}, description = "No per-run timing lines on stderr.")
  boolean quiet;

  Output.Format format() {
    return switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "table" -> Output.Format.TABLE;
      case "json" -> Output.Format.JSON;
      case "csv" -> Output.Format.CSV;
      default -> throw new IllegalArgumentException("format must be one of [table, json, csv], but was '" + format + "'");
    };
  }

  boolean progressEnabled() {
    return switch (progress.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> Progress.auto();
      default -> throw new IllegalArgumentException("progress must be one of [auto, always, never], but was '" + progress + "'");
    };
  }
}
