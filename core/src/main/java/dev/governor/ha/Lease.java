package dev.governor.ha;

import java.time.Duration;
import java.util.Objects;

/**
 * A leader lease as one candidate saw it when it last asked: who holds it, under which epoch,
 * whether the asker is that holder, and how long it stays valid.
 *
 * <p>{@code remaining} is measured by the lease's own authority (the database's clock for the
 * PostgreSQL lease), from the moment the request was answered. A caller turns it into a deadline
 * on its own clock by adding it to the time it read <em>before</em> sending the request, which can
 * only make the deadline earlier than the true one, never later.
 *
 * @param holder the id of the candidate that holds the lease, or {@code ""} when nobody does
 * @param epoch the lease's epoch: 1 for the first leader, one more for each new leader; 0 when
 *     nobody ever held it. A holder that renews keeps its epoch.
 * @param held whether the candidate that asked is the holder
 * @param remaining how long the lease stays valid (zero when expired or never held; never negative)
 */
public record Lease(String holder, long epoch, boolean held, Duration remaining) {
  public Lease {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(remaining, "remaining");
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0, but was " + epoch);
    }
    if (remaining.isNegative()) {
      remaining = Duration.ZERO;
    }
    if (held && (holder.isEmpty() || epoch == 0)) {
      throw new IllegalArgumentException("a held lease must name its holder and an epoch >= 1, but was holder '" + holder
          + "', epoch " + epoch);
    }
  }

  /** Nobody holds the lease and nobody ever did. */
  public static Lease vacant() {
    return new Lease("", 0, false, Duration.ZERO);
  }

  /** True while the lease is valid: someone holds it and it has not expired. */
  public boolean active() {
    return !holder.isEmpty() && remaining.compareTo(Duration.ZERO) > 0;
  }
}
