package dev.governor.state;

/**
 * A state store shared by the controllers of one pool whose writes are fenced by the leader
 * lease's epoch: once a leader of epoch {@code n} has {@linkplain #claim claimed} it, a write or an
 * action of an epoch below {@code n} is refused, so a deposed leader can change nothing.
 *
 * <p>Required by {@code Controller.Builder.leaderElection}. Implementations:
 * {@link InMemoryStateStore} (one process), {@code PostgresStateStore} (governor-ha-postgres).
 */
public interface FencedStateStore extends StateStore {
  /**
   * The store's current epoch: actions and writes of a lower epoch are refused.
   *
   * @return the highest epoch that has claimed or written the store (0 before any claim); a
   *     store that also sees the lease (PostgreSQL) includes the lease's epoch
   * @throws RuntimeException if the store cannot be reached; {@link dev.governor.ha.FencedActuator}
   *     then refuses the action
   */
  long epoch();

  /**
   * Raises the store's epoch to {@code epoch} (a new leader's first step, before it acts).
   *
   * @param epoch the new leader's lease epoch ({@code Lease.epoch()}), {@code >= 1}
   * @throws StaleEpochException if the store is already at a higher epoch, or (where the store can
   *     tell, as on PostgreSQL) the lease is not held under {@code epoch}
   */
  void claim(long epoch);

  /**
   * Saves {@code state} written under {@code epoch}, replacing the saved one.
   *
   * @param state the state to save
   * @param epoch the writing leader's lease epoch
   * @throws StaleEpochException if the store is at a higher epoch (or, where the store can tell,
   *     as on PostgreSQL, the lease is not at {@code epoch}): nothing was written
   */
  void save(ControllerState state, long epoch);
}
