package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class SiteTourTest {
  static final List<String> HOMES = List.of("/", "/ar/");

  static String kind(String path) {
    return SiteTour.kind(path, HOMES);
  }

  @Test
  void articles_of_one_edition_are_one_kind_and_the_other_edition_s_another() {
    assertThat(kind("/world/2026/01/02/storm-a1")).isEqualTo(kind("/sport/2025/11/30/final-b2"));
    assertThat(kind("/ar/world/2026/01/02/عاصفة-a1"))
        .isNotEqualTo(kind("/world/2026/01/02/storm-a1"));
  }

  @Test
  void home_section_series_tag_author_and_favorites_are_kinds_of_their_own() {
    var kinds = List.of(
            "/", "/world/", "/series/the-accord", "/tag/energy", "/author/ines", "/favorites")
        .stream()
        .map(SiteTourTest::kind)
        .distinct()
        .count();
    assertThat(kinds).isEqualTo(6);
    assertThat(kind("/ar/")).isNotEqualTo(kind("/"));
  }

  @Test
  void the_feeds_of_every_listing_are_one_kind_per_format() {
    assertThat(kind("/world/feed")).isEqualTo(kind("/tag/energy/feed"));
    assertThat(kind("/world/feed")).isNotEqualTo(kind("/world/feed.atom"));
    assertThat(kind("/ar/feed")).isNotEqualTo(kind("/feed"));
  }

  @Test
  void a_tour_reads_one_page_of_each_kind_never_the_newsroom_and_notes_server_errors()
      throws IOException {
    var asked = new ConcurrentLinkedQueue<String>();
    var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      var path = exchange.getRequestURI().getPath();
      asked.add(path);
      var body = path.equals("/")
          ? "<a href=\"/world/\">World</a><a href=\"/sport/\">Sport</a>"
              + "<a href=\"/world/2026/01/02/storm-a1\">Storm</a>"
              + "<a href=\"/sport/2026/01/03/final-b2\">Final</a>"
              + "<img src=\"/media/1/abc/16x9-400.webp\"><a href=\"/newsroom/\">Staff</a>"
          : "";
      // A search whose index is still being built says "try again soon": not an error.
      int status = path.equals("/sitemap.xml") ? 500 : path.equals("/search") ? 503 : 200;
      var bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    try {
      var tour = SiteTour.read(
          "http://127.0.0.1:" + server.getAddress().getPort(),
          List.of("/"),
          1,
          40,
          Duration.ofSeconds(10));
      assertThat(asked)
          .contains("/world/", "/world/2026/01/02/storm-a1", "/media/1/abc/16x9-400.webp");
      assertThat(asked).contains("/feed", "/search", "/sitemap.xml", "/no-such-page");
      assertThat(asked).doesNotContain("/sport/", "/sport/2026/01/03/final-b2", "/newsroom/");
      assertThat(tour.failures()).containsExactly("/sitemap.xml answered 500");
      assertThat(tour.pages()).isEqualTo(asked.stream().distinct().count());
    } finally {
      server.stop(0);
    }
  }
}
