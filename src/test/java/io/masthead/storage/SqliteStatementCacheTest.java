package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept SQLite statements must behave exactly like fresh ones: same rows, current data. */
class SqliteStatementCacheTest {
  @TempDir
  Path folder;

  private SqliteStatementCache connections;

  @BeforeEach
  void setUp() throws SQLException {
    var pragmas = new Properties();
    pragmas.setProperty("journal_mode", "WAL");
    connections = new SqliteStatementCache("jdbc:sqlite:" + folder.resolve("cache.db"), pragmas);
    try (var c = connections.getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      s.execute("INSERT INTO note (id, body) VALUES (1, 'first'), (2, 'second')");
    }
  }

  @Test
  void aKeptStatementSeesWhatAnotherConnectionWroteSinceItsLastUse() throws SQLException {
    try (var reader = connections.getConnection();
        var writer = connections.getConnection()) {
      assertThat(body(reader, 1)).isEqualTo("first");
      try (var update = writer.prepareStatement("UPDATE note SET body = ? WHERE id = ?")) {
        update.setString(1, "changed");
        update.setLong(2, 1);
        update.executeUpdate();
      }
      // Had the kept statement held its read open, it would still see "first".
      assertThat(body(reader, 1)).isEqualTo("changed");
    }
  }

  @Test
  void keptStatementsTakeNewParametersAndAreReusedOnlyWhenClosed() throws SQLException {
    try (var c = connections.getConnection()) {
      var sql = "SELECT body FROM note WHERE id = ?";
      var first = c.prepareStatement(sql);
      first.setLong(1, 1);
      try (var rows = first.executeQuery()) {
        rows.next();
        // The same SQL while the first is still open: a statement of its own, with its own rows.
        try (var second = c.prepareStatement(sql)) {
          assertThat(second).isNotSameAs(first);
          second.setLong(1, 2);
          try (var inner = second.executeQuery()) {
            inner.next();
            assertThat(inner.getString(1)).isEqualTo("second");
          }
        }
        assertThat(rows.getString(1)).isEqualTo("first");
      }
      first.close();
      assertThat(first.isClosed()).isTrue();
      var again = c.prepareStatement(sql);
      assertThat(again).isSameAs(first);
      assertThat(again.isClosed()).isFalse();
      again.setLong(1, 2);
      try (var rows = again.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("second");
      }
      again.close();
    }
  }

  @Test
  void aStatementRunWithoutReadingItsRowsDoesNotHoldTheDatabase() throws SQLException {
    try (var reader = connections.getConnection();
        var writer = connections.getConnection()) {
      try (var select = reader.prepareStatement("SELECT body FROM note ORDER BY id")) {
        select.execute(); // stepped once, rows never fetched
      }
      try (var update = writer.createStatement()) {
        update.executeUpdate("UPDATE note SET body = 'later' WHERE id = 2");
      }
      assertThat(body(reader, 2)).isEqualTo("later");
      // A checkpoint can only complete when no reader holds an old snapshot.
      try (var s = writer.createStatement();
          var r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
        r.next();
        assertThat(r.getInt(1)).as("checkpoint busy").isZero();
      }
    }
  }

  @Test
  void onlyTheMostRecentlyUsedStatementsAreKeptAndAllStillWork() throws SQLException {
    try (var c = connections.getConnection()) {
      var seen = new ArrayList<String>();
      for (int round = 0; round < 2; round++) {
        for (int i = 0; i < SqliteStatementCache.STATEMENTS_PER_CONNECTION * 2; i++) {
          try (var s = c.prepareStatement("SELECT body || '" + i + "' FROM note WHERE id = ?")) {
            s.setLong(1, 1);
            try (var rows = s.executeQuery()) {
              rows.next();
              seen.add(rows.getString(1));
            }
          }
        }
      }
      assertThat(seen)
          .hasSize(SqliteStatementCache.STATEMENTS_PER_CONNECTION * 4)
          .contains("first0", "first127");
    }
  }

  @Test
  void aStatementWhoseSettingsWereChangedIsNotHandedToTheNextUser() throws SQLException {
    try (var c = connections.getConnection()) {
      var sql = "SELECT body FROM note ORDER BY id";
      var limited = c.prepareStatement(sql);
      limited.setMaxRows(1);
      limited.close();
      try (var next = c.prepareStatement(sql);
          var rows = next.executeQuery()) {
        assertThat(next).isNotSameAs(limited);
        int count = 0;
        while (rows.next()) count++;
        assertThat(count).isEqualTo(2);
      }
    }
  }

  @Test
  void writesAreKeptAndWriteEachTimeTheyAreUsed() throws SQLException {
    try (var c = connections.getConnection()) {
      var insert = "INSERT INTO note (body) VALUES (?)";
      var first = c.prepareStatement(insert);
      first.setString(1, "third");
      assertThat(first.executeUpdate()).isEqualTo(1);
      first.close();
      try (var second = c.prepareStatement(insert)) {
        assertThat(second).isSameAs(first);
        second.setString(1, "fourth");
        assertThat(second.executeUpdate()).isEqualTo(1);
      }
      assertThat(body(c, 3)).isEqualTo("third");
      assertThat(body(c, 4)).isEqualTo("fourth");
    }
  }

  @Test
  void aKeptInsertLeavesNothingInProgressForVacuum() throws SQLException {
    try (var c = connections.getConnection()) {
      try (var insert = c.prepareStatement("INSERT INTO note (body) VALUES (?)")) {
        insert.setString(1, "kept");
        insert.executeUpdate();
      }
      try (var vacuum = c.createStatement()) {
        vacuum.execute("VACUUM INTO '" + folder.resolve("copy.db") + "'");
      }
      assertThat(folder.resolve("copy.db")).exists();
    }
  }

  @Test
  void batchesAndGeneratedKeysAreNotKept() throws SQLException {
    try (var c = connections.getConnection()) {
      var insert = "INSERT INTO note (body) VALUES (?)";
      var batch = c.prepareStatement(insert);
      batch.setString(1, "a");
      batch.addBatch();
      batch.setString(1, "b");
      batch.addBatch();
      assertThat(batch.executeBatch()).containsExactly(1, 1);
      batch.close();
      assertThat(batch.isClosed()).isTrue();
      long[] keys = new long[2];
      for (int i = 0; i < 2; i++) {
        try (var keyed = c.prepareStatement(insert)) {
          assertThat(keyed).isNotSameAs(batch);
          keyed.setString(1, "keyed " + i);
          keyed.executeUpdate();
          try (var generated = keyed.getGeneratedKeys()) {
            assertThat(generated.next()).isTrue();
            keys[i] = generated.getLong(1);
          }
        }
      }
      assertThat(keys[1]).isEqualTo(keys[0] + 1);
      assertThat(body(c, keys[1])).isEqualTo("keyed 1");
    }
  }

  private static String body(Connection c, long id) throws SQLException {
    try (var s = c.prepareStatement("SELECT body FROM note WHERE id = ?")) {
      s.setLong(1, id);
      try (var rows = s.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }
}
