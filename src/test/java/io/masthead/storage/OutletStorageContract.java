package io.masthead.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.article.ArticleDraft;
import io.masthead.article.ArticleDraft.BylineRef;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleService;
import io.masthead.article.ArticleStatus;
import io.masthead.article.BodyRenderer;
import io.masthead.article.Credit;
import io.masthead.demo.DemoOutlet;
import io.masthead.edition.Editions;
import io.masthead.favorite.FavoriteService;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
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
  @TempDir Path folder;
  Database database;
  ChangeLog changeLog;
  ArticleRepository articles;
  ArticleService service;
  FavoriteService favorites;
  final Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:15:30.123Z"), ZoneOffset.UTC);

  abstract String databaseUrl(Path folder);

  @BeforeEach
  void open() {
    database = Database.open(databaseUrl(folder), null, null);
    changeLog = new ChangeLog(database, clock);
    articles = new ArticleRepository(database);
    service = new ArticleService(database, changeLog, new BodyRenderer(), clock);
    favorites = new FavoriteService(database, changeLog, articles, clock);
    new DemoOutlet(database, clock, new BodyRenderer(), new FrontPageRepository(database, changeLog, clock)).create(80, (d, t) -> {});
  }

  @AfterEach
  void close() {
    changeLog.close();
    database.close();
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
    assertThat(tree.pathTo(americas)).extracting(s -> s.slug()).containsExactly("world", "americas");
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
      assertThat(latest.get(i).publishedAt()).isBeforeOrEqualTo(latest.get(i - 1).publishedAt());
    }
    var tree = new SectionRepository(database).tree("en");
    var world = tree.findBySlug("world").orElseThrow();
    var inWorld = articles.list(world.listingKey(), 0, 100);
    var sectionsSeen = inWorld.stream().map(a -> a.section().slug()).distinct().toList();
    assertThat(sectionsSeen).isSubsetOf("world", "americas", "europe", "middle-east");
    assertThat(articles.list(world.listingKey(), 0, 100)).allMatch(a -> a.edition().equals("en"));
  }

  @Test
  void times_keep_their_instant_on_either_database() {
    long id = service.createDraft(draft("Times are kept", null));
    service.publish(id);
    var article = articles.find(id).orElseThrow();
    assertThat(article.publishedAt()).isEqualTo(Instant.parse("2026-11-20T10:15:30.123Z"));
    assertThat(article.status()).isEqualTo(ArticleStatus.PUBLISHED);
  }

  @Test
  void publishing_updating_and_unpublishing_keep_listings_aliases_and_the_change_log_in_step() {
    long id = service.createDraft(draft("Harbour reopens after storm", null));
    assertThat(articles.list("edition:en", 0, 5)).noneMatch(a -> a.id() == id);
    long before = lastChangeId();
    service.publish(id);
    assertThat(articles.list("edition:en", 0, 1).getFirst().id()).isEqualTo(id);
    var published = changesAfter(before);
    assertThat(published).hasSize(1);
    assertThat(published.getFirst()).contains("article:" + id, "edition:en");

    service.update(id, draft("Harbour reopens after storm", "harbour-reopens-after-storm"));
    assertThat(articles.find(id).orElseThrow().updatedAt()).as("a save that changes no words").isNull();
    service.update(id, draft("Harbour reopens after the storm", "harbour-reopens"));
    var updated = articles.find(id).orElseThrow();
    assertThat(updated.slug()).isEqualTo("harbour-reopens");
    assertThat(updated.updatedAt()).isNotNull();
    assertThat(updated.version()).isEqualTo(4);
    assertThat(articles.findByOldSlug("en", "harbour-reopens-after-storm")).map(a -> a.id()).contains(id);

    service.correct(id, "An earlier version gave the wrong date.");
    assertThat(articles.find(id).orElseThrow().corrections()).extracting(c -> c.body())
        .containsExactly("An earlier version gave the wrong date.");

    service.unpublish(id);
    assertThat(articles.find(id).orElseThrow().status()).isEqualTo(ArticleStatus.UNPUBLISHED);
    assertThat(articles.list("edition:en", 0, 50)).noneMatch(a -> a.id() == id);
    assertThat(changesAfter(before).getLast()).contains("article:" + id, "edition:en");
  }

  @Test
  void the_change_log_follower_hands_new_changes_to_listeners() {
    var seen = new ArrayList<String>();
    changeLog.addListener(change -> seen.addAll(change.tags()));
    changeLog.start(60_000);
    long id = service.createDraft(draft("Follow me", null));
    service.publish(id);
    changeLog.catchUp();
    assertThat(seen).contains("article:" + id);
  }

  @Test
  void a_slug_is_unique_within_an_edition() {
    service.createDraft(draft("Same headline", "same-slug"));
    assertThatThrownBy(() -> service.createDraft(draft("Same headline again", "same-slug")))
        .isInstanceOf(ArticleService.SlugTaken.class);
    // A slug made from a headline is made unique instead.
    long first = service.createDraft(draft("Twin headline", null));
    long second = service.createDraft(draft("Twin headline", null));
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
    assertThat(favorites.list(reader, "en")).extracting(a -> a.id()).containsExactlyInAnyOrder(live.get(0).id(), live.get(1).id());
    assertThat(favorites.list(reader, "ar")).isEmpty();
    favorites.unstar(reader, live.get(0).id());
    assertThat(favorites.isStarred(reader, live.get(0).id())).isFalse();
    long draft = service.createDraft(draft("Not yet out", null));
    assertThat(favorites.star(reader, draft)).isFalse();
  }

  @Test
  void settings_make_one_secret_and_keep_it() {
    var settings = new Settings(database);
    var first = settings.secret("reader-cookie");
    assertThat(first).hasSize(32);
    assertThat(settings.secret("reader-cookie")).isEqualTo(first);
  }

  private ArticleDraft draft(String headline, String slug) {
    var section = new SectionRepository(database).tree("en").findBySlug("europe").orElseThrow();
    long author = database.read(h -> h.createQuery("SELECT MIN(id) FROM author WHERE edition = 'en'").mapTo(Long.class).one());
    long tag = database.read(h -> h.createQuery("SELECT MIN(id) FROM tag WHERE edition = 'en'").mapTo(Long.class).one());
    return new ArticleDraft("en", section.id(), null, slug, headline, "A standfirst.", "Body **text** <script>x()</script>",
        List.of(BylineRef.author(author), BylineRef.credit(Credit.AGENCIES)), List.of(tag));
  }

  private long count(String sql) {
    return database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private long lastChangeId() {
    return count("SELECT COALESCE(MAX(id), 0) FROM change_log");
  }

  private List<List<String>> changesAfter(long id) {
    return database.read(h -> h.createQuery("SELECT tags FROM change_log WHERE id > :id ORDER BY id").bind("id", id)
        .mapTo(String.class).list()).stream().map(tags -> List.of(tags.split(" "))).toList();
  }
}
