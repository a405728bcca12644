package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.command.Actor;
import io.masthead.command.Role;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import io.masthead.webhook.WebhookEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An outlet moved from SQLite to PostgreSQL and back through the portable export: every row of
 * every exported table arrives the same (times, flags and numbers as each database keeps them),
 * the moved outlet takes new writes (its id sequences follow) and serves and searches; an export
 * cut short is refused with nothing written.
 */
class PortableIT {
  @TempDir
  Path source;

  @TempDir
  Path back;

  @Test
  void sqlite_to_postgresql_and_back_keeps_every_row() throws Exception {
    try (var site = TestOutlet.start(source, TestDatabases.sqlite(source), 40, Map.of())) {
      var editor = site.outlet.staff.add(
          "editor@example.com", "Editor", Role.EDITOR, "correct horse battery", null);
      site.outlet.apiTokens.create(editor, "moved");
      long id = site.publishNew("en", "world", "Moved between databases");
      site.retitle(id, "Moved between databases, retitled");
      site.outlet.articleDesk.correct(Actor.PROGRAM, id, "A correction that moves too.");
      long reader = site.outlet.favorites.newReader();
      site.outlet.favorites.star(reader, id);
      site.outlet.webhookDesk.register(
          Actor.PROGRAM, "https://93.184.216.34/hook", "", WebhookEvent.subscribable(), "moved");
      var original = rows(site.outlet.database);

      var toPostgres = new ByteArrayOutputStream();
      var exported = Portable.export(site.outlet.database, toPostgres, (t, n) -> {});
      assertThat(exported.get("article")).isEqualTo(41L);
      try (var postgres = Database.open(TestDatabases.freshPostgres(), "", "")) {
        Portable.importInto(
            postgres, new ByteArrayInputStream(toPostgres.toByteArray()), (t, n) -> {});
        assertThat(rows(postgres)).isEqualTo(original);
        // New rows get new ids: the sequences were moved past the imported ones.
        long next = postgres.inTransaction(h -> h.createUpdate(
                "INSERT INTO tag (edition, slug, name) VALUES ('en', 'after-the-move', 'After the move')")
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
        assertThat(next)
            .isGreaterThan(original.get("tag").stream()
                .mapToLong(r -> Long.parseLong(r.get("id")))
                .max()
                .orElse(0));
        postgres.useTransaction(h -> h.execute("DELETE FROM tag WHERE slug = 'after-the-move'"));

        var toSqlite = new ByteArrayOutputStream();
        Portable.export(postgres, toSqlite, (t, n) -> {});
        var url = TestDatabases.sqlite(back);
        try (var sqlite = Database.open(url, "", "")) {
          Portable.importInto(
              sqlite, new ByteArrayInputStream(toSqlite.toByteArray()), (t, n) -> {});
          assertThat(rows(sqlite)).isEqualTo(original);
        }
        try (var moved = TestOutlet.join(back, url, Map.of()).awaitSearch()) {
          assertThat(moved.get(moved.articlePath(id)).body())
              .contains("A correction that moves too.");
          long fresh = moved.publishNew("en", "world", "Written after the move");
          assertThat(fresh).isGreaterThan(id);
        }

        // Cut short: refused, and the empty target stays empty.
        var bytes = toSqlite.toByteArray();
        var cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        cut = new String(cut, java.nio.charset.StandardCharsets.UTF_8)
            .substring(
                0, new String(cut, java.nio.charset.StandardCharsets.UTF_8).lastIndexOf('\n') + 1)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var empty = Database.open(TestDatabases.freshPostgres(), "", "")) {
          var input = new ByteArrayInputStream(cut);
          assertThatThrownBy(() -> Portable.importInto(empty, input, (t, n) -> {}))
              .isInstanceOf(Portable.Refused.class)
              .hasMessageContaining("cut short");
          assertThat(empty.counts(java.util.List.of("article", "edition")).values())
              .containsOnly(0L);
          // And a second import into an outlet that holds one is refused.
          var again = new ByteArrayInputStream(toPostgres.toByteArray());
          assertThatThrownBy(() -> Portable.importInto(postgres, again, (t, n) -> {}))
              .isInstanceOf(Portable.Refused.class)
              .hasMessageContaining("not empty");
        }
      }
    }
  }

  /** Every exported table's rows, each value as the export writes it. */
  static Map<String, Set<Map<String, String>>> rows(Database database) {
    return io.masthead.testing.TableRows.of(database, Portable.TABLES);
  }
}
