package dev.governor.simulation.trace;

/** A trace row that cannot be read. The message is {@code source:line: reason}. */
public final class TraceFormatException extends IllegalArgumentException {
  private final String source;
  private final long line;
  private final String reason;

  public TraceFormatException(String source, long line, String reason) {
    super(source + ":" + line + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  public String source() {
    return source;
  }

  public long line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
