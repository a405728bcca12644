package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.article.ArticleAction;
import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.command.Actor;
import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An article's related stories are those of its tag published just before it. A publish at the
 * top of the tag leaves the cached pages of the tag's older stories alone (in memory and at a
 * CDN: their Surrogate-Key does not name the tag's listing); an older story entering the tag drops
 * them, and they show it.
 */
class RelatedStoriesIT {
  private static final String TAG = "Harbour works";

  @TempDir
  Path folder;

  @Test
  void
      a_publish_in_a_tag_keeps_its_older_stories_pages_and_a_story_entering_behind_them_drops_them() {
    try (var site = TestOutlet.start(folder, 20)) {
      long first = site.publish("en", "world", "Dredging begins", "", "Text.", List.of(TAG));
      long second = site.publish("en", "world", "Cranes arrive", "", "Text.", List.of(TAG));
      long middle = site.publish("en", "world", "Quay wall rises", "", "Text.", List.of(TAG));
      long newest = site.publish("en", "world", "Berths open", "", "Text.", List.of(TAG));
      var tagId = site.outlet.database.read(
          h -> h.createQuery("SELECT id FROM tag WHERE edition = 'en' AND name = :name")
              .bind("name", TAG)
              .mapTo(Long.class)
              .one());
      var tagPage = "/tag/"
          + site.outlet.database.read(h -> h.createQuery("SELECT slug FROM tag WHERE id = :id")
              .bind("id", tagId)
              .mapTo(String.class)
              .one());

      var path = site.articlePath(middle);
      var page = site.get(path);
      assertThat(related(page.body())).containsExactly("Cranes arrive", "Dredging begins");
      var keys =
          List.of(page.headers().firstValue("Surrogate-Key").orElseThrow().split(" "));
      assertThat(keys)
          .contains("earlier:tag:" + tagId, "article:" + first, "article:" + second)
          .doesNotContain("tag:" + tagId, "article:" + newest);
      assertThat(site.get(tagPage).statusCode()).isEqualTo(200);
      assertThat(site.outlet.pageCache.find(tagPage)).isNotNull();

      site.publish("en", "world", "Ferries return", "", "Text.", List.of(TAG));
      awaitDropped(site, tagPage); // the publish has reached the page cache
      assertThat(site.outlet.pageCache.find(path))
          .as("what came before it did not change")
          .isNotNull();
      assertThat(site.outlet.pageCache.find(site.articlePath(newest))).isNull(); // never asked
      assertThat(related(site.get(site.articlePath(newest)).body()))
          .containsExactly("Quay wall rises", "Cranes arrive", "Dredging begins");

      // An older story of the demo outlet is given the tag: it came before the middle story.
      var firstAt = site.outlet.articles.find(first).orElseThrow().publishedAt();
      var older = site.outlet.articles.list("edition:en", 0, 50).stream()
          .filter(a -> a.publishedAt().isBefore(firstAt))
          .findFirst()
          .orElseThrow();
      var olderHeadline = older.headline();
      saveInTag(site, older.id(), olderHeadline);
      awaitDropped(site, path);
      assertThat(related(site.get(path).body()))
          .containsExactly("Cranes arrive", "Dredging begins", olderHeadline);

      // A story shown there is retitled: the page and the story as it keeps it follow.
      saveInTag(site, second, "Cranes arrive early");
      awaitDropped(site, path);
      assertThat(related(site.get(path).body()))
          .containsExactly("Cranes arrive early", "Dredging begins", olderHeadline);
    }
  }

  /** The program saves the published article with this headline, in the tag alone. */
  private static void saveInTag(TestOutlet site, long id, String headline) {
    var article = site.outlet.articles.find(id).orElseThrow();
    site.outlet.articleDesk.save(
        Actor.PROGRAM,
        id,
        new ArticleInput(
            article.edition(),
            article.section().id(),
            null,
            headline,
            article.standfirst(),
            article.slug(),
            List.of(TAG),
            article.bodyMarkdown(),
            List.of(),
            List.of(Credit.STAFF)),
        -1,
        ArticleAction.SAVE,
        null);
  }

  private static List<String> related(String html) {
    return Jsoup.parse(html).select(".related .story-headline").eachText();
  }

  private static void awaitDropped(TestOutlet site, String key) {
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (site.outlet.pageCache.find(key) != null) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(key + " still in the page cache after 10 s");
      LockSupport.parkNanos(10_000_000);
    }
  }
}
