package dev.governor.simulation.trace;

/**
 * A cursor over a trace, in non-decreasing order of {@link TraceRow#start()}. Streaming: only the
 * current rows are held. Not thread-safe; each {@link Trace#open()} returns an independent reader.
 */
public interface TraceReader extends AutoCloseable {
  /**
   * The next row, or {@code null} at the end.
   *
   * @throws TraceFormatException on a bad row, naming the file, the line and the reason
   * @throws java.io.UncheckedIOException when the underlying file cannot be read
   */
  TraceRow next();

  @Override
  void close();
}
