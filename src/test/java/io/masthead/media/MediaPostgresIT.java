package io.masthead.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.testing.Pictures;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media library on PostgreSQL, with two nodes: the same SQL as on SQLite (search with
 * escapes, filters, usage), alt text required to publish, and an edited picture that drops the
 * article's page on the other node too.
 */
class MediaPostgresIT {
  @TempDir
  Path a;

  @TempDir
  Path b;

  @Test
  void the_library_and_pictures_on_pages_work_the_same_on_postgres_across_nodes() {
    var url = TestDatabases.freshPostgres();
    try (var nodeA = TestOutlet.start(a, url, 20, Map.of());
        var nodeB = TestOutlet.join(b, url, Map.of())) {
      var desk = nodeA.outlet.mediaDesk;
      var picture = desk.upload(
          Actor.PROGRAM,
          "100%_river.jpg",
          new ByteArrayInputStream(Pictures.halves(1600, 900, Color.GREEN, Color.BLUE)),
          new MediaFields("", "A river in flood", "River Desk", "", 0.5, 0.5));
      var library = nodeA.outlet.media;
      // "%" and "_" are searched as themselves, not as wildcards.
      assertThat(page(library, "100%_")).extracting(Media::id).containsExactly(picture.id());
      assertThat(page(library, "100%x")).isEmpty();
      var month = YearMonth.now(ZoneOffset.UTC);
      var thisMonth = new MediaRepository.Filter(
          "",
          null,
          month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
          false);
      assertThat(library.list(thisMonth, 0, 100).media())
          .extracting(Media::id)
          .contains(picture.id());

      long article = nodeA.outlet.articleDesk.create(
          Actor.PROGRAM,
          new ArticleInput(
              "en",
              nodeA.sectionId("en", "world"),
              null,
              "River bursts its banks",
              "",
              "",
              List.of(),
              "Water rose overnight.",
              List.of(),
              List.of(Credit.STAFF),
              picture.id()));
      assertThatThrownBy(() -> nodeA.outlet.articleDesk.publish(Actor.PROGRAM, article))
          .isInstanceOf(Refusal.Invalid.class)
          .hasMessageContaining("alt text");
      desk.update(
          Actor.PROGRAM,
          picture.id(),
          new MediaFields("A river over its banks", "A river in flood", "River Desk", "", 0.3, 0.5),
          picture.version());
      nodeA.outlet.articleDesk.publish(Actor.PROGRAM, article);
      var used = new MediaRepository.Filter("", null, null, null, true);
      assertThat(library.list(used, 0, 100).media()).extracting(Media::id).contains(picture.id());
      assertThat(library.uses(picture.id()))
          .extracting(MediaRepository.Use::articleId)
          .containsExactly(article);

      var path = nodeB.articlePath(article);
      assertThat(alt(nodeB, path)).isEqualTo("A river over its banks");
      var current = desk.find(picture.id()).orElseThrow();
      desk.update(
          Actor.PROGRAM,
          picture.id(),
          new MediaFields(
              "The river from the bridge", current.caption(), current.credit(), "", 0.3, 0.5),
          current.version());
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!alt(nodeB, path).equals("The river from the bridge")) {
        if (System.nanoTime() > deadline) throw new AssertionError("node B kept the old page");
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
      }
    }
  }

  private static List<Media> page(MediaRepository library, String query) {
    return library
        .list(new MediaRepository.Filter(query, null, null, null, null), 0, 10)
        .media();
  }

  private static String alt(TestOutlet node, String path) {
    var img = Jsoup.parse(node.get(path).body()).selectFirst("figure.lead-figure img");
    return img == null ? "" : img.attr("alt");
  }
}
