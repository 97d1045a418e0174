package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a draining instance may stay busy, and what happens after that.
 *
 * @param deadline time from the start of draining after which the drain is overdue (&gt; 0)
 * @param rule what to do with an overdue drain
 */
public record DrainDeadline(Duration deadline, Rule rule) {
  public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

  /** What happens to a drain that outlives its deadline. It is always reported (logged, and to the listener). */
  public enum Rule {
    /** Keep waiting for the worker to become idle (default: never kill a busy worker unless told to). */
    WAIT,
    /**
     * Treat the instance as idle so the next tick terminates it; its jobs return to the queue when
     * their visibility timeout expires, so none is lost, but they start over.
     */
    TERMINATE
  }

  public DrainDeadline {
    Checks.positive("deadline", deadline);
    Objects.requireNonNull(rule, "rule");
  }

  public static DrainDeadline ofDefaults() {
    return new DrainDeadline(DEFAULT_DEADLINE, Rule.WAIT);
  }

  public boolean isOverdue(Instant since, Instant now) {
    return since != null && now.isAfter(since.plus(deadline));
  }

  /** An overdue drain, as reported to a listener. */
  public record Overdue(String instanceId, Instant drainingSince, Instant now, int busySlots, Rule rule) {}
}
