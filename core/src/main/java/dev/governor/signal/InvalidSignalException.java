package dev.governor.signal;

/**
 * A signal value that cannot be trusted (NaN, infinite, negative) or a reading without a usable
 * name. The message is {@code signal '<name>': <rule>}, e.g.
 * {@code signal 'queue.uploads.visible': value must be >= 0, but was -1.0}.
 */
public final class InvalidSignalException extends IllegalArgumentException {
  /** The name of the rejected signal. */
  private final String signal;

  /**
   * A rejection of {@code signal}'s {@code value} by {@code rule}.
   *
   * @param signal the signal's name
   * @param value the rejected value (the message takes it from {@code rule}, which states it)
   * @param rule what the value breaks, e.g. {@code value must be finite, but was Infinity}
   */
  public InvalidSignalException(String signal, double value, String rule) {
    super("signal '" + signal + "': " + rule);
    this.signal = signal;
  }

  /**
   * The signal that was rejected.
   *
   * @return its name, as given
   */
  public String signal() {
    return signal;
  }
}
