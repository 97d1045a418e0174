package dev.governor.policy;

import java.util.Objects;

/**
 * One line of an explanation: which input or rule ({@code source}) said what.
 *
 * @param source e.g. {@code uploads.backlog}, {@code burst}, {@code forecast}
 * @param message human-readable, with the numbers that drove it
 */
public record Reason(String source, String message) {
  /**
   * Validates the reason.
   *
   * @param source which input or rule said it (not null)
   * @param message what it said, with its numbers (not null)
   * @throws NullPointerException if either is null
   */
  public Reason {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /**
   * A reason; the same as the constructor.
   *
   * @param source which input or rule said it (not null)
   * @param message what it said, with its numbers (not null)
   * @return the reason
   */
  public static Reason of(String source, String message) {
    return new Reason(source, message);
  }
}
