package io.masthead.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masthead.command.Actor;
import io.masthead.command.Role;
import io.masthead.media.MediaFields;
import io.masthead.testing.Pictures;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Admin API's writes with hostile text in every string a program sends: past any column's
 * length, a NUL (JSON's "\u0000"), half a surrogate pair, markup, Arabic. The answer may be a 201 or a 4xx, never a 500.
 * On SQLite here and on PostgreSQL in {@link ApiHostileInputPostgresIT}, which refuses NUL and
 * over-long text where SQLite keeps them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHostileInputIT {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Sent as JSON's escape of half a surrogate pair ("\\ud800"), which no UTF-8 can carry. */
  static final String LONE_SURROGATE = "LONE-SURROGATE";

  static final String HOSTILE = io.masthead.testing.Hostile.TEXT + LONE_SURROGATE;

  TestOutlet site;
  String token;
  long draft;
  long picture;

  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 10, Map.of());
    var admin = site.outlet.staff.add(
        "admin@example.com", "Admin", Role.ADMIN, "correct horse battery", null);
    token = site.outlet.apiTokens.create(admin, "hostile");
    draft = site.draft(admin.actor(), "A draft");
    picture = site.outlet
        .mediaDesk
        .upload(
            Actor.PROGRAM,
            "harbour.jpg",
            new ByteArrayInputStream(Pictures.halves(900, 600, Color.BLUE, Color.GRAY)),
            new MediaFields("The harbour", "", "", "", 0.5, 0.5))
        .id();
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void no_write_answers_500_to_hostile_text_in_every_string() throws Exception {
    var article = JSON.createObjectNode()
        .put("section", HOSTILE)
        .put("slug", HOSTILE)
        .put("headline", HOSTILE)
        .put("standfirst", HOSTILE)
        .put("body", HOSTILE);
    article.putArray("tags").add(HOSTILE).add("Ferries");
    article.putArray("byline").addObject().put("credit", HOSTILE);
    var sameSection = article.deepCopy().put("section", "world").put("version", 1);
    var media = JSON.createObjectNode()
        .put("alt", HOSTILE)
        .put("caption", HOSTILE)
        .put("credit", HOSTILE)
        .put("source", HOSTILE)
        .put("version", 1);
    var source = JSON.createObjectNode()
        .put("name", HOSTILE)
        .put("format", "ninjs")
        .put("url", HOSTILE)
        .put("folder", HOSTILE);
    var agency = JSON.createObjectNode().put("name", "Hostile Press").put("format", "ninjs");
    var created = send("POST", "/api/v1/admin/wire/sources", agency.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long agencyId = JSON.readTree(created.body()).get("id").asLong();
    var item = JSON.createObjectNode()
        .put("uri", "urn:hostile:" + HOSTILE)
        .put("version", HOSTILE)
        .put("versioncreated", "2026-12-01T06:40:00Z")
        .put("pubstatus", "usable")
        .put("language", HOSTILE)
        .put("headline", HOSTILE)
        .put("body_text", HOSTILE)
        .put("located", HOSTILE);
    item.putArray("subject").addObject().put("name", HOSTILE);
    var schedule = JSON.createObjectNode().put("at", HOSTILE);

    var failed = new ArrayList<String>();
    var answers = new java.util.TreeMap<String, Integer>();
    for (var call : List.of(
        new Call("POST", "/api/v1/admin/articles", article),
        new Call("PATCH", "/api/v1/admin/articles/" + draft, article),
        new Call("PATCH", "/api/v1/admin/articles/" + draft, sameSection),
        new Call("POST", "/api/v1/admin/articles/" + draft + "/schedule", schedule),
        new Call("PATCH", "/api/v1/admin/media/" + picture, media),
        new Call("POST", "/api/v1/admin/wire/sources", source),
        new Call("POST", "/api/v1/admin/wire/sources/" + agencyId + "/items", item))) {
      var response = send(
          call.method(), call.path(), call.body().toString().replace(LONE_SURROGATE, "\\ud800"));
      answers.merge(
          call.method() + " " + call.path().replaceAll("\\d+", "N") + " " + response.statusCode(),
          1,
          Integer::sum);
      if (response.statusCode() >= 500)
        failed.add(call.method() + " " + call.path() + ": " + response.statusCode() + " "
            + response.body());
    }
    System.out.println("ApiHostileInputIT: " + answers);
    assertThat(failed).isEmpty();
  }

  @Test
  void control_characters_pasted_from_a_word_processor_keep_the_feeds_and_sitemaps_valid()
      throws Exception {
    // Word's manual line break is U+000B; XML 1.0 has no way to write it, or a BEL, or U+FFFE.
    var pasted = "Ferries\u000B return\u0007 to the \uFFFEharbour";
    var article = JSON.createObjectNode()
        .put("section", "world")
        .put("headline", pasted)
        .put("standfirst", pasted)
        .put("body", pasted + "\n\n" + pasted);
    article.putArray("tags").add("Ferries\u000B");
    article.putArray("byline").addObject().put("credit", "staff");
    var created = send("POST", "/api/v1/admin/articles", article.toString());
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = JSON.readTree(created.body()).get("id").asLong();
    // Stored as XML can write it, the line break a newline ...
    assertThat(site.outlet.articles.find(id).orElseThrow().headline())
        .isEqualTo("Ferries\n return to the harbour");
    // ... and a row stored before the database took only such text still makes valid feeds.
    site.outlet.database.useTransaction(h -> {
      try (var update =
          h.getConnection().prepareStatement("UPDATE article SET standfirst = ? WHERE id = ?")) {
        update.setString(1, pasted); // JDBC as it is, past the database's own clean-up
        update.setLong(2, id);
        update.executeUpdate();
      }
    });
    var published = send("POST", "/api/v1/admin/articles/" + id + "/publish", "");
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    // The feeds' caches follow the change log: the publish reaches them a moment later.
    io.masthead.testing.Await.within(
        java.time.Duration.ofSeconds(5), () -> site.get("/feed").body().contains("harbour"));
    for (var path : List.of(
        "/feed",
        "/feed.atom",
        "/world/feed",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/sitemaps/pages.xml")) {
      var response = site.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      // The headline is in the feeds and the news sitemap; the other sitemaps list addresses.
      if (!path.startsWith("/sitemap"))
        assertThat(response.body()).as(path).containsPattern("Ferries\\s+return to the harbour");
      io.masthead.testing.Xml.parse(response.body()); // well-formed, or this throws
    }
    var feed = site.get("/feed.json");
    assertThat(feed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(feed.body()).toString()).contains("Ferries");
  }

  record Call(String method, String path, ObjectNode body) {}

  private java.net.http.HttpResponse<String> send(String method, String path, String body) {
    return site.send(HttpRequest.newBuilder(URI.create(site.url(path)))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .build());
  }
}
