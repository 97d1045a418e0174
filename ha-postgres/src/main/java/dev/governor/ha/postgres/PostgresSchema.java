package dev.governor.ha.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * The two tables Governor's HA needs, created if missing ({@code CREATE TABLE IF NOT EXISTS}, so
 * running it again, from any candidate, changes nothing). {@link #SQL} is also the migration to
 * run by hand (or with Flyway/Liquibase) where the application's role may not create tables.
 *
 * <ul>
 *   <li>{@code governor_lease}: one row per pool, the lease: who holds it, under which epoch, until
 *       when (the database's time);
 *   <li>{@code governor_state}: one row per pool, the controller state (JSON) and the epoch it was
 *       written under.
 * </ul>
 */
public final class PostgresSchema {
  /** The default table name prefix: {@code governor_lease} and {@code governor_state}. */
  public static final String DEFAULT_PREFIX = "governor";
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

  /** The schema with the default prefix, as a migration. */
  public static final String SQL = sql(DEFAULT_PREFIX);

  private PostgresSchema() {}

  /**
   * The schema's DDL with table names {@code <prefix>_lease} and {@code <prefix>_state}: two
   * {@code CREATE TABLE IF NOT EXISTS} statements, each ending in {@code ;} and a newline.
   *
   * @param prefix the table name prefix: a lower-case SQL identifier matching
   *     {@code [a-z_][a-z0-9_]{0,40}}, e.g. {@link #DEFAULT_PREFIX}
   * @return the DDL text, to run as a migration
   * @throws IllegalArgumentException if {@code prefix} is null or not such an identifier
   */
  public static String sql(String prefix) {
    checkPrefix(prefix);
    return "CREATE TABLE IF NOT EXISTS " + prefix + "_lease (\n"
        + "  pool       text        PRIMARY KEY,\n"
        + "  holder     text        NOT NULL,\n"
        + "  epoch      bigint      NOT NULL CHECK (epoch >= 1),\n"
        + "  expires_at timestamptz NOT NULL\n"
        + ");\n"
        + "CREATE TABLE IF NOT EXISTS " + prefix + "_state (\n"
        + "  pool     text        PRIMARY KEY,\n"
        + "  epoch    bigint      NOT NULL CHECK (epoch >= 0),\n"
        + "  saved_at timestamptz NOT NULL,\n"
        + "  state    text        NOT NULL\n"
        + ");\n";
  }

  /**
   * Creates the tables if they do not exist, running each statement of {@link #sql(String)} on
   * {@code c} (in the connection's current transaction mode; the lease and the state store call it
   * in autocommit mode on their first connection). Existing tables are left as they are.
   *
   * @param c an open connection whose role may create tables
   * @param prefix the table name prefix, as for {@link #sql(String)}
   * @throws SQLException if a statement fails (e.g. the role may not create tables)
   * @throws IllegalArgumentException if {@code prefix} is null or not a valid prefix
   */
  public static void create(Connection c, String prefix) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (String ddl : sql(prefix).split(";\n")) {
        if (!ddl.isBlank()) {
          st.execute(ddl);
        }
      }
    }
  }

  static String checkPrefix(String prefix) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("table prefix must match " + PREFIX.pattern() + " (lower-case SQL identifier),"
          + " but was '" + prefix + "'");
    }
    return prefix;
  }
}
