package io.masthead.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Types;
import java.util.Properties;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * The outlet's database: a pooled DataSource, its {@link Dialect}, JDBI with the dialect's
 * time handling registered, and the migrations. Thread-safe; one per process.
 */
public final class Database implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final Jdbi jdbi;

  private Database(HikariDataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.jdbi = Jdbi.create(dataSource);
    jdbi.registerArgument(new InstantArgumentFactory(dialect));
    jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Dialect.instant(rs, column));
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
      pragmas.setProperty("busy_timeout", "10000");
      pragmas.setProperty("foreign_keys", "true");
      config.setDataSource(new SqliteStatementCache(url, pragmas));
      config.setMaximumPoolSize(4); // one writer at a time anyway; each connection keeps its own page cache
    } else {
      config.setJdbcUrl(url);
      if (user != null && !user.isBlank()) config.setUsername(user);
      if (password != null && !password.isBlank()) config.setPassword(password);
      config.setMaximumPoolSize(16);
    }
    var dataSource = new HikariDataSource(config);
    try {
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
    return new Database(dataSource, dialect);
  }

  public Dialect dialect() {
    return dialect;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** Runs the work in one transaction: all of it is committed, or none of it. */
  public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    return jdbi.inTransaction(work);
  }

  public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
    jdbi.useTransaction(work);
  }

  public <R, X extends Exception> R read(HandleCallback<R, X> work) throws X {
    return jdbi.withHandle(work);
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

  /** For code that must run a statement on the handle of an enclosing transaction. */
  public static void requireTransaction(Handle handle) {
    if (!handle.isInTransaction()) throw new IllegalStateException("must run inside a transaction");
  }
}
