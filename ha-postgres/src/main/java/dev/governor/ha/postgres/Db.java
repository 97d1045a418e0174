package dev.governor.ha.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * One connection, opened on first use and dropped on any error so that the next call opens a new
 * one (a restarted database, a cut connection). The schema is created on the first connection.
 * Not thread-safe: callers synchronize.
 */
final class Db {
  private final DataSource source;
  private final String prefix;
  private Connection connection;
  private boolean schemaReady;

  Db(DataSource source, String prefix) {
    this.source = Objects.requireNonNull(source, "dataSource");
    this.prefix = PostgresSchema.checkPrefix(prefix);
  }

  String prefix() {
    return prefix;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in autocommit mode on the connection; on an error drops it and rethrows. A
   * kept connection that turns out broken (the server restarted or cut it: SQLState class 08 or
   * 57P01) is replaced and the work tried once more, so a restart does not cost a tick.
   */
  <T> T call(Work<T> work) throws SQLException {
    boolean kept = connection != null;
    try {
      return attempt(work);
    } catch (SQLException e) {
      String state = e.getSQLState();
      if (kept && state != null && (state.startsWith("08") || state.startsWith("57P"))) {
        return attempt(work);
      }
      throw e;
    }
  }

  private <T> T attempt(Work<T> work) throws SQLException {
    try {
      if (connection == null || connection.isClosed()) {
        connection = source.getConnection();
        connection.setAutoCommit(true);
      }
      if (!schemaReady) {
        PostgresSchema.create(connection, prefix);
        schemaReady = true;
      }
      return work.run(connection);
    } catch (SQLException | RuntimeException e) {
      drop();
      throw e;
    }
  }

  void drop() {
    Connection c = connection;
    connection = null;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // already broken
      }
    }
  }
}
