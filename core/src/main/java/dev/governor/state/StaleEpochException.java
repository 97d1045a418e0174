package dev.governor.state;

/** A write or a claim under an epoch older than the store's (a deposed leader): nothing was written. */
public final class StaleEpochException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long epoch;
  private final long storeEpoch;

  /**
   * @param epoch the epoch of the refused write
   * @param storeEpoch the store's epoch, or -1 when the store refused for another reason (the lease not held)
   * @param message what was refused and why
   */
  public StaleEpochException(long epoch, long storeEpoch, String message) {
    super(message);
    this.epoch = epoch;
    this.storeEpoch = storeEpoch;
  }

  /** The epoch of the refused write. */
  public long epoch() {
    return epoch;
  }

  /** The store's epoch when it refused, or -1 when unknown. */
  public long storeEpoch() {
    return storeEpoch;
  }
}
