package dev.governor.ha.postgres;

import dev.governor.ha.Lease;
import dev.governor.ha.LeaderElection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A leader lease as one row of {@code governor_lease} (pool, holder, epoch, expires_at). Every
 * change is one conditional statement, and every time in it is the database's
 * ({@code clock_timestamp()}): the candidates' clocks never decide who holds the lease.
 *
 * <ul>
 *   <li>{@link #acquire}: {@code INSERT … ON CONFLICT (pool) DO UPDATE … WHERE} the lease is this
 *       candidate's and unexpired (a renewal, same epoch) or has expired (a takeover, epoch + 1);
 *       PostgreSQL locks the row and re-checks the condition, so two candidates cannot both win;
 *   <li>{@link #renew}: {@code UPDATE … WHERE holder = me AND epoch = e AND expires_at > now};
 *   <li>{@link #release}: sets {@code expires_at} to now under the same condition, so a standby
 *       takes over at its next tick.
 * </ul>
 * A first lease takes an epoch above any the state table has seen, so epochs keep growing even if
 * the lease row is deleted. Methods throw {@link IllegalStateException} when the database cannot
 * be reached (the controller then stands by); the connection is re-opened on the next call. Set
 * the driver's {@code connectTimeout} and {@code socketTimeout} well below the lease so a call
 * never hangs past it. Thread-safe.
 */
public final class PostgresLeaderElection implements LeaderElection {
  private final Db db;
  private final String pool;
  private final String candidate;
  private final Duration leaseDuration;
  private final double seconds;

  /**
   * A candidate for the lease of {@code pool} in the default tables {@code governor_lease} and
   * {@code governor_state} ({@link PostgresSchema#DEFAULT_PREFIX}). Nothing is opened here: the
   * first call opens a connection and creates the tables if they are missing.
   *
   * @param dataSource where the lease lives (a pool's or the driver's {@code PGSimpleDataSource})
   * @param pool the pool's name: controllers of one pool share it, different pools do not
   * @param candidate this controller's id, unique among the pool's controllers
   * @param leaseDuration how long a lease lasts after it is taken or renewed (&gt;= 1 s; a few ticks
   *     is usual: a standby takes over within the lease plus one tick)
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if {@code pool} or {@code candidate} is blank, or
   *     {@code leaseDuration} is under 1 s
   */
  public PostgresLeaderElection(DataSource dataSource, String pool, String candidate, Duration leaseDuration) {
    this(dataSource, PostgresSchema.DEFAULT_PREFIX, pool, candidate, leaseDuration);
  }

  /**
   * As {@link #PostgresLeaderElection(DataSource, String, String, Duration)}, with the tables
   * {@code <prefix>_lease} and {@code <prefix>_state} (several deployments, or a naming rule, in
   * one database). The {@link PostgresStateStore} of the pool must use the same prefix: a first
   * lease's epoch is taken above the state table's.
   *
   * @param dataSource where the lease lives (a pool's or the driver's {@code PGSimpleDataSource})
   * @param prefix the table name prefix: a lower-case SQL identifier matching
   *     {@code [a-z_][a-z0-9_]{0,40}}
   * @param pool the pool's name: controllers of one pool share it, different pools do not
   * @param candidate this controller's id, unique among the pool's controllers
   * @param leaseDuration how long a lease lasts after it is taken or renewed (&gt;= 1 s)
   * @throws NullPointerException if {@code dataSource}, {@code pool}, {@code candidate} or
   *     {@code leaseDuration} is null
   * @throws IllegalArgumentException if {@code prefix} is null or not such an identifier, if
   *     {@code pool} or {@code candidate} is blank, or if {@code leaseDuration} is under 1 s
   */
  public PostgresLeaderElection(DataSource dataSource, String prefix, String pool, String candidate,
      Duration leaseDuration) {
    this.db = new Db(dataSource, prefix);
    this.pool = nonBlank("pool", pool);
    this.candidate = nonBlank("candidate", candidate);
    Objects.requireNonNull(leaseDuration, "leaseDuration");
    if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("leaseDuration must be >= 1 s, but was " + leaseDuration);
    }
    this.leaseDuration = leaseDuration;
    this.seconds = leaseDuration.toNanos() / 1e9;
  }

  static String nonBlank(String field, String v) {
    Objects.requireNonNull(v, field);
    if (v.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    return v;
  }

  @Override
  public String candidate() {
    return candidate;
  }

  @Override
  public Duration leaseDuration() {
    return leaseDuration;
  }

  @Override
  public synchronized Lease acquire() {
    String p = db.prefix();
    String sql = "INSERT INTO " + p + "_lease AS l (pool, holder, epoch, expires_at)"
        + " VALUES (?, ?, 1 + COALESCE((SELECT max(s.epoch) FROM " + p + "_state s WHERE s.pool = ?), 0),"
        + " clock_timestamp() + make_interval(secs => ?))"
        + " ON CONFLICT (pool) DO UPDATE SET holder = EXCLUDED.holder,"
        + " epoch = CASE WHEN l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp() THEN l.epoch"
        + " ELSE GREATEST(l.epoch, EXCLUDED.epoch - 1) + 1 END,"
        + " expires_at = EXCLUDED.expires_at"
        + " WHERE (l.holder = EXCLUDED.holder AND l.expires_at > clock_timestamp()) OR l.expires_at <= clock_timestamp()"
        + " RETURNING l.holder, l.epoch, EXTRACT(EPOCH FROM (l.expires_at - clock_timestamp()))";
    return run("acquire", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        st.setString(2, candidate);
        st.setString(3, pool);
        st.setDouble(4, seconds);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            return lease(rs);
          }
        }
      }
      return observe(c);
    });
  }

  @Override
  public synchronized Lease renew(long epoch) {
    String sql = "UPDATE " + db.prefix() + "_lease AS l SET expires_at = clock_timestamp() + make_interval(secs => ?)"
        + " WHERE pool = ? AND holder = ? AND epoch = ? AND expires_at > clock_timestamp()"
        + " RETURNING l.holder, l.epoch, EXTRACT(EPOCH FROM (l.expires_at - clock_timestamp()))";
    return run("renew", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setDouble(1, seconds);
        st.setString(2, pool);
        st.setString(3, candidate);
        st.setLong(4, epoch);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            return lease(rs);
          }
        }
      }
      Lease now = observe(c);
      return now.epoch() == epoch ? now : new Lease(now.holder(), now.epoch(), false, now.remaining());
    });
  }

  @Override
  public synchronized Lease observe() {
    return run("observe", this::observe);
  }

  @Override
  public synchronized void release(long epoch) {
    String sql = "UPDATE " + db.prefix() + "_lease SET expires_at = clock_timestamp()"
        + " WHERE pool = ? AND holder = ? AND epoch = ? AND expires_at > clock_timestamp()";
    run("release", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        st.setString(2, candidate);
        st.setLong(3, epoch);
        return st.executeUpdate();
      }
    });
  }

  private Lease observe(Connection c) throws SQLException {
    String sql = "SELECT holder, epoch, EXTRACT(EPOCH FROM (expires_at - clock_timestamp())) FROM " + db.prefix()
        + "_lease WHERE pool = ?";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, pool);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? lease(rs) : Lease.vacant();
      }
    }
  }

  private Lease lease(ResultSet rs) throws SQLException {
    String holder = rs.getString(1);
    long epoch = rs.getLong(2);
    double left = rs.getDouble(3);
    Duration remaining = left > 0 ? Duration.ofNanos((long) (left * 1e9)) : Duration.ZERO;
    return new Lease(holder, epoch, !remaining.isZero() && holder.equals(candidate), remaining);
  }

  private <T> T run(String what, Db.Work<T> work) {
    try {
      return db.call(work);
    } catch (SQLException e) {
      throw new IllegalStateException("lease " + what + " for pool '" + pool + "' failed: " + e.getMessage()
          + " (SQLState " + e.getSQLState() + ")", e);
    }
  }
}
