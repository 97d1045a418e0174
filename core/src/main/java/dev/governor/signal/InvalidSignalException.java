package dev.governor.signal;

/** A signal value that cannot be trusted (NaN, infinite, negative). Names the signal and the rule. */
public final class InvalidSignalException extends IllegalArgumentException {
  private final String signal;

  public InvalidSignalException(String signal, double value, String rule) {
    super("signal '" + signal + "': " + rule);
    this.signal = signal;
  }

  public String signal() {
    return signal;
  }
}
