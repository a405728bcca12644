package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestOutlet;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site with the page cache off (server.page-cache=false), the configuration the benchmark's
 * render-path scenario measures: every request reads the database (through kept SQLite
 * statements), renders and compresses, and must still give each reader the right page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RenderPathIT {
  private TestOutlet site;

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(
        folder,
        io.masthead.testing.TestDatabases.sqlite(folder),
        120,
        Map.of("server.page-cache", "false"));
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void many_articles_read_in_turn_each_show_their_own_headline_byline_and_body() {
    var articles = site.outlet.articles.list("edition:en", 0, 60);
    for (int round = 0; round < 2; round++) {
      for (var summary : articles) {
        var article = site.outlet.articles.find(summary.id()).orElseThrow();
        var page = Jsoup.parse(site.get(pathOf(summary.id())).body());
        assertThat(page.select("h1").text()).isEqualTo(article.headline());
        assertThat(page.select(".article-body").html()).isNotEmpty();
        assertThat(page.select("form.star input[name=article]").val())
            .isEqualTo(Long.toString(article.id()));
      }
    }
  }

  @Test
  void pages_come_gzipped_with_etags_and_a_matching_etag_answers_304() throws Exception {
    var path = pathOf(site.outlet.articles.list("edition:en", 3, 1).getFirst().id());
    var plain = site.get(path);
    var gzipped = site.http.send(
        HttpRequest.newBuilder(URI.create(site.url(path)))
            .header("Accept-Encoding", "gzip")
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    assertThat(gzipped.headers().firstValue("Content-Length"))
        .contains(Integer.toString(gzipped.body().length));
    var unzipped = new String(
        new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(unzipped).isEqualTo(plain.body());
    var etag = plain.headers().firstValue("ETag").orElseThrow();
    assertThat(site.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void an_edit_shows_on_the_next_request_and_a_favorites_reader_sees_their_star() {
    long id = site.outlet.articles.list("edition:en", 7, 1).getFirst().id();
    var path = pathOf(id);
    var headline = "Night ferry timetable restored " + System.nanoTime();
    site.retitle(id, headline);
    assertThat(Jsoup.parse(site.get(path).body()).select("h1").text())
        .isEqualTo(headline); // no cache to wait for

    var reader = site.star(id, path);
    assertThat(Jsoup.parse(site.get(path, "Cookie", reader).body())
            .select("form.star button")
            .attr("aria-pressed"))
        .isEqualTo("true");
    assertThat(Jsoup.parse(site.get(path).body()).select("form.star button").attr("aria-pressed"))
        .isEqualTo("false");
  }

  private String pathOf(long id) {
    return site.articlePath(id);
  }
}
