package dev.governor.ha.postgres;

import dev.governor.state.ControllerState;
import dev.governor.state.FencedStateStore;
import dev.governor.state.StaleEpochException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The controller state in {@code governor_state}, next to the lease, with writes fenced by it.
 *
 * <ul>
 *   <li>{@link #epoch()} is the larger of the lease's epoch and the state row's: it rises the moment
 *       a new leader takes the lease, before that leader has written anything, so a deposed
 *       leader's action is refused from then on ({@code FencedActuator});
 *   <li>{@link #save(ControllerState, long)} runs in one transaction that locks the lease row
 *       ({@code SELECT … FOR SHARE}) and writes only if the lease is still at that epoch and the
 *       row is not at a newer one; otherwise it writes nothing and throws {@link StaleEpochException};
 *   <li>{@link #claim} checks that the lease is held, unexpired, under that epoch.
 * </ul>
 * The state is {@link ControllerState#toJson()} text. Errors of the database become
 * {@link IllegalStateException}s (the controller reports them and goes on). Thread-safe.
 */
public final class PostgresStateStore implements FencedStateStore {
  private final Db db;
  private final String pool;

  /**
   * The state of {@code pool} in the default tables {@code governor_state}, fenced by
   * {@code governor_lease} ({@link PostgresSchema#DEFAULT_PREFIX}). Nothing is opened here: the
   * first call opens a connection and creates the tables if they are missing.
   *
   * @param dataSource the database of the pool's {@link PostgresLeaderElection}
   * @param pool the pool's name, as given to its {@link PostgresLeaderElection}
   * @throws NullPointerException if {@code dataSource} or {@code pool} is null
   * @throws IllegalArgumentException if {@code pool} is blank
   */
  public PostgresStateStore(DataSource dataSource, String pool) {
    this(dataSource, PostgresSchema.DEFAULT_PREFIX, pool);
  }

  /**
   * The state of {@code pool} in {@code <prefix>_state}, fenced by {@code <prefix>_lease}: use the
   * prefix given to the pool's {@link PostgresLeaderElection}.
   *
   * @param dataSource the database of the pool's {@link PostgresLeaderElection}
   * @param prefix the table name prefix: a lower-case SQL identifier matching
   *     {@code [a-z_][a-z0-9_]{0,40}}
   * @param pool the pool's name, as given to its {@link PostgresLeaderElection}
   * @throws NullPointerException if {@code dataSource} or {@code pool} is null
   * @throws IllegalArgumentException if {@code prefix} is null or not such an identifier, or
   *     {@code pool} is blank
   */
  public PostgresStateStore(DataSource dataSource, String prefix, String pool) {
    this.db = new Db(dataSource, prefix);
    this.pool = PostgresLeaderElection.nonBlank("pool", pool);
  }

  @Override
  public synchronized Optional<ControllerState> load() {
    String sql = "SELECT state FROM " + db.prefix() + "_state WHERE pool = ?";
    String json = run("load", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        try (ResultSet rs = st.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
    return json == null ? Optional.empty() : Optional.of(ControllerState.fromJson(json));
  }

  /** Saves without fencing (a controller without leader election); the row keeps its epoch. */
  @Override
  public synchronized void save(ControllerState state) {
    String p = db.prefix();
    String sql = "INSERT INTO " + p + "_state AS s (pool, epoch, saved_at, state) VALUES (?, 0, clock_timestamp(), ?)"
        + " ON CONFLICT (pool) DO UPDATE SET saved_at = EXCLUDED.saved_at, state = EXCLUDED.state";
    String json = state.toJson();
    run("save", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        st.setString(2, json);
        return st.executeUpdate();
      }
    });
  }

  @Override
  public synchronized long epoch() {
    String p = db.prefix();
    String sql = "SELECT GREATEST(COALESCE((SELECT epoch FROM " + p + "_lease WHERE pool = ?), 0),"
        + " COALESCE((SELECT epoch FROM " + p + "_state WHERE pool = ?), 0))";
    return run("epoch", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        st.setString(2, pool);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  @Override
  public synchronized void claim(long epoch) {
    String sql = "SELECT epoch, expires_at > clock_timestamp() FROM " + db.prefix() + "_lease WHERE pool = ?";
    String refused = run("claim", c -> {
      try (PreparedStatement st = c.prepareStatement(sql)) {
        st.setString(1, pool);
        try (ResultSet rs = st.executeQuery()) {
          if (!rs.next()) {
            return "no lease row for pool '" + pool + "'";
          }
          long at = rs.getLong(1);
          if (at != epoch) {
            return "the lease is at epoch " + at;
          }
          return rs.getBoolean(2) ? null : "the lease of epoch " + at + " has expired";
        }
      }
    });
    if (refused != null) {
      throw new StaleEpochException(epoch, -1, "StaleEpoch: claim of pool '" + pool + "' under epoch " + epoch
          + " refused: " + refused);
    }
  }

  @Override
  public synchronized void save(ControllerState state, long epoch) {
    String p = db.prefix();
    String lock = "SELECT epoch FROM " + p + "_lease WHERE pool = ? FOR SHARE";
    String write = "INSERT INTO " + p + "_state AS s (pool, epoch, saved_at, state) VALUES (?, ?, clock_timestamp(), ?)"
        + " ON CONFLICT (pool) DO UPDATE SET epoch = EXCLUDED.epoch, saved_at = EXCLUDED.saved_at, state = EXCLUDED.state"
        + " WHERE s.epoch <= EXCLUDED.epoch";
    String json = state.toJson();
    long[] lease = new long[1];
    int written = run("save", c -> {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement st = c.prepareStatement(lock)) {
          st.setString(1, pool);
          try (ResultSet rs = st.executeQuery()) {
            lease[0] = rs.next() ? rs.getLong(1) : 0;
          }
        }
        int n = 0;
        if (lease[0] == epoch) {
          try (PreparedStatement st = c.prepareStatement(write)) {
            st.setString(1, pool);
            st.setLong(2, epoch);
            st.setString(3, json);
            n = st.executeUpdate();
          }
        }
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
    if (written == 0) {
      throw new StaleEpochException(epoch, lease[0], "StaleEpoch: state of pool '" + pool + "' not written under epoch "
          + epoch + ": the lease is at epoch " + lease[0] + " (a deposed leader writes nothing)");
    }
  }

  private <T> T run(String what, Db.Work<T> work) {
    try {
      return db.call(work);
    } catch (SQLException e) {
      throw new IllegalStateException("state " + what + " for pool '" + pool + "' failed: " + e.getMessage()
          + " (SQLState " + e.getSQLState() + ")", e);
    }
  }
}
