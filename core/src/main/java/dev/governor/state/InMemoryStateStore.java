package dev.governor.state;

import java.util.Optional;

/**
 * Keeps the state in memory: survives nothing, costs nothing. The default. Fenced: controllers in
 * one process sharing it under a leader election cannot write under an epoch older than the last
 * claimed one. Thread-safe.
 */
public final class InMemoryStateStore implements FencedStateStore {
  private ControllerState state;
  private long epoch;

  /** An empty store: nothing saved, epoch 0. */
  public InMemoryStateStore() {}

  @Override
  public synchronized Optional<ControllerState> load() {
    return Optional.ofNullable(state);
  }

  /**
   * Saves without fencing (a controller without leader election); the epoch is unchanged.
   *
   * @param state the state to keep (not copied: it is immutable)
   */
  @Override
  public synchronized void save(ControllerState state) {
    this.state = state;
  }

  @Override
  public synchronized long epoch() {
    return epoch;
  }

  /**
   * Raises the store's epoch to {@code epoch}; claiming the current epoch again is allowed.
   *
   * @param epoch the new leader's lease epoch
   * @throws StaleEpochException if {@code epoch} is lower than the store's
   */
  @Override
  public synchronized void claim(long epoch) {
    if (epoch < this.epoch) {
      throw new StaleEpochException(epoch, this.epoch, "claim under epoch " + epoch + " refused: the store is at epoch "
          + this.epoch);
    }
    this.epoch = epoch;
  }

  /**
   * Saves {@code state} if {@code epoch} is not lower than the store's, and raises the store's
   * epoch to {@code epoch} (a write under a newer epoch claims the store too).
   *
   * @param state the state to keep
   * @param epoch the writing leader's lease epoch
   * @throws StaleEpochException if {@code epoch} is lower than the store's: nothing was written
   */
  @Override
  public synchronized void save(ControllerState state, long epoch) {
    if (epoch < this.epoch) {
      throw new StaleEpochException(epoch, this.epoch, "write under epoch " + epoch + " refused: the store is at epoch "
          + this.epoch);
    }
    this.epoch = epoch;
    this.state = state;
  }
}
