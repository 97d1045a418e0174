package dev.governor.aws;

import dev.governor.aws.internal.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a draining instance may stay busy, and what happens after that.
 *
 * <p>The drain starts at the instance's {@code governor:draining-since} tag; a missing, garbled or
 * future tag starts it when the controller (or the worker) first sees the drain, never "long ago",
 * which under {@link Rule#TERMINATE} would end a busy worker's jobs on a tag nobody can read. The
 * rest of the deadline is counted in the time between successive reads, with a jump of the clock
 * counting at most 5 minutes and a step back nothing, so clock steps neither end a drain early nor
 * postpone it by their size (a host reading less often than every 5 minutes sees drains last longer).
 *
 * <p>A worker that never reports its busy slots counts as fully busy, so with {@link Rule#WAIT} its
 * drain never ends: pools without a {@link DrainingWorker} should use {@link Rule#TERMINATE}.
 *
 * @param deadline time from the start of draining after which the drain is overdue (&gt; 0)
 * @param rule what to do with an overdue drain
 */
public record DrainDeadline(Duration deadline, Rule rule) {
  /** The deadline of {@link #ofDefaults()}: 30 minutes from the start of draining. */
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

  /**
   * Validates the deadline.
   *
   * @param deadline time from the start of draining after which the drain is overdue (&gt; 0)
   * @param rule what to do with an overdue drain
   * @throws NullPointerException if {@code deadline} or {@code rule} is null
   * @throws IllegalArgumentException if {@code deadline} is zero or negative
   */
  public DrainDeadline {
    Checks.positive("deadline", deadline);
    Objects.requireNonNull(rule, "rule");
  }

  /**
   * The default: {@link #DEFAULT_DEADLINE} (30 min), then {@link Rule#WAIT}, so a busy worker is
   * never killed; an overdue drain is only reported.
   *
   * @return the default drain deadline
   */
  public static DrainDeadline ofDefaults() {
    return new DrainDeadline(DEFAULT_DEADLINE, Rule.WAIT);
  }

  /**
   * An overdue drain, as reported to a listener ({@code onOverdueDrain} of the actuators' builders):
   * once per drain, at the first fleet read that finds the instance still busy past its deadline.
   *
   * @param instanceId the draining instance's EC2 id
   * @param drainingSince when its drain counts as started: its {@code governor:draining-since} tag,
   *     or when the controller first saw it draining if the tag was missing, garbled or in the future
   * @param now the time of the fleet read that found it overdue
   * @param busySlots busy slots its worker still reports (&gt; 0; an instance without a report counts
   *     as fully busy)
   * @param rule the rule applied to it: under {@link Rule#TERMINATE} it is reported idle from then on,
   *     so the next tick terminates it
   */
  public record Overdue(String instanceId, Instant drainingSince, Instant now, int busySlots, Rule rule) {}
}
