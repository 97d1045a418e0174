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
  /**
   * Validates the lease; a negative {@code remaining} becomes zero.
   *
   * @param holder the holder's id, or {@code ""}
   * @param epoch the lease's epoch, {@code >= 0}
   * @param held whether the asker is the holder
   * @param remaining how long the lease stays valid
   * @throws NullPointerException if {@code holder} or {@code remaining} is null
   * @throws IllegalArgumentException if {@code epoch} is negative, or the lease is held with no
   *     holder or epoch 0
   */
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

  /**
   * Nobody holds the lease and nobody ever did.
   *
   * @return holder {@code ""}, epoch 0, not held, no time remaining
   */
  public static Lease vacant() {
    return new Lease("", 0, false, Duration.ZERO);
  }

  /**
   * Whether the lease is valid: someone holds it and it has not expired.
   *
   * @return true if {@code holder} is not empty and {@code remaining > 0}
   */
  public boolean active() {
    return !holder.isEmpty() && remaining.compareTo(Duration.ZERO) > 0;
  }
}
