package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.article.ArticleAction;
import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleInput;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.article.BodyRenderer;
import io.masthead.article.Credit;
import io.masthead.audit.AuditLog;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.demo.DemoOutlet;
import io.masthead.edition.Editions;
import io.masthead.favorite.FavoriteService;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.upkeep.Retention;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract, run on SQLite and on PostgreSQL by the two subclasses: one SQL, two databases. */
abstract class OutletStorageContract {
  @TempDir
  Path folder;

  Database database;
  ChangeLog changeLog;
  ArticleRepository articles;
  ArticleDesk desk;
  FavoriteService favorites;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:15:30.123Z"), ZoneOffset.UTC);

  abstract String databaseUrl(Path folder);

  @BeforeEach
  void open() {
    database = Database.open(databaseUrl(folder), null, null);
    changeLog = new ChangeLog(database, clock);
    articles = new ArticleRepository(database);
    desk = new ArticleDesk(
        database, changeLog, new BodyRenderer(), new AuditLog(database, clock), clock);
    favorites = new FavoriteService(database, changeLog, articles, clock);
    new DemoOutlet(database, changeLog, clock).create(80, (d, t) -> {});
  }

  @AfterEach
  void close() {
    changeLog.close();
    database.close();
  }

  @Test
  void a_migrated_schema_opens_without_flyway_and_one_missing_its_newest_migration_does_not() {
    assertThat(database.schemaIsCurrent()).isTrue();
    database
        .jdbi()
        .useHandle(h -> h.execute(
            "DELETE FROM flyway_schema_history WHERE version = ?", Database.NEWEST_MIGRATION));
    assertThat(database.schemaIsCurrent()).isFalse();
  }

  @Test
  void the_demo_outlet_has_two_editions_with_nested_sections_series_tags_and_authors() {
    var editions = Editions.load(database);
    assertThat(editions.all()).extracting(e -> e.code()).containsExactly("en", "ar");
    assertThat(editions.get("ar").rtl()).isTrue();
    assertThat(editions.defaultEdition().code()).isEqualTo("en");
    var tree = new SectionRepository(database).tree("ar");
    assertThat(tree.all()).hasSizeGreaterThanOrEqualTo(8);
    var americas = tree.findBySlug("americas").orElseThrow();
    assertThat(tree.pathTo(americas))
        .extracting(s -> s.slug())
        .containsExactly("world", "americas");
    assertThat(count("SELECT COUNT(*) FROM tag WHERE edition = 'en'")).isEqualTo(30);
    assertThat(count("SELECT COUNT(*) FROM author WHERE edition = 'ar'")).isEqualTo(12);
    assertThat(new SeriesRepository(database).promoted("en")).isPresent();
    assertThat(count("SELECT COUNT(*) FROM article")).isEqualTo(80);
  }

  @Test
  void a_listing_is_newest_first_and_a_parent_section_lists_its_subsections_stories() {
    var latest = articles.list("edition:en", 0, 20);
    assertThat(latest).hasSizeGreaterThan(10);
    for (int i = 1; i < latest.size(); i++) {
      assertThat(latest.get(i).publishedAt())
          .isBeforeOrEqualTo(latest.get(i - 1).publishedAt());
    }
    var tree = new SectionRepository(database).tree("en");
    var world = tree.findBySlug("world").orElseThrow();
    var inWorld = articles.list(world.listingKey(), 0, 100);
    var sectionsSeen = inWorld.stream().map(a -> a.section().slug()).distinct().toList();
    assertThat(sectionsSeen).isSubsetOf("world", "americas", "europe", "middle-east");
    assertThat(articles.list(world.listingKey(), 0, 100))
        .allMatch(a -> a.edition().equals("en"));
  }

  @Test
  void times_keep_their_instant_on_either_database() {
    long id = desk.create(Actor.PROGRAM, draft("Times are kept", null));
    desk.publish(Actor.PROGRAM, id);
    var article = articles.find(id).orElseThrow();
    assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
    assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
  }

  @Test
  void publishing_updating_and_unpublishing_keep_listings_aliases_and_the_change_log_in_step() {
    long id = desk.create(Actor.PROGRAM, draft("Harbour reopens after storm", null));
    assertThat(articles.list("edition:en", 0, 5)).noneMatch(a -> a.id() == id);
    long before = lastChangeId();
    desk.publish(Actor.PROGRAM, id);
    assertThat(articles.list("edition:en", 0, 1).getFirst().id()).isEqualTo(id);
    var published = changesAfter(before);
    assertThat(published).hasSize(1);
    assertThat(published.getFirst()).contains("article:" + id, "edition:en");

    update(id, draft("Harbour reopens after storm", "harbour-reopens-after-storm"));
    assertThat(articles.find(id).orElseThrow().updatedAt())
        .as("a save that changes no words")
        .isNull();
    update(id, draft("Harbour reopens after the storm", "harbour-reopens"));
    var updated = articles.find(id).orElseThrow();
    assertThat(updated.slug()).isEqualTo("harbour-reopens");
    assertThat(updated.updatedAt()).isNotNull();
    assertThat(updated.version()).isEqualTo(4);
    assertThat(articles.findByOldSlug("en", "harbour-reopens-after-storm"))
        .map(a -> a.id())
        .contains(id);

    desk.correct(Actor.PROGRAM, id, "An earlier version gave the wrong date.");
    assertThat(articles.find(id).orElseThrow().corrections())
        .extracting(c -> c.body())
        .containsExactly("An earlier version gave the wrong date.");

    desk.unpublish(Actor.PROGRAM, id);
    assertThat(articles.find(id).orElseThrow().status()).isEqualTo(ArticleStatus.UNPUBLISHED);
    assertThat(articles.list("edition:en", 0, 50)).noneMatch(a -> a.id() == id);
    assertThat(changesAfter(before).getLast()).contains("article:" + id, "edition:en");
  }

  @Test
  void the_change_log_follower_hands_new_changes_to_listeners() {
    var seen = new ArrayList<String>();
    changeLog.addListener(change -> seen.addAll(change.tags()));
    changeLog.start(60_000);
    long id = desk.create(Actor.PROGRAM, draft("Follow me", null));
    desk.publish(Actor.PROGRAM, id);
    changeLog.catchUp();
    assertThat(seen).contains("article:" + id);
  }

  @Test
  void a_slug_is_unique_within_an_edition() {
    desk.create(Actor.PROGRAM, draft("Same headline", "same-slug"));
    assertThatThrownBy(() -> desk.create(Actor.PROGRAM, draft("Same headline again", "same-slug")))
        .isInstanceOfSatisfying(
            Refusal.Invalid.class, e -> assertThat(e.byField()).containsKey("slug"));
    // A slug made from a headline is made unique instead.
    long first = desk.create(Actor.PROGRAM, draft("Twin headline", null));
    long second = desk.create(Actor.PROGRAM, draft("Twin headline", null));
    assertThat(articles.find(first).orElseThrow().slug()).isEqualTo("twin-headline");
    assertThat(articles.find(second).orElseThrow().slug()).isEqualTo("twin-headline-2");
  }

  @Test
  void favorites_are_starred_listed_and_unstarred_for_published_articles_only() {
    long reader = favorites.newReader();
    var live = articles.list("edition:en", 0, 3);
    assertThat(favorites.star(reader, live.get(0).id())).isTrue();
    assertThat(favorites.star(reader, live.get(1).id())).isTrue();
    assertThat(favorites.star(reader, live.get(1).id())).isTrue(); // twice is once
    assertThat(favorites.isStarred(reader, live.get(0).id())).isTrue();
    assertThat(favorites.list(reader, "en"))
        .extracting(a -> a.id())
        .containsExactlyInAnyOrder(live.get(0).id(), live.get(1).id());
    assertThat(favorites.list(reader, "ar")).isEmpty();
    favorites.unstar(reader, live.get(0).id());
    assertThat(favorites.isStarred(reader, live.get(0).id())).isFalse();
    long draft = desk.create(Actor.PROGRAM, draft("Not yet out", null));
    assertThat(favorites.star(reader, draft)).isFalse();
  }

  @Test
  void save_and_publish_is_one_step_and_a_failure_after_the_save_leaves_nothing_written() {
    long id = desk.create(Actor.PROGRAM, draft("Quay wall repaired", null));
    var input = draft("Quay wall repaired at last", null)
        .withTags(List.of("Brand-new tag " + System.nanoTime()));
    long changes = lastChangeId();
    desk.save(Actor.PROGRAM, id, input, 1, ArticleAction.PUBLISH, null);
    var article = articles.find(id).orElseThrow();
    assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
    assertThat(article.version()).as("one version for save and publish").isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM article_revision WHERE article_id = " + id))
        .as("one revision each")
        .isEqualTo(2);
    assertThat(changesAfter(changes)).as("one change row for the click").hasSize(1);

    // A failure after the content, the revision, the new tag and the status are written: the last
    // write of the command (its change row) fails, and nothing of the command may stay.
    long next = desk.create(Actor.PROGRAM, draft("Ferry timetable changes", null));
    var tagName = "Left behind " + System.nanoTime();
    long tagsBefore = count("SELECT COUNT(*) FROM tag");
    long revisionsBefore = count("SELECT COUNT(*) FROM article_revision");
    long auditBefore = count("SELECT COUNT(*) FROM audit_log");
    changes = lastChangeId();
    failChangeLogWrites(true);
    try {
      assertThatThrownBy(() -> desk.save(
              Actor.PROGRAM,
              next,
              draft("Ferry timetable changed", null).withTags(List.of(tagName)),
              1,
              ArticleAction.PUBLISH,
              null))
          .hasMessageContaining("injected");
    } finally {
      failChangeLogWrites(false);
    }
    var after = articles.find(next).orElseThrow();
    assertThat(after.status()).isEqualTo(ArticleStatus.DRAFT);
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.headline()).isEqualTo("Ferry timetable changes");
    assertThat(count("SELECT COUNT(*) FROM tag")).as("no tag left behind").isEqualTo(tagsBefore);
    assertThat(count("SELECT COUNT(*) FROM article_revision")).isEqualTo(revisionsBefore);
    assertThat(count("SELECT COUNT(*) FROM audit_log")).isEqualTo(auditBefore);
    assertThat(count("SELECT COUNT(*) FROM listing WHERE article_id = " + next)).isZero();
    assertThat(lastChangeId()).isEqualTo(changes);
  }

  @Test
  void two_saves_over_the_same_version_never_overwrite_each_other() {
    long id = desk.create(Actor.PROGRAM, draft("Two editors", null));
    desk.save(Actor.PROGRAM, id, draft("Two editors, first", null), 1, ArticleAction.SAVE, null);
    assertThatThrownBy(() -> desk.save(
            Actor.PROGRAM, id, draft("Two editors, second", null), 1, ArticleAction.SAVE, null))
        .isInstanceOfSatisfying(
            ArticleDesk.Conflict.class,
            c -> assertThat(c.current().headline()).isEqualTo("Two editors, first"));
    assertThat(articles.find(id).orElseThrow().headline()).isEqualTo("Two editors, first");
  }

  @Test
  void a_durable_follower_stopped_while_changes_are_made_sees_every_one_of_them_on_restart() {
    var seen = new java.util.concurrent.CopyOnWriteArrayList<Long>();
    var first = new ChangeLog(database, clock);
    first.follow("test-index", e -> seen.addAll(e.articleIds()));
    first.start(60_000);
    long before = desk.create(Actor.PROGRAM, draft("Seen while running", null));
    first.catchUp();
    first.close();
    assertThat(seen).containsExactly(before);

    var whileDown = new ArrayList<Long>();
    for (int i = 0; i < 3; i++)
      whileDown.add(
          desk.create(Actor.PROGRAM, draft("Made while the follower was down " + i, null)));
    // A change a volatile cache never sees: it starts at the newest row.
    var second = new ChangeLog(database, clock);
    var cache = new ArrayList<Long>();
    second.addListener(e -> cache.addAll(e.articleIds()));
    second.follow("test-index", e -> seen.addAll(e.articleIds()));
    second.start(60_000);
    second.catchUp();
    assertThat(seen).containsExactly(before, whileDown.get(0), whileDown.get(1), whileDown.get(2));
    assertThat(cache).isEmpty();
    second.close();
  }

  @Test
  void retention_keeps_the_change_log_sessions_and_sign_in_counters_bounded() {
    for (int i = 0; i < 50; i++) desk.create(Actor.PROGRAM, draft("Churn " + i, null));
    var later = Clock.offset(clock, java.time.Duration.ofDays(3));
    database.useTransaction(h -> {
      h.execute(
          "INSERT INTO staff (email, name, role, password_hash, created_at) VALUES ('x@example.com', 'X', 'editor', 'h', '"
              + "2026-01-01T00:00:00.000Z')");
      long staff = h.createQuery("SELECT id FROM staff WHERE email = 'x@example.com'")
          .mapTo(Long.class)
          .one();
      for (int i = 0; i < 20; i++) {
        h.createUpdate(
                "INSERT INTO staff_session (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES (:t, :s, 'c', :at, :at)")
            .bind("t", "t" + i)
            .bind("s", staff)
            .bind("at", clock.instant())
            .execute();
        h.createUpdate("""
                INSERT INTO sign_in_counter (subject, window_start, attempts, last_at)
                VALUES (:subject, :at, 1, :at)""")
            .bind("subject", "address:192.0.2." + i)
            .bind("at", clock.instant())
            .execute();
      }
    });
    // A durable follower that has not caught up holds back what it still needs.
    var follower = new ChangeLog(database, clock);
    follower.follow("slow-follower", e -> {});
    follower.start(60_000);
    follower.close();
    long held = count("SELECT last_id FROM change_cursor WHERE follower = 'slow-follower'");
    desk.create(Actor.PROGRAM, draft("After the cursor", null));
    var pruned = new Retention(database, later, Retention.Policy.DEFAULT, "test").runOnce();
    assertThat(pruned.get("staff_session")).isEqualTo(20);
    assertThat(count("SELECT COUNT(*) FROM staff_session")).isZero();
    assertThat(count("SELECT COUNT(*) FROM sign_in_counter")).isZero();
    assertThat(count("SELECT MIN(id) FROM change_log"))
        .as("kept from the follower's cursor on")
        .isEqualTo(held + 1);
    assertThat(count("SELECT COUNT(*) FROM change_log")).isEqualTo(1);

    // With the follower gone for a month, its cursor goes too, and so does the log behind it.
    new Retention(
            database,
            Clock.offset(clock, java.time.Duration.ofDays(40)),
            Retention.Policy.DEFAULT,
            "test")
        .runOnce();
    assertThat(count("SELECT COUNT(*) FROM change_cursor")).isZero();
    assertThat(count("SELECT COUNT(*) FROM change_log")).isZero();
  }

  @Test
  void retention_drops_agency_files_after_ninety_days_and_keeps_their_items() {
    var desk = new io.masthead.wire.WireDesk(
        database, new io.masthead.audit.AuditLog(database, clock), this.desk, clock);
    long source = desk.addSource(
        Actor.PROGRAM,
        new io.masthead.wire.WireDesk.SourceInput("Kestrel", "ninjs", "", "", null, true));
    var received = desk.ingest(
        Actor.PROGRAM,
        source,
        "item.json",
        "{\"uri\": \"urn:k:1\", \"version\": 1, \"language\": \"en\", \"headline\": \"Rates held\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    long item = received.items().getFirst().itemId();
    var wire = new io.masthead.wire.WireRepository(database);
    assertThat(wire.deliveryContent(item, 1)).isPresent();
    new Retention(
            database,
            Clock.offset(clock, java.time.Duration.ofDays(89)),
            Retention.Policy.DEFAULT,
            "test")
        .runOnce();
    assertThat(wire.deliveryContent(item, 1)).isPresent();
    var pruned = new Retention(
            database,
            Clock.offset(clock, java.time.Duration.ofDays(91)),
            Retention.Policy.DEFAULT,
            "test")
        .runOnce();
    assertThat(pruned.get("wire_delivery")).isEqualTo(1);
    assertThat(wire.deliveryContent(item, 1)).isEmpty();
    assertThat(wire.item(item).orElseThrow().headline()).isEqualTo("Rates held");
  }

  @Test
  void a_second_article_with_a_long_headline_gets_a_valid_numbered_slug_it_can_be_saved_with() {
    // The slug of this headline is "a" x 114, "-", "bbbb": cutting it at a fixed length for the
    // "-2" once left "a…a--2", which no save could keep.
    var headline = "a".repeat(114) + " " + "b".repeat(20);
    long first = desk.create(Actor.PROGRAM, draft(headline, null));
    long second = desk.create(Actor.PROGRAM, draft(headline, null));
    var slug = articles.find(second).orElseThrow().slug();
    assertThat(io.masthead.text.Slug.isValid(slug)).as(slug).isTrue();
    assertThat(slug)
        .endsWith("-2")
        .isNotEqualTo(articles.find(first).orElseThrow().slug());
    desk.save(Actor.PROGRAM, second, draft(headline + " again", slug), 1, ArticleAction.SAVE, null);
    assertThat(articles.find(second).orElseThrow().slug()).isEqualTo(slug);
  }

  @Test
  void storage_refuses_a_time_its_format_would_not_sort_on_either_database() {
    // "+10000-…" sorts before "2026-…" as SQLite text: such a schedule once published at once.
    for (var time : new String[] {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"}) {
      assertThatThrownBy(() -> database.useTransaction(
              h -> h.createUpdate("UPDATE article SET published_at = :at WHERE id = -1")
                  .bind("at", Instant.parse(time))
                  .execute()))
          .as(time)
          .hasStackTraceContaining("cannot be stored");
    }
  }

  @Test
  void retention_runs_on_one_node_at_a_time() {
    var first = new Retention(database, clock, Retention.Policy.DEFAULT, "node-a");
    var second = new Retention(database, clock, Retention.Policy.DEFAULT, "node-b");
    assertThat(first.runOnce()).isNotEmpty();
    assertThat(second.runOnce()).as("node b while node a holds the lease").isEmpty();
    assertThat(first.runOnce()).as("the holder runs again").isNotEmpty();
    var later = Clock.offset(clock, java.time.Duration.ofMinutes(11));
    assertThat(new Retention(database, later, Retention.Policy.DEFAULT, "node-b").runOnce())
        .as("another node, once the lease ran out")
        .isNotEmpty();
  }

  /** Makes every insert into the change log fail, or stop failing: the last write of every command. */
  private void failChangeLogWrites(boolean fail) {
    database.useTransaction(h -> {
      if (database.dialect() == Dialect.SQLITE) {
        h.execute(
            fail
                ? "CREATE TRIGGER fail_changes BEFORE INSERT ON change_log BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
                : "DROP TRIGGER fail_changes");
      } else if (fail) {
        h.execute(
            "CREATE FUNCTION fail_changes() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql");
        h.execute(
            "CREATE TRIGGER fail_changes BEFORE INSERT ON change_log FOR EACH ROW EXECUTE FUNCTION fail_changes()");
      } else {
        h.execute("DROP TRIGGER fail_changes ON change_log");
        h.execute("DROP FUNCTION fail_changes()");
      }
    });
  }

  @Test
  void settings_make_one_secret_and_keep_it() {
    var settings = new Settings(database);
    var first = settings.secret("reader-cookie");
    assertThat(first).hasSize(32);
    assertThat(settings.secret("reader-cookie")).isEqualTo(first);
  }

  ArticleInput draft(String headline, String slug) {
    var section =
        new SectionRepository(database).tree("en").findBySlug("europe").orElseThrow();
    long author =
        database.read(h -> h.createQuery("SELECT MIN(id) FROM author WHERE edition = 'en'")
            .mapTo(Long.class)
            .one());
    String tag = database.read(h -> h.createQuery(
            "SELECT name FROM tag WHERE id = (SELECT MIN(id) FROM tag WHERE edition = 'en')")
        .mapTo(String.class)
        .one());
    return new ArticleInput(
        "en",
        section.id(),
        null,
        headline,
        "A standfirst.",
        slug,
        List.of(tag),
        "Body **text** <script>x()</script>",
        List.of(author),
        List.of(Credit.AGENCIES));
  }

  private void update(long id, ArticleInput input) {
    desk.save(Actor.PROGRAM, id, input, -1, ArticleAction.SAVE, null);
  }

  private long count(String sql) {
    return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private long lastChangeId() {
    return count("SELECT COALESCE(MAX(id), 0) FROM change_log");
  }

  private List<List<String>> changesAfter(long id) {
    return database
        .read(h -> h.createQuery("SELECT tags FROM change_log WHERE id > :id ORDER BY id")
            .bind("id", id)
            .mapTo(String.class)
            .list())
        .stream()
        .map(tags -> List.of(tags.split(" ")))
        .toList();
  }
}
