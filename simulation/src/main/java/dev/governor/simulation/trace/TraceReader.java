package dev.governor.simulation.trace;

/**
 * A cursor over a trace, in non-decreasing order of {@link TraceRow#start()}. Streaming: only the
 * current rows are held. Not thread-safe; each {@link Trace#open()} returns an independent reader.
 */
public interface TraceReader extends AutoCloseable {
  /**
   * Reads the next row.
   *
   * @return the next row, or {@code null} at the end (and on every later call)
   * @throws TraceFormatException on a bad row, naming the file, the line and the reason
   * @throws java.io.UncheckedIOException when the underlying file cannot be read
   */
  TraceRow next();

  /**
   * Releases the underlying file or stream. Unlike {@link AutoCloseable#close()} it throws no
   * checked exception.
   *
   * @throws java.io.UncheckedIOException if the underlying stream fails to close
   */
  @Override
  void close();
}
