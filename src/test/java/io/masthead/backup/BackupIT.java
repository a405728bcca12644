package io.masthead.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.Config;
import io.masthead.Outlet;
import io.masthead.command.Role;
import io.masthead.storage.Database;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup made while editors publish and readers star, put back into a new outlet: every
 * article, revision, favorite and account the backup holds is the source's, nothing written before
 * the backup began is missing, the counts are the manifest's, and the restored outlet serves and
 * searches. A damaged backup and a restore over an existing outlet are refused before anything is
 * written.
 */
class BackupIT {
  static final List<String> COMPARED =
      List.of("article", "article_revision", "favorite", "staff", "listing", "correction");

  static final String WRITTEN = "Written during the backup ";

  @TempDir
  Path source;

  @TempDir
  Path backups;

  @TempDir
  Path target;

  @Test
  void a_sqlite_backup_under_write_load_restores_every_row_it_holds() throws Exception {
    try (var site = TestOutlet.start(source, TestDatabases.sqlite(source), 60, Map.of())) {
      var backup = backups.resolve("b1");
      var before = backupUnderLoad(site, backup);
      var manifest = Backup.verify(backup);
      assertThat(manifest.database()).isEqualTo("sqlite");

      var config =
          Config.load(target, Map.of(), Map.of("database.url", TestDatabases.sqlite(target)));
      Backup.restore(backup, config);
      try (var restored = new Outlet(config, Clock.systemUTC())) {
        assertThat(Backup.compareCounts(manifest, restored.database)).isEmpty();
        assertRestoredRowsAreTheSources(site.outlet.database, restored.database, before);
      }
      try (var served =
          TestOutlet.join(target, TestDatabases.sqlite(target), Map.of()).awaitSearch()) {
        long id = before.newestArticle();
        assertThat(served.get(served.articlePath(id)).statusCode()).isEqualTo(200);
        var headline = served.outlet.articles.find(id).orElseThrow().headline();
        assertThat(served
                .get("/search?q="
                    + java.net.URLEncoder.encode(
                        "\"" + headline + "\"", java.nio.charset.StandardCharsets.UTF_8))
                .body())
            .contains(headline);
      }

      // Over an outlet that exists: refused, nothing touched.
      assertThatThrownBy(() -> Backup.restore(backup, config))
          .isInstanceOf(Backup.Failed.class)
          .hasMessageContaining("exists");
      // A damaged copy: refused before anything is written.
      var file = backup.resolve(Backup.SQLITE_FILE);
      var bytes = Files.readAllBytes(file);
      bytes[bytes.length / 2] ^= 0x55;
      Files.write(file, bytes);
      var elsewhere = Config.load(
          target.resolve("other"),
          Map.of(),
          Map.of("database.url", TestDatabases.sqlite(target.resolve("other"))));
      assertThatThrownBy(() -> Backup.restore(backup, elsewhere))
          .isInstanceOf(Backup.Failed.class)
          .hasMessageContaining("damaged");
      assertThat(Files.exists(target.resolve("other").resolve("test.db"))).isFalse();
      // Into a folder that is not empty: refused.
      assertThatThrownBy(() -> Backup.write(site.outlet.config, site.outlet.database, backup))
          .isInstanceOf(Backup.Failed.class)
          .hasMessageContaining("not empty");
    }
  }

  @Test
  void a_postgresql_backup_under_write_load_restores_into_an_empty_database() throws Exception {
    requirePgDump();
    var from = TestDatabases.freshPostgres();
    try (var site = TestOutlet.start(source, from, 60, Map.of())) {
      var backup = backups.resolve("pg");
      var before = backupUnderLoad(site, backup);
      var manifest = Backup.verify(backup);
      assertThat(manifest.database()).isEqualTo("postgresql");
      var into = TestDatabases.freshPostgres();
      var config = Config.load(target, Map.of(), Map.of("database.url", into));
      Backup.restore(backup, config);
      try (var restored = new Outlet(config, Clock.systemUTC())) {
        assertThat(Backup.compareCounts(manifest, restored.database)).isEmpty();
        assertRestoredRowsAreTheSources(site.outlet.database, restored.database, before);
      }
      assertThatThrownBy(() -> Backup.restore(backup, config))
          .isInstanceOf(Backup.Failed.class)
          .hasMessageContaining("already holds an outlet");
    }
  }

  /** What existed when the backup began. */
  record Before(Map<String, Set<Map<String, String>>> rows, long newestArticle) {}

  /**
   * Starts editors publishing and readers starring, makes the backup in the middle of it, stops
   * them; what the tables held just before the backup began.
   */
  private Before backupUnderLoad(TestOutlet site, Path backup) throws Exception {
    site.outlet.staff.add(
        "editor@example.com", "Editor", Role.EDITOR, "correct horse battery", null);
    long reader = site.outlet.favorites.newReader();
    var running = new AtomicBoolean(true);
    var written = new AtomicInteger();
    var writer = Thread.ofPlatform().start(() -> {
      int n = 0;
      while (running.get()) {
        long id = site.publishNew("en", "world", WRITTEN + n++);
        site.outlet.favorites.star(reader, id);
        written.incrementAndGet();
      }
    });
    try {
      while (written.get() < 5) Thread.onSpinWait();
      var before = new Before(
          snapshot(site.outlet.database),
          site.outlet.articles.list("edition:en", 0, 1).getFirst().id());
      Backup.write(site.outlet.config, site.outlet.database, backup);
      int during = written.get();
      while (written.get() < during + 3) Thread.onSpinWait(); // writes went on after it
      return before;
    } finally {
      running.set(false);
      writer.join();
    }
  }

  private static void assertRestoredRowsAreTheSources(
      Database source, Database restored, Before before) {
    var now = snapshot(source);
    var copy = snapshot(restored);
    for (var table : COMPARED) {
      // Every restored row is a row the source has (the backup is of one moment of it)…
      assertThat(now.get(table)).as(table).containsAll(settled(table, copy));
      // …and every row written before the backup began is in it.
      assertThat(copy.get(table)).as(table).containsAll(settled(table, before.rows()));
    }
  }

  /**
   * The table's rows but for the article the writer had made and not yet published at that moment
   * (it publishes in a second command): that row changes a moment later.
   */
  private static List<Map<String, String>> settled(
      String table, Map<String, Set<Map<String, String>>> rows) {
    return rows.get(table).stream()
        .filter(row -> !(table.equals("article")
            && "draft".equals(row.get("status"))
            && row.get("headline").startsWith(WRITTEN)))
        .toList();
  }

  /** Each compared table's rows, every column as text. */
  private static Map<String, Set<Map<String, String>>> snapshot(Database database) {
    return io.masthead.testing.TableRows.of(database, COMPARED);
  }

  private static void requirePgDump() {
    try {
      PostgresTools.tool("pg_dump");
    } catch (Backup.Failed e) {
      if ("true".equals(System.getenv("CI"))) throw new AssertionError("CI=true needs pg_dump", e);
      Assumptions.abort("no pg_dump: " + e.getMessage());
    }
  }
}
