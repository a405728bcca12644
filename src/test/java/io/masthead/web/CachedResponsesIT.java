package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.TestOutlet;
import io.masthead.web.site.SitePages;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached pages and renditions are answered in Jetty before Javalin's pipeline
 * ({@link CachedResponses}); a reader must not be able to tell: the answer from the cache has
 * the bytes and headers the page was first sent with, and the one Javalin's handler sends from
 * the same cache entry (an address with a query string goes that way).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachedResponsesIT {
  private TestOutlet site;

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, 40);
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void a_page_from_the_cache_has_the_bytes_and_headers_it_was_made_with() {
    long id = site.publishNew("en", "world", "Harbour lights switched on " + System.nanoTime());
    var article = site.articlePath(id);
    var arabic = firstArticleOf("/ar/");
    for (var path : List.of(article, arabic, "/", "/ar/", "/world/", "/feed", "/sitemap.xml")) {
      var made = gzipped(path);
      var cached = gzipped(path);
      var throughJavalin = gzipped(path + "?utm_source=test");
      assertThat(made.statusCode()).as(path).isEqualTo(200);
      assertThat(cached.statusCode()).as(path).isEqualTo(200);
      assertThat(cached.body()).as(path).isEqualTo(made.body());
      assertThat(headers(cached)).as(path).isEqualTo(headers(made));
      if (path.equals(article) || path.equals(arabic)) {
        // An article page ignores the query, so Javalin's handler sends the same cache entry.
        assertThat(throughJavalin.body()).as(path).isEqualTo(cached.body());
        assertThat(headers(throughJavalin)).as(path).isEqualTo(headers(cached));
      }
      var headers = cached.headers();
      assertThat(headers.firstValue("Content-Encoding")).as(path).contains("gzip");
      assertThat(headers.firstValue("Content-Length"))
          .as(path)
          .contains(Integer.toString(cached.body().length));
      assertThat(headers.firstValue("Content-Security-Policy")).as(path).isPresent();
      assertThat(headers.firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(headers.firstValue("ETag")).as(path).isPresent();
    }
  }

  @Test
  void a_matching_etag_is_a_304_and_a_reader_who_starred_gets_the_starred_page() {
    long id = site.publishNew("en", "world", "Night trains return " + System.nanoTime());
    var path = site.articlePath(id);
    var etag = site.get(path).headers().firstValue("ETag").orElseThrow();
    site.get(path); // now from the cache
    var notModified = site.get(path, "If-None-Match", etag);
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.body()).isEmpty();
    assertThat(notModified.headers().firstValue("ETag")).contains(etag);

    var reader = site.star(id, path);
    for (int i = 0; i < 2; i++) {
      var starred = site.get(path, "Cookie", "theme=dark; " + reader);
      assertThat(Jsoup.parse(starred.body()).select("form.star button").attr("aria-pressed"))
          .isEqualTo("true");
      assertThat(starred.headers().firstValue("Cache-Control")).contains("private, no-cache");
      assertThat(starred.headers().firstValue("Vary")).contains("Accept-Encoding, Cookie");
    }
    var forged = site.get(path, "Cookie", "mh_reader=1.forged");
    assertThat(Jsoup.parse(forged.body()).select("form.star button").attr("aria-pressed"))
        .isEqualTo("false");
    assertThat(forged.headers().firstValue("Cache-Control")).contains("public, max-age=60");
  }

  @Test
  void every_request_has_its_access_log_line_from_the_cache_and_from_javalin() throws Exception {
    var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("access");
    var written = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var appender =
        new ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent>() {
          @Override
          protected void append(ch.qos.logback.classic.spi.ILoggingEvent event) {
            written.addAll(event.getFormattedMessage().lines().toList());
          }
        };
    appender.start();
    logger.addAppender(appender);
    try {
      var path = site.articlePath(
          site.publishNew("en", "world", "Lighthouse keepers " + System.nanoTime()));
      site.get(path);
      site.get(path); // from the cache, answered in Jetty
      site.get(path + "?from=test"); // through Javalin
      site.get("/no-such-section/");
      var ok = " GET " + path + " 200 ";
      var wanted = List.of(ok, ok, ok, " GET /no-such-section/ 404 ");
      var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!containsAll(written, wanted) && System.nanoTime() < deadline)
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      assertThat(containsAll(written, wanted)).as("lines written: %s", written).isTrue();
      assertThat(written)
          .allMatch(line ->
              line.matches("\\d{4}-\\d{2}-\\d{2}T[\\d:.]{12}Z \\S+ \\S+ \\S+ \\d{3} \\d+ms"));
    } finally {
      logger.detachAppender(appender);
    }
  }

  private static boolean containsAll(java.util.Collection<String> lines, List<String> wanted) {
    var left = new ArrayList<>(lines);
    for (var part : wanted) {
      var found = left.stream().filter(line -> line.contains(part)).findFirst();
      if (found.isEmpty()) return false;
      left.remove(found.get());
    }
    return true;
  }

  @Test
  void broken_escapes_a_head_and_a_post_still_get_what_javalin_gives_them() {
    site.get("/world/");
    // Sent byte for byte (Java's client would escape the '%'): Javalin's check refuses them.
    assertThat(rawStatusLine("/world/%")).contains(" 400 ");
    assertThat(rawStatusLine("/world/%u002e")).contains(" 400 ");
    var head = site.send(HttpRequest.newBuilder(URI.create(site.url("/world/")))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .build());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    var post = site.send(HttpRequest.newBuilder(URI.create(site.url("/world/")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("a=b"))
        .build());
    assertThat(post.statusCode()).isIn(404, 405);
  }

  @Test
  void cached_pages_are_answered_while_requests_wait_for_their_bodies() throws Exception {
    var path =
        site.articlePath(site.publishNew("en", "world", "Ferry timetable " + System.nanoTime()));
    site.get(path); // in the cache now
    // Sign-in forms that promise a body and never send it: each holds a thread of Javalin's
    // waiting for the rest. Cached answers are sent on Jetty's selector threads, which must
    // never be the ones waiting, however many such requests there are (two per core here).
    var stalled = new ArrayList<java.net.Socket>();
    try {
      for (int i = 0; i < 2 * Runtime.getRuntime().availableProcessors() + 2; i++) {
        var socket = new java.net.Socket("127.0.0.1", site.port);
        socket
            .getOutputStream()
            .write(("POST /newsroom/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Origin: http://127.0.0.1:" + site.port + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 1000\r\n\r\nemail=a")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      for (int i = 0; i < 20; i++) {
        var page = site.send(HttpRequest.newBuilder(URI.create(site.url(path)))
            .timeout(Duration.ofSeconds(10))
            .build());
        assertThat(page.statusCode()).isEqualTo(200);
      }
    } finally {
      for (var socket : stalled) socket.close();
    }
  }

  @Test
  void a_listings_later_page_is_answered_from_the_cache_as_its_handler_answers_it() {
    var later = laterPageOfASection();
    var made = gzipped(later);
    var cached = gzipped(later);
    assertThat(made.statusCode()).isEqualTo(200);
    assertThat(cached.body()).isEqualTo(made.body());
    assertThat(headers(cached)).isEqualTo(headers(made));
    // The same page, however the handler is asked for it: the cache answers only "page=N".
    var path = later.substring(0, later.indexOf('?'));
    var number = later.substring(later.indexOf("page=") + 5);
    for (var other : List.of(path + "?page=0" + number, later + "&utm_source=test")) {
      var throughJavalin = gzipped(other);
      assertThat(throughJavalin.body()).as(other).isEqualTo(cached.body());
      assertThat(headers(throughJavalin)).as(other).isEqualTo(headers(cached));
    }
    // A "?" escaped into the path is no page number, and never that page.
    assertThat(rawStatusLine(path + "%3Fpage=" + number)).containsAnyOf(" 400 ", " 404 ");
    assertThat(gzipped(path).body()).isNotEqualTo(cached.body());
  }

  /** "/world/?page=2", with enough stories in the section to fill its first page. */
  private String laterPageOfASection() {
    for (int i = 0; i <= SitePages.PAGE_SIZE; i++)
      site.publishNew("en", "world", "Ferry timetable " + i + " " + System.nanoTime());
    var next = Jsoup.parse(site.get("/world/").body()).selectFirst("a[rel=next]");
    assertThat(next).as("a link to the section's second page").isNotNull();
    var address = URI.create(site.url("/world/")).resolve(next.attr("href"));
    return address.getRawPath() + "?" + address.getRawQuery();
  }

  private String rawStatusLine(String path) {
    try (var socket = new java.net.Socket("127.0.0.1", site.port)) {
      socket.setSoTimeout(20_000);
      socket
          .getOutputStream()
          .write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      var text = new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
      return text.substring(0, Math.max(0, text.indexOf("\r\n")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String firstArticleOf(String listing) {
    var link = Jsoup.parse(site.get(listing).body())
        .select("main a[href~=/\\d{4}/\\d{2}/\\d{2}/]")
        .first();
    assertThat(link).as("an article linked from " + listing).isNotNull();
    return URI.create("http://x" + link.attr("href")).getPath();
  }

  private HttpResponse<byte[]> gzipped(String path) {
    try {
      return site.http.send(
          HttpRequest.newBuilder(URI.create(site.url(path)))
              .header("Accept-Encoding", "gzip")
              .timeout(Duration.ofSeconds(20))
              .build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every header but the date, which moves on between two answers. */
  private static Map<String, List<String>> headers(HttpResponse<?> response) {
    var all = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    response.headers().map().forEach((name, values) -> {
      if (!name.equalsIgnoreCase("date")) all.put(name, values);
    });
    return all;
  }
}
