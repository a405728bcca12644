package io.masthead.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
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
 * length, a NUL (JSON's "\u0000"), markup, Arabic. The answer may be a 201 or a 4xx, never a 500.
 * On SQLite here and on PostgreSQL in {@link ApiHostileInputPostgresIT}, which refuses NUL and
 * over-long text where SQLite keeps them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHostileInputIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HOSTILE =
      "x".repeat(2100) + " عودة العبّارات\u0000<script>alert(1)</script>\u202E' OR 1=1 --";

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
    long section = site.outlet.database.read(
        h -> h.createQuery("SELECT MIN(id) FROM section WHERE edition = 'en'")
            .mapTo(Long.class)
            .one());
    draft = site.outlet.articleDesk.create(
        admin.actor(),
        new ArticleInput(
            "en",
            section,
            null,
            "A draft",
            "",
            "",
            List.of(),
            "Text.",
            List.of(),
            List.of(Credit.STAFF)));
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
      var response = send(call.method(), call.path(), call.body().toString());
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

  record Call(String method, String path, ObjectNode body) {}

  private java.net.http.HttpResponse<String> send(String method, String path, String body) {
    return site.send(HttpRequest.newBuilder(URI.create(site.url(path)))
        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .build());
  }
}
