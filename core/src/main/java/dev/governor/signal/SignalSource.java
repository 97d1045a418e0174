package dev.governor.signal;

import java.time.Instant;
import java.util.Collection;

/**
 * Where readings come from: SQS attributes, CloudWatch metrics, a simulator, a test. A source
 * is called once per tick with the tick's time and must not read a clock itself. It reports
 * what it has; missing signals are handled by staleness rules, not by exceptions. A source that
 * cannot reach its backend at all may throw; the controller then treats every signal of the
 * tick as missing (which forbids scale-in) and records the error.
 */
@FunctionalInterface
public interface SignalSource {
  /**
   * Reports the signals as they are at the tick.
   *
   * @param now the tick's time; a source must not read a clock of its own
   * @return the readings it has, each stamped with when its value was true; an absent signal is
   *     missing, not an error
   */
  Collection<Reading> read(Instant now);

  /**
   * Combines sources into a {@link CompositeSignalSource}, read in argument order. When two report
   * the same name, the {@link Snapshot} keeps the newest observation that is not from the future
   * (the later source's on a tie).
   *
   * @param sources the sources, at least one
   * @return the combined source
   * @throws NullPointerException if {@code sources} or one of them is null
   * @throws IllegalArgumentException if no source is given
   */
  static SignalSource composite(SignalSource... sources) {
    return new CompositeSignalSource(java.util.List.of(sources));
  }
}
