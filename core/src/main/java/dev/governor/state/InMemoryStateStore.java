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

  @Override
  public synchronized Optional<ControllerState> load() {
    return Optional.ofNullable(state);
  }

  /** Saves without fencing (a controller without leader election). */
  @Override
  public synchronized void save(ControllerState state) {
    this.state = state;
  }

  @Override
  public synchronized long epoch() {
    return epoch;
  }

  @Override
  public synchronized void claim(long epoch) {
    if (epoch < this.epoch) {
      throw new StaleEpochException(epoch, this.epoch, "claim under epoch " + epoch + " refused: the store is at epoch "
          + this.epoch);
    }
    this.epoch = epoch;
  }

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
