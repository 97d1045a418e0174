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

  /** Runs {@code work} in autocommit mode on the connection; on an error drops it and rethrows. */
  <T> T call(Work<T> work) throws SQLException {
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
