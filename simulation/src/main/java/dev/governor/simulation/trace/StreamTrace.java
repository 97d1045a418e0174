package dev.governor.simulation.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/** A CSV trace over a stream that is opened anew for every reader; gzip is sniffed from the magic bytes. */
final class StreamTrace implements Trace {
  private final String name;
  private final String source;
  private final Supplier<InputStream> in;

  StreamTrace(String name, String source, Supplier<InputStream> in) {
    this.name = name;
    this.source = source;
    this.in = in;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TraceReader open() {
    InputStream raw = in.get();
    try {
      return new CsvTraceReader(source, new BufferedReader(new InputStreamReader(decompress(raw), StandardCharsets.UTF_8),
          1 << 16));
    } catch (IOException e) {
      try {
        raw.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new UncheckedIOException("cannot read trace " + source + ": " + e.getMessage(), e);
    }
  }

  /** Gzip if the stream starts with 0x1f 0x8b, whatever the file is called. */
  static InputStream decompress(InputStream raw) throws IOException {
    BufferedInputStream b = new BufferedInputStream(raw, 1 << 16);
    b.mark(2);
    int b0 = b.read();
    int b1 = b.read();
    b.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      return new GZIPInputStream(b, 1 << 16);
    }
    return b;
  }

  @Override
  public String toString() {
    return "Trace[" + source + "]";
  }
}
