package io.masthead.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConnection;
import org.sqlite.jdbc4.JDBC4Connection;
import org.sqlite.jdbc4.JDBC4PreparedStatement;

/**
 * SQLite connections that keep their prepared statements for the next use.
 *
 * <p>Why: SQLite compiles every statement from its text, and neither the driver nor the pool
 * keeps the result. On the article page the two reads cost about 50 µs to compile and 25 µs
 * to run (measured on the 100,000-article outlet), so compiling once per connection is the
 * largest single saving on a page the page cache does not hold. PostgreSQL's driver keeps
 * server-side statements itself, so this is SQLite's alone.
 *
 * <p>Writes are kept too (an import writes a dozen statements per article, and compiling them was
 * a tenth of its time), except a statement used for a batch or asked for its generated keys:
 * those carry state from one use to the next and are closed for real. Closing a kept statement closes its result set and resets it, ending its read of the
 * database; a statement asked for while its twin is still open is made fresh and really
 * closed. A connection keeps at most {@link #STATEMENTS_PER_CONNECTION} and forgets the least
 * recently used. A changed schema needs nothing: SQLite recompiles a statement whose tables
 * changed when it next runs (migrations run before the outlet serves, so the column list the
 * driver read at prepare time stays true). A statement whose settings were changed (max rows,
 * fetch size, timeout) is not kept, so no setting carries over to the next user.
 */
final class SqliteStatementCache implements DataSource {
  static final int STATEMENTS_PER_CONNECTION = 128;

  private final String url;
  private final Properties properties;
  private volatile int loginTimeoutSeconds = 30;

  SqliteStatementCache(String url, Properties properties) {
    this.url = url;
    this.properties = properties;
  }

  @Override
  public Connection getConnection() throws SQLException {
    var address = url.substring("jdbc:sqlite:".length()).strip();
    return new CachingConnection(url, address, properties);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  /** A connection that hands out its idle kept statement for SQL it has compiled before. */
  static final class CachingConnection extends JDBC4Connection {
    private final Map<String, KeptStatement> kept = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, KeptStatement> eldest) {
        if (size() <= STATEMENTS_PER_CONNECTION) return false;
        eldest.getValue().forget();
        return true;
      }
    };

    CachingConnection(String url, String address, Properties properties) throws SQLException {
      super(url, address, properties);
    }

    @Override
    public PreparedStatement prepareStatement(
        String sql, int type, int concurrency, int holdability) throws SQLException {
      if (type != ResultSet.TYPE_FORWARD_ONLY
          || concurrency != ResultSet.CONCUR_READ_ONLY
          || !isKept(sql)) {
        return super.prepareStatement(sql, type, concurrency, holdability);
      }
      var statement = kept.get(sql);
      if (statement != null && !statement.inUse) {
        statement.inUse = true;
        return statement;
      }
      if (statement != null)
        return new JDBC4PreparedStatement(this, sql); // its twin is open: one for this use only
      statement = new KeptStatement(this, sql, kept);
      kept.put(sql, statement);
      statement.inUse = true;
      return statement;
    }

    @Override
    public void close() throws SQLException {
      for (var statement : kept.values()) statement.forget();
      kept.clear();
      super.close();
    }

    private static boolean isKept(String sql) {
      var text = sql.stripLeading();
      for (var verb : KEPT_VERBS)
        if (text.regionMatches(true, 0, verb, 0, verb.length())) return true;
      return false;
    }

    private static final String[] KEPT_VERBS = {"SELECT", "INSERT", "UPDATE", "DELETE"};
  }

  /** A prepared statement whose close() makes it ready for the next use instead of freeing it. */
  static final class KeptStatement extends JDBC4PreparedStatement {
    private final Map<String, KeptStatement> keptBy;
    private boolean inUse;
    private boolean forgotten;

    KeptStatement(SQLiteConnection connection, String sql, Map<String, KeptStatement> keptBy)
        throws SQLException {
      super(connection, sql);
      this.keptBy = keptBy;
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
      notToBeKept();
      super.setMaxRows(max);
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
      notToBeKept();
      super.setFetchSize(rows);
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
      notToBeKept();
      super.setQueryTimeout(seconds);
    }

    @Override
    public void addBatch() throws SQLException {
      notToBeKept();
      super.addBatch();
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
      notToBeKept();
      return super.getGeneratedKeys();
    }

    private void notToBeKept() {
      if (!forgotten) keptBy.remove(sql);
      forgotten = true;
    }

    @Override
    public void close() throws SQLException {
      if (forgotten || conn.isClosed()) {
        super.close();
        return;
      }
      if (!inUse) return; // closed twice (by its user and by the pool): the first one counted
      try {
        rs.close();
        // The driver reads last_insert_rowid() after every INSERT into a result set of its own,
        // left open (a statement "in progress" that would stop VACUUM) until the next use.
        clearGeneratedKeys();
        resultsWaiting = false;
        pointer.safeRunInt(
            (db, statement) -> db.reset(statement)); // its read of the database ends here
        // Parameters are left bound: the next user binds every one (JDBI refuses a missing one),
        // and clearing them makes SQLite recompile the statement, the very cost saved here.
        inUse = false;
      } catch (SQLException e) {
        notToBeKept();
        super.close();
        throw e;
      }
    }

    @Override
    public boolean isClosed() {
      return !forgotten && !inUse || super.isClosed();
    }

    /** Dropped from the cache: freed now if idle, or when its user closes it. */
    void forget() {
      forgotten = true;
      if (!inUse) {
        try {
          super.close();
        } catch (SQLException ignored) {
          // the connection is going away or the statement is already gone: nothing to free
        }
      }
    }
  }

  // ---- the rest of DataSource ------------------------------------------------------------------

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  /** Kept because the pool waits this long for connections being opened when it shuts down. */
  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeoutSeconds = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeoutSeconds;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) return iface.cast(this);
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
