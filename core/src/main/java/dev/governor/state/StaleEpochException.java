package dev.governor.state;

/**
 * A write or a claim under an epoch older than the store's (a deposed leader), or, where the store
 * can tell (PostgreSQL), under an epoch that is not the lease's: nothing was written. The
 * controller that gets it stands by.
 */
public final class StaleEpochException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The epoch of the refused write or claim. */
  private final long epoch;
  /** The store's epoch when it refused, or -1 when unknown. */
  private final long storeEpoch;

  /**
   * A refusal of a write or claim under {@code epoch}.
   *
   * @param epoch the epoch of the refused write
   * @param storeEpoch the store's epoch, or -1 when the store refused for another reason (the lease not held)
   * @param message what was refused and why
   */
  public StaleEpochException(long epoch, long storeEpoch, String message) {
    super(message);
    this.epoch = epoch;
    this.storeEpoch = storeEpoch;
  }

  /**
   * The epoch the refused write or claim was made under.
   *
   * @return the deposed leader's epoch
   */
  public long epoch() {
    return epoch;
  }

  /**
   * The store's epoch when it refused.
   *
   * @return the store's (or lease's) epoch, or -1 when the store refused for another reason
   *     (e.g. the lease is not held)
   */
  public long storeEpoch() {
    return storeEpoch;
  }
}
