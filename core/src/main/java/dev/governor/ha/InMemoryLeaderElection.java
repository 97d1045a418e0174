package dev.governor.ha;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * A lease held in memory, for tests and for several controllers inside one process. The lease's
 * time is the {@link Pool}'s clock (in tests the same {@code ManualClock} the controllers use).
 * Thread-safe: candidates may ask from different threads.
 *
 * <pre>{@code
 * var pool = InMemoryLeaderElection.pool(clock, Duration.ofSeconds(30));
 * LeaderElection a = pool.candidate("a"), b = pool.candidate("b");
 * }</pre>
 */
public final class InMemoryLeaderElection implements LeaderElection {
  private final Pool pool;
  private final String id;

  private InMemoryLeaderElection(Pool pool, String id) {
    this.pool = pool;
    this.id = id;
  }

  /**
   * A lease shared by candidates of one pool, lasting {@code leaseDuration} on {@code clock}.
   *
   * @param clock the lease's authority clock (in tests the controllers' {@code ManualClock})
   * @param leaseDuration how long the lease lasts after it is taken or renewed; {@code > 0}
   * @return a new pool: vacant, epoch 0
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code leaseDuration} is zero or negative
   */
  public static Pool pool(InstantSource clock, Duration leaseDuration) {
    return new Pool(clock, leaseDuration);
  }

  /**
   * The lease's authority: one holder/epoch/expiry record, guarded by a lock. Thread-safe. Made by
   * {@link InMemoryLeaderElection#pool}.
   */
  public static final class Pool {
    private final InstantSource clock;
    private final Duration leaseDuration;
    private String holder = "";
    private long epoch;
    private Instant expiresAt = Instant.MIN;

    private Pool(InstantSource clock, Duration leaseDuration) {
      this.clock = Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(leaseDuration, "leaseDuration");
      if (leaseDuration.isNegative() || leaseDuration.isZero()) {
        throw new IllegalArgumentException("leaseDuration must be > 0, but was " + leaseDuration);
      }
      this.leaseDuration = leaseDuration;
    }

    /**
     * The election as candidate {@code id} sees it. Each call returns a new view; give every
     * controller its own id: two views of one id count as the same holder.
     *
     * @param id the candidate's id, not blank
     * @return the candidate's view of this pool's lease
     * @throws NullPointerException if {@code id} is null
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public LeaderElection candidate(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new IllegalArgumentException("candidate id must not be blank");
      }
      return new InMemoryLeaderElection(this, id);
    }

    /**
     * The current epoch.
     *
     * @return the epoch of the last holder: 0 before anyone held the lease, then one more per
     *     new holder
     */
    public synchronized long epoch() {
      return epoch;
    }

    synchronized Lease acquire(String id) {
      Instant now = clock.instant();
      boolean valid = now.isBefore(expiresAt);
      if (valid && !holder.equals(id)) {
        return view(id, now);
      }
      if (!holder.equals(id)) { // a new leader; one that takes back its own expired lease keeps its epoch
        epoch++;
        holder = id;
      }
      expiresAt = now.plus(leaseDuration);
      return view(id, now);
    }

    synchronized Lease renew(String id, long e) {
      Instant now = clock.instant();
      if (holder.equals(id) && epoch == e && now.isBefore(expiresAt)) {
        expiresAt = now.plus(leaseDuration);
      }
      return view(id, now);
    }

    synchronized Lease observe(String id) {
      return view(id, clock.instant());
    }

    synchronized void release(String id, long e) {
      if (holder.equals(id) && epoch == e) {
        expiresAt = clock.instant();
      }
    }

    private Lease view(String id, Instant now) {
      boolean valid = now.isBefore(expiresAt);
      Duration left = valid ? Duration.between(now, expiresAt) : Duration.ZERO;
      return new Lease(holder, epoch, valid && holder.equals(id), left);
    }
  }

  @Override
  public String candidate() {
    return id;
  }

  @Override
  public Duration leaseDuration() {
    return pool.leaseDuration;
  }

  @Override
  public Lease acquire() {
    return pool.acquire(id);
  }

  @Override
  public Lease renew(long epoch) {
    return pool.renew(id, epoch);
  }

  @Override
  public Lease observe() {
    return pool.observe(id);
  }

  @Override
  public void release(long epoch) {
    pool.release(id, epoch);
  }
}
