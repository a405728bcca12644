package io.masthead.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.command.Role;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Content API and the Admin API over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  /** The database the outlet runs on; the PostgreSQL subclass runs the same tests there. */
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  static final ObjectMapper JSON = new ObjectMapper();
  TestOutlet site;
  String contributor;
  String editor;

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 80, Map.of());
    for (var role : Role.values())
      site.outlet.staff.add(
          role.code() + "@example.com", role.code(), role, "correct horse battery", null);
    contributor = site.outlet.apiTokens.create(
        site.outlet.staff.find("contributor@example.com").orElseThrow(), "tests");
    editor = site.outlet.apiTokens.create(
        site.outlet.staff.find("editor@example.com").orElseThrow(), "tests");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    var request = HttpRequest.newBuilder(URI.create(site.url(path)))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) request.header("Authorization", "Bearer " + token);
    return site.send(request.build());
  }

  JsonNode json(HttpResponse<String> response) {
    try {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  @Test
  void the_content_api_pages_and_filters_published_articles() {
    var page = json(site.get("/api/v1/articles?limit=5"));
    assertThat(page.get("items")).hasSize(5);
    assertThat(page.get("hasMore").asBoolean()).isTrue();
    var first = page.get("items").get(0);
    var article = json(site.get("/api/v1/articles/" + first.get("id").asLong()));
    for (var field : new String[] {
      "id",
      "edition",
      "section",
      "headline",
      "standfirst",
      "body",
      "status",
      "version",
      "url",
      "publishedAt",
      "byline"
    }) {
      assertThat(article.has(field)).as(field).isTrue();
    }
    assertThat(article.get("status").asText()).isEqualTo("published");
    assertThat(site.get(URI.create(article.get("url").asText()).getPath()).statusCode())
        .isEqualTo(200);
    var arabic = json(site.get("/api/v1/articles?edition=ar&section=world&limit=3"));
    assertThat(arabic.get("items"))
        .allSatisfy(a -> assertThat(a.get("edition").asText()).isEqualTo("ar"));
    assertThat(json(site.get("/api/v1/sections?edition=ar")).get("items").size())
        .isGreaterThanOrEqualTo(8);
    assertThat(json(site.get("/api/v1/tags")).get("items")).hasSize(30);
    // The structure's four lists, each with its own fields, in the edition asked for.
    var series = json(site.get("/api/v1/series?edition=ar")).get("items");
    assertThat(series).hasSize(2);
    assertThat(series).anySatisfy(s -> assertThat(s.get("promoted").asBoolean()).isTrue());
    assertThat(series.get(0).get("title").asText()).isNotBlank();
    var authors = json(site.get("/api/v1/authors")).get("items");
    assertThat(authors).hasSize(12);
    assertThat(authors)
        .allSatisfy(a -> assertThat(a.get("slug").asText()).isNotBlank())
        .allSatisfy(a -> assertThat(a.has("jobTitle") && a.has("bio")).isTrue());
    var sections = json(site.get("/api/v1/sections")).get("items");
    assertThat(sections).anySatisfy(s -> assertThat(s.get("parent").isNull()).isTrue());
    assertThat(sections).anySatisfy(s -> assertThat(s.get("parent").isNumber()).isTrue());
    assertThat(site.get("/api/v1/articles?page=abc").statusCode()).isEqualTo(400);
    assertThat(json(site.get("/api/v1/articles?limit=1000")).get("error").asText())
        .contains("limit must be between 1 and 100");
    assertThat(site.get("/api/v1/articles?section=nope").statusCode()).isEqualTo(404);
    assertThat(site.get("/api/v1/articles/0").statusCode()).isEqualTo(400);
    var openapi = json(site.get("/api/v1/openapi.json"));
    assertThat(openapi.get("openapi").asText()).startsWith("3.");
    assertThat(openapi.get("paths").has("/api/v1/admin/articles/{id}/publish")).isTrue();
    // Every API address the routes file registers is described (the media library's were not).
    var registered = new java.util.TreeSet<String>();
    var routes =
        java.util.regex.Pattern.compile("\"(/api/v1/[^\"]+)\"").matcher(readRoutesSource());
    while (routes.find()) registered.add(routes.group(1));
    var described = new java.util.TreeSet<String>();
    openapi.get("paths").fieldNames().forEachRemaining(described::add);
    assertThat(registered).contains("/api/v1/admin/media", "/api/v1/admin/media/{id}");
    assertThat(described)
        .containsAll(
            registered.stream().filter(p -> !p.equals("/api/v1/openapi.json")).toList());
    assertThat(
            openapi.at("/components/schemas/ArticleInput/properties/leadImage").isObject())
        .isTrue();
  }

  private static String readRoutesSource() {
    try {
      return java.nio.file.Files.readString(
          java.nio.file.Path.of("src/main/java/io/masthead/web/routes/Routes.java"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void a_contributor_drafts_and_submits_and_an_editor_publishes_through_the_admin_api() {
    var created = call("POST", "/api/v1/admin/articles", contributor, """
        {"edition": "en", "section": "science", "headline": "Glacier survey finds a new lake",
         "standfirst": "The lake formed in one summer.", "body": "Paragraph one.\\n\\nParagraph two.",
         "byline": [{"author": "ines-halvorsen"}, {"credit": "agencies"}], "tags": ["Glaciers", "Climate"]}""");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var article = json(created);
    long id = article.get("id").asLong();
    assertThat(article.get("status").asText()).isEqualTo("draft");
    assertThat(article.get("url").isNull()).isTrue();
    assertThat(article.get("byline").get(0).get("name").asText()).isEqualTo("Ines Halvorsen");

    var patched = call(
        "PATCH",
        "/api/v1/admin/articles/" + id,
        contributor,
        "{\"version\": 1, \"headline\": \"Glacier survey finds two new lakes\"}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(json(patched).get("version").asInt()).isEqualTo(2);
    assertThat(json(patched).get("standfirst").asText())
        .isEqualTo("The lake formed in one summer.");
    var stale = call(
        "PATCH",
        "/api/v1/admin/articles/" + id,
        contributor,
        "{\"version\": 1, \"headline\": \"Stale\"}");
    assertThat(stale.statusCode()).isEqualTo(409);
    assertThat(json(stale).get("currentVersion").asInt()).isEqualTo(2);

    assertThat(call("POST", "/api/v1/admin/articles/" + id + "/publish", contributor, null)
            .statusCode())
        .isEqualTo(403);
    assertThat(json(call("POST", "/api/v1/admin/articles/" + id + "/submit", contributor, null))
            .get("status")
            .asText())
        .isEqualTo("review");
    var published = call("POST", "/api/v1/admin/articles/" + id + "/publish", editor, null);
    assertThat(published.statusCode()).isEqualTo(200);
    var url = json(published).get("url").asText();
    awaitTrue(() -> site.get(URI.create(url).getRawPath())
        .body()
        .contains("Glacier survey finds two new lakes"));
    // A published article cannot be scheduled: the editor's rules say so.
    assertThat(call(
                "POST",
                "/api/v1/admin/articles/" + id + "/schedule",
                editor,
                "{\"at\": \"2099-01-01T00:00:00Z\"}")
            .statusCode())
        .isEqualTo(403);
  }

  @Test
  void scheduling_and_unpublishing_through_the_admin_api() {
    var created = json(call("POST", "/api/v1/admin/articles", editor, """
        {"section": "world", "headline": "Ceasefire talks resume", "body": "Text.", "byline": [{"credit": "staff"}]}"""));
    long id = created.get("id").asLong();
    var past = call(
        "POST",
        "/api/v1/admin/articles/" + id + "/schedule",
        editor,
        "{\"at\": \"2001-01-01T00:00:00Z\"}");
    assertThat(past.statusCode()).isEqualTo(409);
    assertThat(json(past).get("error").asText()).contains("future");
    assertThat(call(
                "POST",
                "/api/v1/admin/articles/" + id + "/schedule",
                editor,
                "{\"at\": \"tomorrow\"}")
            .statusCode())
        .isEqualTo(422);
    var scheduled = json(call(
        "POST",
        "/api/v1/admin/articles/" + id + "/schedule",
        editor,
        "{\"at\": \"2099-01-01T00:00:00Z\"}"));
    assertThat(scheduled.get("status").asText()).isEqualTo("scheduled");
    assertThat(scheduled.get("publishedAt").asText()).isEqualTo("2099-01-01T00:00:00Z");
    var live = json(call("POST", "/api/v1/admin/articles/" + id + "/publish", editor, null));
    var path = URI.create(live.get("url").asText()).getRawPath();
    assertThat(site.get(path).statusCode()).isEqualTo(200);
    assertThat(json(call("POST", "/api/v1/admin/articles/" + id + "/unpublish", editor, null))
            .get("status")
            .asText())
        .isEqualTo("unpublished");
    awaitTrue(() -> site.get(path).statusCode() == 410);
    assertThat(call("GET", "/api/v1/articles/" + id, null, null).statusCode()).isEqualTo(404);
    assertThat(json(call("GET", "/api/v1/admin/articles/" + id, editor, null))
            .get("status")
            .asText())
        .isEqualTo("unpublished");
  }

  @Test
  void bad_tokens_and_bad_bodies_get_clear_json_errors() {
    var none = call("POST", "/api/v1/admin/articles", null, "{}");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(json(none).get("error").asText()).contains("Authorization: Bearer");
    assertThat(call("GET", "/api/v1/admin/articles/1", "mh_not-a-token", null).statusCode())
        .isEqualTo(401);
    var notJson = call("POST", "/api/v1/admin/articles", editor, "{headline");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson).get("error").asText()).startsWith("the body is not valid JSON");
    assertThat(call("POST", "/api/v1/admin/articles", editor, "[1, 2]").statusCode())
        .isEqualTo(400);
    var invalid = call(
        "POST",
        "/api/v1/admin/articles",
        editor,
        "{\"section\": \"nope\", \"headline\": \"\", \"byline\": []}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    var problems = json(invalid).get("problems");
    assertThat(problems.get("headline").asText()).isEqualTo("A headline is needed.");
    assertThat(problems.get("section").asText()).isEqualTo("Choose a section of this edition.");
    assertThat(problems.get("byline").asText()).startsWith("Credit at least one");
    assertThat(
            call("POST", "/api/v1/admin/articles", editor, "{\"headline\": 5}").statusCode())
        .isEqualTo(422);
    assertThat(call("GET", "/api/v1/admin/articles/99999999", editor, null).statusCode())
        .isEqualTo(404);

    var revoked = site.outlet.apiTokens.create(
        site.outlet.staff.find("admin@example.com").orElseThrow(), "short-lived");
    assertThat(call("GET", "/api/v1/admin/articles/1", revoked, null).statusCode())
        .isEqualTo(200);
    var admin = site.outlet.staff.find("admin@example.com").orElseThrow();
    var token = site.outlet.apiTokens.list(admin).getFirst();
    assertThat(site.outlet.apiTokens.revoke(admin, token.id())).isTrue();
    assertThat(call("GET", "/api/v1/admin/articles/1", revoked, null).statusCode())
        .isEqualTo(401);
  }

  static void awaitTrue(java.util.function.Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 5 s");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }
}
