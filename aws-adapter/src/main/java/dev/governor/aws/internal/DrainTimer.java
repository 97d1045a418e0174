package dev.governor.aws.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When each draining instance's drain deadline is up, safe against bad tags and clock steps.
 *
 * <p>At the first sight of a drain its start is taken from the {@code draining-since} tag when
 * that is a valid instant not after {@code now}; a missing, garbled or future tag means "draining
 * since now" (the first time this process saw it). Treating such a drain as overdue at once
 * would, under the TERMINATE rule, kill a busy worker on the strength of a tag nobody can read;
 * never overdue would let a drain run forever. The part of the deadline still to come is then
 * measured on {@link StepSafeElapsed#forMemory()} time, so a forward step of the clock cannot make
 * a drain overdue early and a step back cannot postpone it by the size of the step.
 */
public final class DrainTimer {
  private final Duration deadline;
  private final StepSafeElapsed elapsed = StepSafeElapsed.forMemory();
  private final Map<String, Entry> drains = new HashMap<>();

  private record Entry(Instant since, long dueAtNanos) {}

  public DrainTimer(Duration deadline) {
    this.deadline = Objects.requireNonNull(deadline, "deadline");
  }

  /** Call once per round (fleet read, worker refresh) with its time, before {@link #track}. */
  public void advance(Instant now) {
    elapsed.advance(now);
  }

  /**
   * Registers {@code id} as draining at its first sight and returns since when it counts as
   * draining; later calls return the same instant.
   */
  public Instant track(String id, Instant taggedSince, Instant now) {
    Entry e = drains.get(id);
    if (e == null) {
      Instant since = taggedSince != null && !taggedSince.isAfter(now) ? taggedSince : now;
      Duration left = Duration.between(now, since.plus(deadline));
      long leftNanos = left.isNegative() ? 0 : left.compareTo(Duration.ofDays(36_500)) > 0 ? Long.MAX_VALUE / 2 : left.toNanos();
      e = new Entry(since, elapsed.read() + leftNanos);
      drains.put(id, e);
    }
    return e.since();
  }

  /** Whether the drain of a {@link #track tracked} instance is past its deadline. */
  public boolean isOverdue(String id) {
    Entry e = drains.get(id);
    return e != null && elapsed.read() > e.dueAtNanos();
  }

  public void forget(String id) {
    drains.remove(id);
  }

  /** Forgets every drain but those of {@code ids} (instances gone from the fleet). */
  public void retainOnly(Collection<String> ids) {
    drains.keySet().retainAll(ids);
  }
}
