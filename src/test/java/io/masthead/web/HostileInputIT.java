package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.command.Role;
import io.masthead.testing.TestOutlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests that answered 500 when the outlet was attacked from outside, each sent byte for byte as
 * the attacker sent it (a raw socket: Java's HTTP client refuses to send most of them). Each must
 * now be a clear 4xx, and the server must go on answering.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {
  TestOutlet site;
  String editorToken;

  /** The database the outlet runs on: SQLite here, PostgreSQL in {@link HostileInputPostgresIT}. */
  String databaseUrl(Path folder) {
    return io.masthead.testing.TestDatabases.sqlite(folder);
  }

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 40, java.util.Map.of());
    var editor = site.outlet.staff.add(
        "editor@example.com", "Editor", Role.EDITOR, "correct horse battery", null);
    editorToken = site.outlet.apiTokens.create(editor, "tests");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  /** The status line's code of a request written as it is. */
  int status(String request) {
    var head = head(request);
    assertThat(head)
        .as("a status line for %s", request.lines().findFirst().orElse(""))
        .startsWith("HTTP/1.1 ");
    return Integer.parseInt(head.substring(9, 12));
  }

  String get(String target, String... headers) {
    var request = new StringBuilder(
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
    for (var header : headers) request.append(header).append("\r\n");
    return request.append("\r\n").toString();
  }

  @Test
  void percent_u_escapes_in_a_path_with_parameters_are_a_400() {
    for (var path : new String[] {
      "/tag/%u002e%u002e",
      "/world/2026/11/01/%u002e",
      "/ar/series/%u0041",
      "/newsroom/articles/%u0031",
      "/api/v1/articles/%u0031",
      "/world/%"
    }) {
      assertThat(status(get(path))).as(path).isEqualTo(400);
    }
  }

  @Test
  void a_truncated_arabic_slug_is_a_400_or_404_not_a_500() {
    // سلام with its last letter cut in half: the bytes do not decode as UTF-8.
    var target = "/ar/world/2026/11/01/%D8%B3%D9%84%D8%A7%D9";
    assertThat(status(get(target))).isIn(400, 404);
    assertThat(status(get("/ar/tag/%D8%B3%D9"))).isIn(400, 404);
  }

  @Test
  void a_nul_in_an_address_or_a_query_is_never_a_500() {
    // PostgreSQL refuses NUL in text: each of these reaches a query with it.
    for (var target : new String[] {
      "/tag/rail%00",
      "/author/%00",
      "/world%00/",
      "/world/2026/11/01/night%00trains",
      "/ar/tag/%D8%B3%00",
      "/search?q=rail%00trains",
      "/tag/rail/feed?page=%00",
      "/api/v1/articles?tag=rail%00",
      "/api/v1/search?q=%00"
    }) {
      assertThat(status(get(target))).as(target).isLessThan(500);
    }
    var favorite = site.postForm(
        "/favorites",
        "article=1%00&starred=true&back=/%00",
        "Origin",
        "http://127.0.0.1:" + site.port);
    assertThat(favorite.statusCode()).isLessThan(500);
  }

  @Test
  void an_accept_encoding_of_only_separators_gets_the_page_uncompressed() {
    for (var value : new String[] {";", ",,,,;;;;", "gzip;;q", ";q=1,", "gzip;q=", " "}) {
      assertThat(status(get("/", "Accept-Encoding: " + value))).as(value).isEqualTo(200);
    }
  }

  @Test
  void a_multipart_post_to_a_form_route_is_refused_as_unsupported() {
    var body = "--x\r\nContent-Disposition: form-data; name=\"article\"\r\n\r\n1\r\n--x--\r\n";
    for (var path : new String[] {"/favorites", "/newsroom/login", "/newsroom/articles"}) {
      var request = "POST " + path
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=x\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body;
      assertThat(status(request)).as(path).isEqualTo(415);
    }
  }

  @Test
  void a_long_query_on_a_newsroom_address_while_signed_out_still_leads_to_the_sign_in_page() {
    var query = "q=" + "x".repeat(12_000);
    var response = site.get("/newsroom/articles?" + query);
    assertThat(response.statusCode()).isEqualTo(303);
    var location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith("/newsroom/login?next=").hasSizeLessThan(2100);
  }

  @Test
  void a_schedule_time_far_out_of_range_is_a_422() {
    long draft =
        site.draft(site.outlet.staff.find("editor@example.com").orElseThrow().actor(), "Embargoed");
    for (var at : new String[] {
      "+1000000000-01-01T00:00:00Z",
      "+10000-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "2200-01-01T00:00:00Z"
    }) {
      var body = "{\"at\": \"" + at + "\"}";
      var request = "POST /api/v1/admin/articles/" + draft
          + "/schedule HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + "Authorization: Bearer " + editorToken
          + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\n\r\n" + body;
      assertThat(status(request)).as(at).isEqualTo(422);
    }
    assertThat(site.outlet.articles.find(draft).orElseThrow().status())
        .isEqualTo(io.masthead.article.ArticleStatus.DRAFT);
  }

  @Test
  void the_server_still_answers_after_all_of_it() {
    assertThat(status(get("/"))).isEqualTo(200);
  }

  @Test
  void a_body_with_a_picture_from_another_site_is_refused_with_a_field_problem() {
    var body =
        "{\"section\": \"world\", \"headline\": \"Remote\", \"byline\": [{\"credit\": \"staff\"}],"
            + " \"body\": \"Text.\\n\\n![x](https://elsewhere.example/x.jpg)\"}";
    var request = "POST /api/v1/admin/articles HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        + "Authorization: Bearer " + editorToken
        + "\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    assertThat(status(request)).isEqualTo(422);
  }

  @Test
  void an_origin_must_match_the_sites_scheme_host_and_port() {
    long id = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    for (var origin : new String[] {
      "https://127.0.0.1:" + site.port,
      "http://127.0.0.1:" + (site.port + 1),
      "http://localhost:" + site.port,
      "null"
    }) {
      var response =
          site.postForm("/favorites", "article=" + id + "&starred=true&back=/", "Origin", origin);
      assertThat(response.statusCode()).as(origin).isEqualTo(403);
    }
    var same = site.postForm(
        "/favorites",
        "article=" + id + "&starred=true&back=/",
        "Origin",
        "http://127.0.0.1:" + site.port);
    assertThat(same.statusCode()).isEqualTo(303);
  }

  /** The status line and headers of a request written as it is. */
  String head(String request) {
    try (var socket = new Socket("127.0.0.1", site.port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      var text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? text : text.substring(0, end);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void the_servers_own_error_answers_carry_the_security_headers() {
    var tooLargeHeader = get("/", "X-Filler: " + "x".repeat(20_000));
    var badRequestLine = "GET /\u0000 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    var tooLongUri = get("/" + "a".repeat(20_000));
    for (var request : new String[] {tooLargeHeader, badRequestLine, tooLongUri}) {
      var head = head(request);
      assertThat(head).as(head).startsWith("HTTP/1.1 4");
      assertThat(head.toLowerCase(java.util.Locale.ROOT))
          .as(head)
          .contains(
              "content-security-policy: default-src 'self'", "x-content-type-options: nosniff");
    }
  }

  @Test
  void a_headline_that_closes_a_script_stays_inside_the_pages_json_ld() throws Exception {
    long id = site.outlet.articles.list("edition:en", 0, 3).getLast().id();
    var headline = "Storm </script><script>alert(1)</script> & <!-- \"more\" -->";
    site.retitle(id, headline);
    var body = site.get(site.articlePath(id)).body();
    assertThat(body).doesNotContain("<script>alert(1)");
    var page = org.jsoup.Jsoup.parse(body);
    var inline = page.select("script:not([src])");
    assertThat(inline).hasSize(1);
    assertThat(inline.attr("type")).isEqualTo("application/ld+json");
    var jsonLd = new com.fasterxml.jackson.databind.ObjectMapper().readTree(inline.html());
    assertThat(jsonLd.get("headline").asText()).isEqualTo(headline);
    assertThat(page.select("h1").text()).isEqualTo(headline);
  }
}
