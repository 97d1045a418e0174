package dev.governor.ha;

import java.time.Duration;

/**
 * Chooses which of several controllers of one pool acts: the holder of a lease that expires
 * unless renewed. Each new holder gets a larger epoch, which it puts on every action and every
 * state write, so that a deposed holder's late action or write can be recognised and refused
 * (fencing).
 *
 * <p>One instance per candidate (it knows its own {@link #candidate() id}). Implementations keep
 * time with the lease's authority, never with the candidates' clocks: {@link InMemoryLeaderElection}
 * with the clock it is given, the PostgreSQL lease with {@code now()} of the database. Methods
 * may throw when the authority cannot be reached; the controller then counts itself a standby for
 * that tick (a leader that cannot confirm its lease does not act).
 *
 * <p>Contract:
 * <ul>
 *   <li>at most one candidate holds an unexpired lease at any instant of the authority's clock;
 *   <li>the epoch of a new holder is larger than every epoch before it; a holder that renews in
 *       time keeps its epoch, and so does one that takes back its own expired lease when no other
 *       candidate held it in between (nobody else can have acted);
 *   <li>{@link #renew} never takes a lease that another candidate holds or that has moved to a
 *       newer epoch.
 * </ul>
 */
public interface LeaderElection {
  /**
   * This candidate's id.
   *
   * @return the id, unique among the pool's controllers (e.g. host name and process id); what
   *     {@link Lease#holder()} names when this candidate holds the lease
   */
  String candidate();

  /**
   * How long a lease lasts after it is taken or renewed, on the authority's clock.
   *
   * @return the lease duration, {@code > 0}
   */
  Duration leaseDuration();

  /**
   * Takes the lease if it is vacant or expired, renews it if this candidate holds it, and
   * otherwise only reports who holds it.
   *
   * @return the lease after the call; {@link Lease#held()} says whether this candidate holds it,
   *     under {@link Lease#epoch()}
   * @throws RuntimeException if the authority cannot be reached
   */
  Lease acquire();

  /**
   * Extends the lease this candidate holds under {@code epoch}; the answer is not held if the
   * lease expired, moved to another candidate or to another epoch. Never takes a lease.
   *
   * @param epoch the epoch this candidate took the lease under (from {@link #acquire()})
   * @return the lease after the call; held only if it was renewed
   * @throws RuntimeException if the authority cannot be reached
   */
  Lease renew(long epoch);

  /**
   * Reports the lease without changing it.
   *
   * @return the lease as the authority sees it now, from this candidate's side
   * @throws RuntimeException if the authority cannot be reached
   */
  Lease observe();

  /**
   * Gives up the lease held under {@code epoch} (a clean shutdown), so a standby takes over at
   * once. Does nothing if this candidate does not hold it under {@code epoch}.
   *
   * @param epoch the epoch this candidate holds the lease under
   * @throws RuntimeException if the authority cannot be reached (the lease then expires on its own)
   */
  void release(long epoch);
}
