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

  /** The schema's DDL with table names {@code <prefix>_lease} and {@code <prefix>_state}. */
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

  /** Creates the tables if they do not exist. */
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
