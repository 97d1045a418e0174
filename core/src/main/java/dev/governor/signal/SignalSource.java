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
  Collection<Reading> read(Instant now);

  /** Combines sources; later sources win when two report the same name. */
  static SignalSource composite(SignalSource... sources) {
    return new CompositeSignalSource(java.util.List.of(sources));
  }
}
