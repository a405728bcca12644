package io.masthead.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.masthead.command.Refusal;
import java.sql.Types;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outlet's database: a pooled DataSource, its {@link Dialect}, JDBI with the dialect's
 * time handling registered, and the migrations. Thread-safe; one per process.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How long a write waits for SQLite's single writer lock before it is refused as busy. */
  static final int SQLITE_BUSY_TIMEOUT_MILLIS = 5_000;
  /** Tries of a PostgreSQL transaction that lost a race (serialization failure, deadlock, duplicate key). */
  static final int POSTGRES_ATTEMPTS = 4;

  private final HikariDataSource dataSource;
  private final Dialect dialect;

  /**
   * SQLite's writers of this process, one at a time, waiting here rather than in SQLite. SQLite
   * waits for its write lock by sleeping in native code, which holds a virtual thread's carrier:
   * two writers waiting held both carriers of a 2-core machine, the writer holding the lock could
   * not get one back to commit, and every request stood still until the waiters gave up after
   * the busy timeout (seen once in ConcurrentWritesIT: two 503s after 5,016 ms, nothing answered
   * in between). A virtual thread waiting for this lock lets its carrier go. Fair: writers are
   * served in turn. Other processes (the command line beside a server) still meet SQLite's own
   * busy timeout.
   */
  private final java.util.concurrent.locks.ReentrantLock sqliteWriter =
      new java.util.concurrent.locks.ReentrantLock(true);

  private final Jdbi jdbi;
  private final String url;
  private final String user;
  private final String password;

  private Database(
      HikariDataSource dataSource, Dialect dialect, String url, String user, String password) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.url = url;
    this.user = user;
    this.password = password;
    this.jdbi = Jdbi.create(dataSource);
    jdbi.registerArgument(new InstantArgumentFactory(dialect));
    jdbi.registerArgument(new TextArgumentFactory());
    jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Dialect.instant(rs, column));
  }

  /**
   * Makes JDBI's statement event known to the JDK's Flight Recorder, which JDBI otherwise does in
   * its first statement: 0.1 s of a server's start spent initialising the recorder's metadata.
   * Called on another thread as the outlet starts opening, so that it happens beside the pool's
   * first connection.
   */
  public static void registerStatementEvents() {
    try {
      Class.forName(
          "org.jdbi.v3.core.statement.internal.JfrSupport", true, Jdbi.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      // another JDBI: it registers (or not) at its first statement, as it would have anyway
    }
  }

  /** Opens the pool and brings the schema up to date. */
  public static Database open(String url, String user, String password) {
    var dialect = Dialect.fromJdbcUrl(url);
    var config = new HikariConfig();
    config.setPoolName("masthead");
    if (dialect == Dialect.SQLITE) {
      var pragmas = new Properties();
      pragmas.setProperty("journal_mode", "WAL");
      pragmas.setProperty("synchronous", "NORMAL");
      pragmas.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS));
      // Every transaction starts as the writer (BEGIN IMMEDIATE) and waits its turn there: a
      // deferred one that read first could not upgrade to a writer while another writes, and
      // would fail with SQLITE_BUSY however long it waited. Reads run outside transactions.
      pragmas.setProperty("transaction_mode", "IMMEDIATE");
      pragmas.setProperty("foreign_keys", "true");
      config.setDataSource(new SqliteStatementCache(url, pragmas));
      config.setMaximumPoolSize(
          4); // one writer at a time anyway; each connection keeps its own page cache
    } else {
      config.setJdbcUrl(url);
      if (user != null && !user.isBlank()) config.setUsername(user);
      if (password != null && !password.isBlank()) config.setPassword(password);
      config.setMaximumPoolSize(16);
      // While PostgreSQL is unreachable a request fails in 5 s (a 503 the reader can retry), not
      // after HikariCP's default 30 s.
      config.setConnectionTimeout(5_000);
    }
    var dataSource = new HikariDataSource(config);
    try {
      if (!schemaIsCurrent(dataSource))
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .placeholders(dialect.migrationPlaceholders())
            .failOnMissingLocations(true)
            .load()
            .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    var database = new Database(dataSource, dialect, url, user, password);
    database.optimize();
    return database;
  }

  /**
   * The newest migration under {@code db/migration} (V11__…). {@code MigrationsTest} fails when
   * one is added and this is not raised with it.
   */
  static final String NEWEST_MIGRATION = "11";

  /**
   * Whether Flyway has applied every migration up to {@link #NEWEST_MIGRATION} and none failed.
   * Such a database opens without Flyway: its scan of the jar, the check of every applied
   * migration's checksum and its first queries were 0.15–0.18 s of each server's start, for a
   * schema that only changes when Masthead does. Anything else (a new outlet, a schema one
   * release behind, one migrated by a newer Masthead) goes through Flyway as before.
   */
  static boolean schemaIsCurrent(javax.sql.DataSource dataSource) {
    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var newest = statement.executeQuery("""
            SELECT version FROM flyway_schema_history
            WHERE installed_rank = (SELECT MAX(installed_rank) FROM flyway_schema_history)
              AND success AND NOT EXISTS (SELECT 1 FROM flyway_schema_history WHERE NOT success)""")) {
      return newest.next() && NEWEST_MIGRATION.equals(newest.getString(1));
    } catch (java.sql.SQLException e) {
      return false; // no history table yet: a new outlet
    }
  }

  /** {@link #schemaIsCurrent(javax.sql.DataSource)} of this database, for tests. */
  boolean schemaIsCurrent() {
    return schemaIsCurrent(dataSource);
  }

  /**
   * Keeps the query planner's statistics current. SQLite has none until asked: without them it
   * chose the status index for "these ten ids, if published" and scanned every published article
   * (and the favorites page likewise). {@code PRAGMA optimize} analyses the tables whose statistics
   * are missing or stale, each from a sample ({@code analysis_limit}), so it costs milliseconds
   * at any size. PostgreSQL's autovacuum keeps its own. Run at open and by the hourly upkeep.
   */
  public void optimize() {
    if (dialect != Dialect.SQLITE) return;
    // ANALYZE writes its statistics: it takes its turn among the writers (see sqliteWriter).
    sqliteWriter.lock();
    try {
      jdbi.useHandle(h -> {
        h.execute("PRAGMA analysis_limit = 1000");
        h.execute("PRAGMA optimize = 0x10002");
      });
    } finally {
      sqliteWriter.unlock();
    }
  }

  public Dialect dialect() {
    return dialect;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Runs the work in one write transaction: all of it is committed, or none of it. On SQLite it
   * waits its turn as the one writer for a bounded time; on PostgreSQL a transaction that lost a
   * race with another (serialization failure, deadlock, a duplicate key another transaction just
   * committed) runs again, so the work must only touch the database. When the database stays too
   * busy, it throws {@link Refusal.Busy}: nothing was written, and the caller may try again.
   */
  public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    if (dialect != Dialect.SQLITE) return transaction(work);
    try {
      if (!sqliteWriter.tryLock(SQLITE_BUSY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
        log.warn(
            "write refused as busy: the writers before it took {} ms", SQLITE_BUSY_TIMEOUT_MILLIS);
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal.Busy("interrupted while waiting to write");
    }
    try {
      return transaction(work);
    } finally {
      sqliteWriter.unlock();
    }
  }

  private <R, X extends Exception> R transaction(HandleCallback<R, X> work) throws X {
    for (int attempt = 1; ; attempt++) {
      try {
        return jdbi.inTransaction(work);
      } catch (RuntimeException e) {
        refuseIfUnreachable(e);
        var contention = contention(e);
        if (contention == null) throw e;
        if (dialect == Dialect.POSTGRES && attempt < POSTGRES_ATTEMPTS) {
          log.debug(
              "transaction lost a race ({}), try {} of {}", contention, attempt, POSTGRES_ATTEMPTS);
          pause(attempt);
          continue;
        }
        log.warn("write refused as busy after {} tries: {}", attempt, contention);
        throw busy();
      }
    }
  }

  /** A write that waited its bounded time and wrote nothing. */
  private static Refusal.Busy busy() {
    return new Refusal.Busy("The database is busy; nothing was saved. Try again in a moment.");
  }

  public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
    inTransaction(h -> {
      work.useHandle(h);
      return null;
    });
  }

  /**
   * Why the failure is a lost race rather than a mistake, or null: SQLite's lock not got in time
   * (SQLITE_BUSY, SQLITE_LOCKED), PostgreSQL's serialization failure, deadlock or unique violation.
   */
  private String contention(Throwable failure) {
    for (var e = failure; e != null; e = e.getCause()) {
      if (e instanceof java.sql.SQLException sql) {
        if (dialect == Dialect.SQLITE) {
          int primary = sql.getErrorCode() & 0xff;
          if (primary == 5 || primary == 6) return "SQLITE_BUSY";
          var message = String.valueOf(sql.getMessage());
          if (message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED"))
            return "SQLITE_BUSY";
        } else {
          var state = sql.getSQLState();
          if ("40001".equals(state) || "40P01".equals(state) || "23505".equals(state))
            return "SQLSTATE " + state;
        }
      }
    }
    return null;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(java.util.concurrent.ThreadLocalRandom.current()
          .nextLong(5, 20L * attempt * attempt)); // jittered backoff
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refusal.Busy("interrupted while waiting to write");
    }
  }

  /** Wakes the listeners of {@code channel} on every node when the transaction commits (PostgreSQL; nothing on SQLite). */
  public void notify(Handle handle, String channel) {
    if (dialect == Dialect.POSTGRES)
      handle
          .createQuery("SELECT pg_notify(:channel, '')")
          .bind("channel", channel)
          .mapTo(String.class)
          .one();
  }

  /**
   * Calls {@code onNotify} whenever a transaction on any node notified {@code channel}
   * (PostgreSQL LISTEN on a connection of its own, reconnecting after a failure). On SQLite,
   * where one process is the only writer, it does nothing. Close the result to stop.
   */
  public AutoCloseable listen(String channel, Runnable onNotify) {
    if (dialect != Dialect.POSTGRES) return () -> {};
    var listener = new PostgresListener(url, user, password, channel, onNotify);
    listener.start();
    return listener;
  }

  public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
    try {
      return jdbi.withHandle(work);
    } catch (RuntimeException e) {
      refuseIfUnreachable(e);
      throw e;
    }
  }

  /**
   * A database that cannot be reached (PostgreSQL down or restarting: no connection in time, a
   * connection lost, "the database system is shutting down") is a 503 with Retry-After for the
   * reader and the client, who can try again, not a 500: nothing was written.
   */
  private static void refuseIfUnreachable(RuntimeException failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof Refusal refusal) throw refusal;
      boolean unreachable = e instanceof java.sql.SQLTransientConnectionException
          || e instanceof java.sql.SQLNonTransientConnectionException
          || (e instanceof java.sql.SQLException sql
              && sql.getSQLState() != null
              && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P")));
      if (unreachable) {
        log.warn("the database cannot be reached: {}", e.getMessage());
        throw new Refusal.Busy(
            "The database cannot be reached just now; nothing was saved. Try again in a moment.");
      }
    }
  }

  /**
   * Copies a SQLite database, whole and consistent, into {@code target} while it is in use:
   * {@code VACUUM INTO} reads one snapshot (WAL readers and the writer go on) and writes a compact
   * file that needs no WAL beside it.
   */
  public void snapshotSqliteTo(java.nio.file.Path target) {
    if (dialect != Dialect.SQLITE) throw new IllegalStateException("not a SQLite database");
    jdbi.useHandle(h -> h.execute("VACUUM INTO ?", target.toAbsolutePath().toString()));
  }

  /**
   * Runs {@code work} with the id of an exported PostgreSQL snapshot ({@code pg_dump --snapshot}
   * sees exactly that) and the row counts of {@code tables} as that snapshot sees them; the
   * snapshot lives until {@code work} returns.
   */
  public <R> R inExportedSnapshot(
      java.util.List<String> tables,
      java.util.function.BiFunction<String, java.util.Map<String, Long>, R> work) {
    if (dialect != Dialect.POSTGRES) throw new IllegalStateException("not a PostgreSQL database");
    return jdbi.inTransaction(
        org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, h -> {
          var snapshot =
              h.createQuery("SELECT pg_export_snapshot()").mapTo(String.class).one();
          return work.apply(snapshot, counts(h, tables));
        });
  }

  /** How many rows each of these tables holds (names from the program, never from input). */
  public java.util.Map<String, Long> counts(java.util.List<String> tables) {
    return read(h -> counts(h, tables));
  }

  private static java.util.Map<String, Long> counts(Handle h, java.util.List<String> tables) {
    var counts = new java.util.LinkedHashMap<String, Long>();
    for (var table : tables) {
      if (!table.matches("[a-z_]+")) throw new IllegalArgumentException("table " + table);
      counts.put(
          table,
          h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
    return counts;
  }

  /**
   * Whether the PostgreSQL database at {@code url} holds no outlet yet (no {@code article}
   * table), asked without migrating it as {@link #open} would.
   */
  public static boolean postgresIsEmpty(String url, String user, String password)
      throws java.sql.SQLException {
    var properties = new Properties();
    if (user != null && !user.isBlank()) properties.setProperty("user", user);
    if (password != null && !password.isBlank()) properties.setProperty("password", password);
    try (var connection = java.sql.DriverManager.getConnection(url, properties);
        var statement = connection.createStatement();
        var rs = statement.executeQuery("SELECT to_regclass('public.article') IS NULL")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** The connection pool's numbers (active, idle, pending, timings), for /metrics. */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    dataSource.setMetricRegistry(registry);
  }

  public boolean isHealthy() {
    try {
      return read(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    private final Dialect dialect;

    InstantArgumentFactory(Dialect dialect) {
      super(dialect == Dialect.SQLITE ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE);
      this.dialect = dialect;
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      return (position, statement, ctx) -> dialect.bindInstant(statement, position, value);
    }
  }

  /**
   * Text as both databases and every format Masthead writes can keep it ({@link
   * io.masthead.text.PlainText#writable}): PostgreSQL refuses a NUL (a headline pasted with one
   * answered 500 there, and SQLite kept it), and a control character such as Word's line break
   * broke the feeds. Every string bound to a statement comes through here, so a form, the Admin
   * API, the wire desk and an import are treated alike on both, and a lookup by such a text
   * finds what saving it stored.
   */
  private static final class TextArgumentFactory extends AbstractArgumentFactory<String> {
    TextArgumentFactory() {
      super(Types.VARCHAR);
    }

    @Override
    protected Argument build(String value, ConfigRegistry config) {
      var text = io.masthead.text.PlainText.writable(value);
      return (position, statement, ctx) -> statement.setString(position, text);
    }
  }

  /** For code that must run a statement on the handle of an enclosing transaction. */
  public static void requireTransaction(Handle handle) {
    if (!handle.isInTransaction()) throw new IllegalStateException("must run inside a transaction");
  }
}
