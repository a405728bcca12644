package io.masthead.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one PostgreSQL channel on a connection of its own (not the pool's: it is held for
 * the life of the node) and calls back on every notification. After a failure it reconnects
 * with a growing pause, calling back once after reconnecting, since a notification may have been
 * missed meanwhile. Thread-safe.
 */
final class PostgresListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PostgresListener.class);
  private static final int WAIT_MILLIS = 1_000;

  private final String url;
  private final String user;
  private final String password;
  private final String channel;
  private final Runnable onNotify;
  private volatile boolean running = true;
  private volatile Connection connection;
  private Thread thread;

  PostgresListener(String url, String user, String password, String channel, Runnable onNotify) {
    if (!channel.matches("[a-z_]+"))
      throw new IllegalArgumentException("channel names are lower-case letters: " + channel);
    this.url = url;
    this.user = user;
    this.password = password;
    this.channel = channel;
    this.onNotify = onNotify;
  }

  void start() {
    thread = Thread.ofVirtual().name("pg-listen-" + channel).start(this::run);
  }

  private void run() {
    long pause = 100;
    while (running) {
      try (var c = connect()) {
        connection = c;
        try (var statement = c.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        pause = 100;
        onNotify.run(); // whatever was sent while we were not listening
        var pg = c.unwrap(PGConnection.class);
        while (running) {
          var notes = pg.getNotifications(WAIT_MILLIS);
          if (notes != null && notes.length > 0) onNotify.run();
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) return;
        log.warn(
            "listening for changes on PostgreSQL failed ({}); again in {} ms, polling meanwhile",
            e.toString(),
            pause);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          return;
        }
        pause = Math.min(pause * 2, 10_000);
      }
    }
  }

  private Connection connect() throws SQLException {
    var properties = new Properties();
    if (user != null && !user.isBlank()) properties.setProperty("user", user);
    if (password != null && !password.isBlank()) properties.setProperty("password", password);
    properties.setProperty("ApplicationName", "masthead-listen");
    return DriverManager.getConnection(url, properties);
  }

  @Override
  public void close() {
    running = false;
    var c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        log.debug("closing the listening connection: {}", e.toString());
      }
    }
    if (thread != null) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
