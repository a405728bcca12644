package io.masthead.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.Config;
import io.masthead.Outlet;
import io.masthead.command.Actor;
import io.masthead.demo.DemoOutlet;
import io.masthead.edition.Editions;
import io.masthead.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer dies in the middle of a batch (its writer rolled back, as kill -9 leaves it: what
 * was not committed is gone, the cursor in the last commit with it) and starts again: it resumes
 * from its own commit and ends with every published article exactly once, and no other.
 */
class IndexerCrashIT {
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  @Test
  void an_indexer_killed_mid_batch_loses_nothing_and_duplicates_nothing(@TempDir Path folder) {
    var overrides = new HashMap<String, String>(Map.of("database.url", databaseUrl(folder)));
    try (var outlet = new Outlet(Config.load(folder, Map.of(), overrides), Clock.systemUTC())) {
      new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock).create(80, (d, t) -> {});
      var editions = Editions.load(outlet.database);
      var en = editions.get("en");
      var index = outlet.searchIndex(editions, Scope.READER);
      index.rebuild(en, (done, total) -> {});
      var generation = index.newestComplete(en).orElseThrow();
      var before = EditionIndex.open("en", generation, SearchAnalyzers.of("en"), en.timeZone());
      var built = before.position().orElseThrow();
      before.close();

      // Changes the index has not seen: new articles, unpublished ones, a retitled one.
      var published = outlet.articles.sample(200).stream()
          .filter(a -> a.edition().equals("en"))
          .toList();
      for (int i = 0; i < 3; i++)
        outlet.articleDesk.unpublish(Actor.PROGRAM, published.get(i).id());
      var retitled = published.get(3).id();
      var input =
          io.masthead.article.ArticleInput.of(outlet.articles.find(retitled).orElseThrow());
      outlet.articleDesk.save(
          Actor.PROGRAM,
          retitled,
          new io.masthead.article.ArticleInput(
              input.edition(),
              input.sectionId(),
              input.seriesId(),
              "Pangolin census completed",
              input.standfirst(),
              input.slug(),
              input.tagNames(),
              input.body(),
              input.authorIds(),
              input.credits()),
          -1,
          io.masthead.article.ArticleAction.SAVE,
          null);
      for (int i = 0; i < 5; i++) {
        long id = outlet.articleDesk.create(
            Actor.PROGRAM,
            new io.masthead.article.ArticleInput(
                "en",
                published.get(0).section().id(),
                null,
                "Okapi sighting number " + i,
                "",
                "",
                List.of(),
                "Seen in the forest.",
                List.of(),
                List.of(io.masthead.article.Credit.STAFF)));
        outlet.articleDesk.publish(Actor.PROGRAM, id);
      }

      // The first run: it handles some of the batch, then dies before its commit.
      var dying = EditionIndex.open("en", generation, SearchAnalyzers.of("en"), en.timeZone());
      var handled = new AtomicInteger();
      outlet.changeLog.follow(
          "search:en",
          new io.masthead.change.ChangeLog.Cursor() {
            @Override
            public java.util.Optional<io.masthead.change.ChangeLog.Position> load() {
              return dying.position();
            }

            @Override
            public void save(io.masthead.change.ChangeLog.Position position) {
              // Killed after six changes were put in the writer, before their commit.
              throw new IllegalStateException("kill -9");
            }
          },
          entry -> {
            // Dead after its sixth change: it handles nothing more.
            if (handled.get() >= 6) throw new IllegalStateException("kill -9");
            index.apply(dying, entry);
            handled.incrementAndGet();
          });
      outlet.changeLog.start(60_000);
      // The follower thread and this call race for the batch; whichever takes it dies.
      try {
        outlet.changeLog.catchUp();
      } catch (IllegalStateException killed) {
        assertThat(killed).hasMessage("kill -9");
      }
      assertThat(handled.get()).isEqualTo(6);
      dying.abandon();
      outlet.changeLog.unfollow("search:en");
      var afterCrash = EditionIndex.open("en", generation, SearchAnalyzers.of("en"), en.timeZone());
      assertThat(afterCrash.position()).contains(built);
      afterCrash.close();

      // The second run resumes from the index's own commit.
      try (var restarted = outlet.searchIndex(editions, Scope.READER).start()) {
        outlet.changeLog.catchUp();
        var served = restarted.serving("en").orElseThrow();
        assertThat(served.directory).isEqualTo(generation);
        var live = outlet.database.read(h -> h.createQuery(
                "SELECT id FROM article WHERE edition = 'en' AND status = 'published'")
            .mapTo(Long.class)
            .list());
        assertThat(served.size()).isEqualTo(live.size());
        for (var id : live)
          assertThat(served.documents(id)).as("article %d", id).isEqualTo(1);
        for (int i = 0; i < 3; i++)
          assertThat(served.documents(published.get(i).id())).isZero();
        assertThat(restarted.search("en", SearchRequest.of("okapi sighting")).total())
            .isEqualTo(5);
        assertThat(restarted.search("en", SearchRequest.of("pangolin")).hits())
            .extracting(SearchResults.Hit::articleId)
            .containsExactly(retitled);
        assertThat(served.position().orElseThrow().lastId()).isEqualTo(outlet.changeLog.newestId());
      }
    }
  }
}
