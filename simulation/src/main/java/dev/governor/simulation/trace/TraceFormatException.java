package dev.governor.simulation.trace;

/**
 * A trace line that cannot be read as a row of its format. The message is
 * {@code source:line: reason}, e.g. {@code day.csv:17: count must be a non-negative number, but
 * was 'x'}; the parts are also available on their own. An {@link IllegalArgumentException}, so
 * callers that treat bad input alike need not know it.
 */
public final class TraceFormatException extends IllegalArgumentException {
  /** The file or resource the bad line came from (part of the serialized form). */
  private final String source;
  /** The 1-based line number in {@link #source} (part of the serialized form). */
  private final long line;
  /** What is wrong with the line, without the location prefix (part of the serialized form). */
  private final String reason;

  /**
   * A failure at one line of a trace.
   *
   * @param source the file or resource the line was read from, as it should appear in the message
   * @param line the 1-based line number in the source (comments and blank lines counted)
   * @param reason what is wrong, naming the rule and the value found
   */
  public TraceFormatException(String source, long line, String reason) {
    super(source + ":" + line + ": " + reason);
    this.source = source;
    this.line = line;
    this.reason = reason;
  }

  /**
   * The file or resource the bad line came from.
   *
   * @return the source as given to the constructor (a path for files)
   */
  public String source() {
    return source;
  }

  /**
   * Where in the source the bad line is.
   *
   * @return the 1-based line number, comments and blank lines counted
   */
  public long line() {
    return line;
  }

  /**
   * What is wrong with the line, without the {@code source:line: } prefix.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
