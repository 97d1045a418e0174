package dev.governor.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * How many jobs of a class were completed (their messages deleted) in a window. The SQS source
 * needs it to turn successive queue depths into an arrival rate: what arrived is what the queue
 * grew by plus what was taken out of it.
 *
 * <p>Two implementations: {@link #counter} over a cumulative count the workers report (exact and
 * immediate), and {@link CloudWatchCompletions} over SQS's {@code NumberOfMessagesDeleted} metric
 * (nothing to run on the workers, but minutes late: see {@link #lag()}).
 */
public interface CompletionSource {
  /**
   * Jobs of {@code jobClass} completed in {@code (from, to]}. {@link SqsSignalSource} asks with the
   * times of two of its queue reads, {@code from} before {@code to}.
   *
   * @param jobClass the job class, as configured on the SQS source
   * @param from start of the window (exclusive)
   * @param to end of the window (inclusive)
   * @return the number of jobs completed (finite, &gt;= 0), or empty when not known (an unknown class,
   *     a window that was not sampled, a counter reset, an unavailable metric); the arrival rate of
   *     that window is then not estimated
   */
  OptionalDouble completed(String jobClass, Instant from, Instant to);

  /**
   * Called at every fresh queue-attribute read, so a cumulative counter can be sampled at the same
   * instant. Does nothing by default.
   *
   * @param jobClass the job class whose queue was read
   * @param at the read's time, the same instant later passed to {@link #completed} as a window end
   */
  default void sample(String jobClass, Instant at) {}

  /**
   * How far behind real time the counts are; windows are only asked for once they are this old.
   *
   * @return the lag (&gt;= 0); zero by default
   */
  default Duration lag() {
    return Duration.ZERO;
  }

  /**
   * Over a cumulative, monotone count of completed jobs per class (for instance the sum of the
   * counters every worker reports to a store the host can read). Sampled at each queue read; a
   * count that goes down (a reset) makes that window unknown rather than negative. A sample
   * stamped before earlier ones (the clock stepped back) discards those later ones.
   *
   * <p>It keeps the 64 newest samples per class and answers only for windows whose two ends are
   * sampled instants; zero lag. Thread-safe.
   *
   * @param cumulativeByJobClass the cumulative count of completed jobs of a class, by class name;
   *     called once per {@link #sample}, on the thread that reads the queues
   * @return a completion source over that count
   * @throws NullPointerException if {@code cumulativeByJobClass} is null
   */
  static CompletionSource counter(ToLongFunction<String> cumulativeByJobClass) {
    Objects.requireNonNull(cumulativeByJobClass, "cumulativeByJobClass");
    return new CompletionSource() {
      private final Map<String, TreeMap<Instant, Long>> samples = new HashMap<>();

      @Override
      public synchronized void sample(String jobClass, Instant at) {
        TreeMap<Instant, Long> m = samples.computeIfAbsent(jobClass, k -> new TreeMap<>());
        // A sample older than the newest one means the clock stepped back: the later samples are
        // on the old time line, and keeping them would evict every new sample as "the oldest".
        m.tailMap(at, false).clear();
        m.put(at, cumulativeByJobClass.applyAsLong(jobClass));
        while (m.size() > 64) {
          m.pollFirstEntry();
        }
      }

      @Override
      public synchronized OptionalDouble completed(String jobClass, Instant from, Instant to) {
        TreeMap<Instant, Long> m = samples.get(jobClass);
        if (m == null || !m.containsKey(from) || !m.containsKey(to)) {
          return OptionalDouble.empty();
        }
        long d = m.get(to) - m.get(from);
        return d < 0 ? OptionalDouble.empty() : OptionalDouble.of(d);
      }
    };
  }
}
