package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.testing.TestOutlet;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The reader's site over real HTTP: every page type, redirects, errors, caching and favorites; run on both databases. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SitePagesContract {
  TestOutlet site;

  /** The database the outlet runs on: SQLite in {@code folder}, or a fresh PostgreSQL database. */
  abstract String databaseUrl(Path folder);

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 300, java.util.Map.of());
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void every_page_type_answers_with_a_complete_accessible_page() {
    var article = firstArticlePath("/");
    for (var path : List.of(
        "/",
        "/world/",
        "/americas/",
        "/world/?page=2",
        "/series/40-years-of-the-coastal-accord",
        "/tag/climate",
        "/author/mara-okafor",
        "/favorites",
        article,
        "/ar/",
        "/ar/world/")) {
      var response = site.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      var page = Jsoup.parse(response.body());
      assertThat(page.select("html").attr("lang")).as(path).isNotEmpty();
      assertThat(page.select("header, nav, main#main, footer"))
          .as(path)
          .hasSizeGreaterThanOrEqualTo(4);
      assertThat(page.select("h1")).as(path).hasSize(1);
      assertThat(page.select("a.skip[href=#main]")).as(path).hasSize(1);
      assertThat(page.title()).as(path).isNotBlank();
      // Icons are drawn once a page and used by reference: each reference finds its drawing.
      for (var use : page.select("svg use"))
        assertThat(page.select("symbol[id=" + use.attr("href").substring(1) + "]"))
            .as(path + " " + use.attr("href"))
            .hasSize(1);
    }
    assertThat(Jsoup.parse(site.get("/").body()).select(".section-label svg use[href^=#]"))
        .isNotEmpty();
  }

  @Test
  void the_home_page_has_a_lead_top_stories_latest_section_blocks_and_both_banners() {
    var page = Jsoup.parse(site.get("/").body());
    assertThat(page.select(".lead .story-headline a")).hasSize(1);
    assertThat(page.select(".top-stories .story")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(page.select(".latest .story")).isNotEmpty();
    assertThat(page.select(".section-block")).hasSizeGreaterThanOrEqualTo(4);
    assertThat(page.select(".series-banner a").text()).isEqualTo("40 Years of the Coastal Accord");
    assertThat(page.select(".breaking a").text()).contains("Storm warning");
    assertThat(page.select("link[rel=alternate][hreflang=ar]")).hasSize(1);
  }

  @Test
  void an_article_page_has_every_element_of_the_reference_page() throws Exception {
    var path = firstArticlePath("/");
    var page = Jsoup.parse(site.get(path).body());
    var headline = page.select("h1").text();
    assertThat(page.title()).startsWith(headline);
    assertThat(page.select(".article .section-label").attr("href")).matches("/[a-z-]+/");
    assertThat(page.select(".article .section-label svg")).hasSize(1);
    var time = page.select(".article-meta time[datetime]").first();
    assertThat(Instant.parse(time.attr("datetime"))).isBefore(Instant.now());
    assertThat(time.text()).matches(".*(ago|now|minute|hour|day).*");
    assertThat(time.attr("title")).matches(".*20\\d\\d.*");
    // Related stories are dated: their relative times would have every page of their tag's
    // archive rendered again each time the newest one's text moved on.
    var related = page.select(".related time[datetime]");
    assertThat(related).isNotEmpty();
    for (var dated : related) {
      assertThat(dated.text()).matches(".*20\\d\\d.*").doesNotContain("ago");
      assertThat(dated.hasAttr("data-rel")).isFalse();
    }
    assertThat(page.select(".byline").text()).startsWith("By ");
    assertThat(page.select("form.star[method=post] button[aria-pressed=false]").text())
        .isEqualTo("Add to favorites");
    assertThat(page.select(".article-body p")).isNotEmpty();
    assertThat(page.select("link[rel=canonical]").attr("href")).isEqualTo(site.url(path));
    assertThat(page.select("meta[property=og:title]").attr("content")).isEqualTo(headline);
    assertThat(page.select("meta[property=og:type]").attr("content")).isEqualTo("article");
    assertThat(page.select("meta[name=twitter:card]").attr("content")).isEqualTo("summary");
    var jsonLd = new ObjectMapper()
        .readTree(page.select("script[type=application/ld+json]").html());
    assertThat(jsonLd.get("@type").asText()).isEqualTo("NewsArticle");
    assertThat(jsonLd.get("headline").asText()).isEqualTo(headline);
    assertThat(jsonLd.get("datePublished").asText()).isEqualTo(time.attr("datetime"));
    assertThat(jsonLd.get("author")).isNotEmpty();
  }

  /**
   * aria-current="page" marked every current link: a screen reader said "current page" for the
   * section link of each article in it, and of the section's page 2.
   */
  @Test
  void only_a_link_to_the_page_itself_is_announced_as_the_current_page() {
    var home = Jsoup.parse(site.get("/").body());
    assertThat(home.select("nav.sections a[aria-current=page]").eachText())
        .containsExactly(home.select("nav.sections a").first().text());
    var section = home.select("nav.sections a").get(1).attr("href");

    var first = Jsoup.parse(site.get(section).body());
    assertThat(first.select("nav.sections a[aria-current=page]").eachAttr("href"))
        .containsExactly(section);
    assertThat(first.select(".breadcrumb a[aria-current=page]").eachAttr("href"))
        .containsExactly(section);

    var second = site.get(section + "?page=2");
    assertThat(second.statusCode()).isEqualTo(200);
    var page2 = Jsoup.parse(second.body());
    assertThat(page2.select("a[aria-current=page]")).isEmpty();
    assertThat(page2.select("nav.sections a[aria-current=true]").eachAttr("href"))
        .containsExactly(section);

    var article = Jsoup.parse(
        site.get(first.select(".story-headline a").first().attr("href")).body());
    assertThat(article.select("a[aria-current=page]")).isEmpty();
  }

  @Test
  void a_byline_credits_staff_and_agencies_and_links_authors() {
    var id = site.outlet.database.read(h -> h.createQuery("""
        SELECT a.id FROM article a WHERE a.edition = 'en' AND a.status = 'published'
           AND EXISTS (SELECT 1 FROM article_byline b WHERE b.article_id = a.id AND b.credit = 'staff')
         ORDER BY a.id LIMIT 1""").mapTo(Long.class).one());
    var page = Jsoup.parse(site.get(pathOf(id)).body());
    assertThat(page.select(".byline").text()).isEqualTo("By Staff, Agencies");
    var withAuthor =
        site.outlet.database.read(h -> h.createQuery("""
        SELECT a.id FROM article a JOIN article_byline b ON b.article_id = a.id
         WHERE a.edition = 'en' AND a.status = 'published' AND b.author_id IS NOT NULL ORDER BY a.id LIMIT 1""").mapTo(Long.class).one());
    var author = Jsoup.parse(site.get(pathOf(withAuthor)).body())
        .select(".byline a[rel=author]")
        .first();
    assertThat(author.attr("href")).startsWith("/author/");
    assertThat(site.get(author.attr("href")).statusCode()).isEqualTo(200);
  }

  @Test
  void the_arabic_edition_is_right_to_left_and_speaks_arabic() {
    var home = Jsoup.parse(site.get("/ar/").body());
    assertThat(home.select("html").attr("dir")).isEqualTo("rtl");
    assertThat(home.select("html").attr("lang")).isEqualTo("ar");
    assertThat(home.select(".top-stories h2").text()).isEqualTo("أهم الأخبار");
    var article = Jsoup.parse(site.get(firstArticlePath("/ar/")).body());
    assertThat(article.select(".article-meta time").first().text())
        .containsAnyOf("قبل", "الآن", "أمس");
    assertThat(article.select("form.star button").text()).isEqualTo("أضف إلى المفضلة");
    assertThat(site.get("/ar").statusCode()).isEqualTo(301);
  }

  @Test
  void corrections_and_updates_are_shown_on_the_article() {
    var corrected =
        site.outlet.database.read(h -> h.createQuery("""
        SELECT c.article_id FROM correction c JOIN article a ON a.id = c.article_id
         WHERE a.status = 'published' AND a.edition = 'en' ORDER BY c.article_id LIMIT 1""").mapTo(Long.class).findOne());
    corrected.ifPresent(id -> assertThat(
            Jsoup.parse(site.get(pathOf(id)).body()).select(".corrections p").text())
        .contains("Correction"));
    var updated =
        site.outlet.database.read(h -> h.createQuery("""
        SELECT id FROM article WHERE status = 'published' AND edition = 'en' AND updated_at IS NOT NULL ORDER BY id LIMIT 1""").mapTo(Long.class).one());
    assertThat(Jsoup.parse(site.get(pathOf(updated)).body()).select(".updated").text())
        .startsWith("Updated");
  }

  @Test
  void
      an_old_slug_a_wrong_date_or_section_and_a_missing_slash_answer_301_to_the_canonical_address() {
    var alias = site.outlet.database.read(h -> h.createQuery("""
        SELECT al.slug, al.article_id FROM article_alias al JOIN article a ON a.id = al.article_id
         WHERE a.status = 'published' AND a.edition = 'en' ORDER BY al.slug LIMIT 1""")
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2)})
        .findOne());
    var canonical = pathOf(alias.map(a -> (Long) a[1]).orElseGet(() -> firstArticleId()));
    alias.ifPresent(a -> {
      var response = site.get("/world/2020/01/01/" + a[0]);
      assertThat(response.statusCode()).isEqualTo(301);
      assertThat(response.headers().firstValue("Location")).contains(canonical);
    });
    var slug = canonical.substring(canonical.lastIndexOf('/') + 1);
    var moved = site.get("/sport/1999/12/31/" + slug);
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location")).contains(canonical);
    assertThat(site.get("/world").headers().firstValue("Location")).contains("/world/");
  }

  @Test
  void a_changed_slug_keeps_answering_from_its_old_address() {
    long id = firstArticleId();
    var before = pathOf(id);
    var article = site.outlet.articles.find(id).orElseThrow();
    site.editArticle(id, article.headline(), article.slug() + "-renamed");
    var after = pathOf(id);
    assertThat(after).endsWith("-renamed");
    awaitTrue(() -> site.get(before).statusCode()
        == 301); // a cached copy of the old page is dropped within moments
    var response = site.get(before);
    assertThat(response.statusCode()).isEqualTo(301);
    assertThat(response.headers().firstValue("Location")).contains(after);
  }

  @Test
  void unknown_unpublished_and_malformed_addresses_get_friendly_4xx_pages() throws Exception {
    var unpublished = site.outlet.database.read(h -> h.createQuery(
            "SELECT id FROM article WHERE status = 'unpublished' AND edition = 'en' ORDER BY id LIMIT 1")
        .mapTo(Long.class)
        .one());
    var a = site.outlet.articles.find(unpublished).orElseThrow();
    var gone = site.get("/" + a.section().slug() + "/2026/01/01/" + a.slug());
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(Jsoup.parse(gone.body()).select("h1").text())
        .isEqualTo("This story has been removed");

    assertErrorPage(site.get("/no-such-section/"), 404);
    assertErrorPage(site.get("/world/2026/01/01/no-such-story"), 404);
    assertErrorPage(site.get("/world/20x6/01/01/story"), 404);
    assertErrorPage(site.get("/tag/no-such-tag"), 404);
    assertErrorPage(site.get("/ar/author/nobody"), 404);
    assertErrorPage(site.get("/world/?page=abc"), 400);
    assertErrorPage(site.get("/world/?page=0"), 400);
    assertThat(rawRequest("GET /world/?page=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertErrorPage(site.get("/world/?page=999999"), 404);
    assertErrorPage(site.get("/world/?page=400"), 404);
    assertThat(
            Jsoup.parse(site.get("/ar/no-such-section/").body()).select("html").attr("dir"))
        .isEqualTo("rtl");
  }

  @Test
  void oversized_headers_and_invalid_utf8_are_refused_without_a_stack_trace() throws Exception {
    var huge = site.get("/", "X-Padding", "x".repeat(40_000));
    assertThat(huge.statusCode()).isEqualTo(431);
    assertThat(huge.body()).doesNotContain("at org.", "Exception");
    var raw =
        rawRequest("GET /world/%C3%28 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 4");
    assertThat(raw).doesNotContain("at org.", "Exception");
    var badQuery = rawRequest(
        "GET /world/?page=%C3%28 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    assertThat(badQuery).startsWith("HTTP/1.1 400");
    for (var path : new String[] {
      "/api/v1/articles?page=%zz", "/api/v1/articles?edition=%E0%A4", "/newsroom/login?next=%"
    }) {
      assertThat(rawRequest("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
          .as(path)
          .startsWith("HTTP/1.1 400");
    }
    var badForm = site.postForm("/favorites", "article=%zz&starred=true");
    assertThat(badForm.statusCode()).isEqualTo(400);
    assertThat(badForm.body()).doesNotContain("Exception");
  }

  @Test
  void head_requests_answer_like_get_without_a_body() {
    var head = site.send(HttpRequest.newBuilder(URI.create(site.url("/")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(head.body()).isEmpty();
    var missing = site.send(HttpRequest.newBuilder(URI.create(site.url("/no-such-section/")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build());
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void cached_pages_carry_etags_answer_304_and_come_gzipped() throws Exception {
    var path = firstArticlePath("/");
    var first = site.get(path);
    var etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(first.headers().firstValue("Cache-Control")).contains("public, max-age=60");
    assertThat(site.get(path, "If-None-Match", etag).statusCode()).isEqualTo(304);
    var gzipped = site.http.send(
        HttpRequest.newBuilder(URI.create(site.url(path)))
            .header("Accept-Encoding", "gzip")
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
    var unzipped = new String(
        new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes(),
        StandardCharsets.UTF_8);
    assertThat(unzipped).isEqualTo(first.body());
    assertThat(site.get(
                "/", "If-None-Match", site.get("/").headers().firstValue("ETag").orElseThrow())
            .statusCode())
        .isEqualTo(304);
  }

  @Test
  void a_change_to_an_article_reaches_its_page_the_home_page_and_its_section_at_once() {
    long id = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    var path = pathOf(id);
    var sectionPath =
        "/" + site.outlet.articles.find(id).orElseThrow().section().slug() + "/";
    var oldEtag = site.get(path).headers().firstValue("ETag").orElseThrow();
    site.get("/");
    site.get(sectionPath);
    var headline = "Ferry service resumes " + System.nanoTime();
    site.retitle(id, headline);
    awaitTrue(() -> site.get(path).body().contains(headline));
    assertThat(site.get(path, "If-None-Match", oldEtag).statusCode()).isEqualTo(200);
    assertThat(site.get("/").body()).contains(headline);
    assertThat(site.get(sectionPath).body()).contains(headline);
  }

  @Test
  void a_reader_without_javascript_stars_an_article_and_finds_it_in_favorites() {
    var path = firstArticlePath("/");
    var headline = Jsoup.parse(site.get(path).body()).select("h1").text();
    var id = Jsoup.parse(site.get(path).body())
        .select("form.star input[name=article]")
        .val();
    var star = site.postForm(
        "/favorites",
        "article=" + id + "&starred=true&back=" + path,
        "Origin",
        site.url("").replaceAll("/$", ""));
    assertThat(star.statusCode()).isEqualTo(303);
    assertThat(star.headers().firstValue("Location")).contains(path);
    var cookie = star.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    var readerCookie = cookie.substring(0, cookie.indexOf(';'));

    var starredPage = site.get(path, "Cookie", readerCookie);
    assertThat(Jsoup.parse(starredPage.body()).select("form.star button").attr("aria-pressed"))
        .isEqualTo("true");
    assertThat(starredPage.headers().firstValue("Cache-Control")).contains("private, no-cache");
    assertThat(Jsoup.parse(site.get(path).body()).select("form.star button").attr("aria-pressed"))
        .isEqualTo("false");
    assertThat(Jsoup.parse(site.get("/favorites", "Cookie", readerCookie).body())
            .select(".listing h2")
            .text())
        .contains(headline);

    var json = site.postForm(
        "/favorites",
        "article=" + id + "&starred=false&back=" + path,
        "Cookie",
        readerCookie,
        "Accept",
        "application/json",
        "Sec-Fetch-Site",
        "same-origin");
    assertThat(json.body()).isEqualTo("{\"starred\":false}");
    assertThat(Jsoup.parse(site.get(path, "Cookie", readerCookie).body())
            .select("form.star button")
            .attr("aria-pressed"))
        .isEqualTo("false");
  }

  @Test
  void cross_site_posts_and_forged_cookies_and_foreign_redirects_are_refused() {
    var id = Jsoup.parse(site.get(firstArticlePath("/")).body())
        .select("form.star input[name=article]")
        .val();
    assertThat(site.postForm(
                "/favorites",
                "article=" + id + "&starred=true&back=/",
                "Sec-Fetch-Site",
                "cross-site")
            .statusCode())
        .isEqualTo(403);
    assertThat(site.postForm(
                "/favorites",
                "article=" + id + "&starred=true&back=/",
                "Origin",
                "https://elsewhere.example")
            .statusCode())
        .isEqualTo(403);
    var forged = site.postForm(
        "/favorites",
        "article=" + id + "&starred=true&back=//elsewhere.example/x",
        "Cookie",
        "mh_reader=1.forged");
    assertThat(forged.statusCode()).isEqualTo(303);
    assertThat(forged.headers().firstValue("Location")).contains("/");
    assertThat(forged.headers().firstValue("Set-Cookie").orElseThrow())
        .doesNotContain("mh_reader=1.");
    assertThat(site.postForm("/favorites", "article=abc&starred=true").statusCode())
        .isEqualTo(400);
    assertThat(site.postForm("/favorites", "article=99999999&starred=true").statusCode())
        .isEqualTo(404);
  }

  @Test
  void article_bodies_are_sanitised_and_operations_endpoints_answer() {
    var health = site.get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    var anyBody = site.outlet.database.read(
        h -> h.createQuery("SELECT body_html FROM article ORDER BY id LIMIT 1")
            .mapTo(String.class)
            .one());
    assertThat(anyBody).doesNotContain("<script");
    var home = site.get("/");
    assertThat(home.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("default-src 'self'"));
    var page = Jsoup.parse(home.body());
    assertThat(page.select("script[src], link[rel=stylesheet], img[src]"))
        .allSatisfy(e -> assertThat(e.hasAttr("src") ? e.attr("src") : e.attr("href"))
            .startsWith("/")); // no request leaves the site
    var css = site.get("/assets/site.css");
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.body()).contains("prefers-color-scheme: dark");
  }

  // ---- helpers --------------------------------------------------------------------------------

  String firstArticlePath(String home) {
    return Jsoup.parse(site.get(home).body()).select(".lead .story-headline a").attr("href");
  }

  long firstArticleId() {
    return site.outlet.articles.list("edition:en", 5, 1).getFirst().id();
  }

  String pathOf(long id) {
    return site.articlePath(id);
  }

  void assertErrorPage(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    Document page = Jsoup.parse(response.body());
    assertThat(page.select("main h1").text()).as(response.uri().toString()).isNotBlank();
    assertThat(page.select("main a[href]")).isNotEmpty();
    assertThat(response.body()).doesNotContain("Exception", "at io.");
  }

  void awaitTrue(Supplier<Boolean> condition) {
    io.masthead.testing.Await.within(Duration.ofSeconds(5), condition::get);
  }

  String rawRequest(String request) throws Exception {
    try (var socket = new Socket("127.0.0.1", site.port)) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
