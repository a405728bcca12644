package io.masthead.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.command.Role;
import io.masthead.testing.MutableClock;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire desk through its API and pages, on a running outlet: four agencies in four formats
 * deliver the same earthquake; the desk groups them, keeps versions, writes a story "By Staff,
 * Agencies" that keeps its sources, holds it for an embargo, and flags it when a source is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WireDeskIT {
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  static final ObjectMapper JSON = new ObjectMapper();
  TestOutlet site;
  String admin;
  String editor;
  String contributor;
  long northwire, meridian, kestrel, sahel;

  /**
   * The fixtures are agency copy of 1 December 2026, 06:10 to 09:45 UTC; the desk groups what
   * was filed within 48 hours of its clock, so the outlet's clock stands a little after them (on
   * the real clock, the grouping test failed from 3 December on).
   */
  static final Instant FIXTURES_FILED = Instant.parse("2026-12-01T10:00:00Z");

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(
        folder, databaseUrl(folder), 10, Map.of(), new MutableClock(FIXTURES_FILED));
    for (var role : Role.values())
      site.outlet.staff.add(
          role.code() + "@example.com", role.code(), role, "correct horse battery", null);
    admin = site.outlet.apiTokens.create(
        site.outlet.staff.find("admin@example.com").orElseThrow(), "t");
    editor = site.outlet.apiTokens.create(
        site.outlet.staff.find("editor@example.com").orElseThrow(), "t");
    contributor = site.outlet.apiTokens.create(
        site.outlet.staff.find("contributor@example.com").orElseThrow(), "t");
    northwire = addSource("Northwire", "rss");
    meridian = addSource("Meridian", "atom");
    kestrel = addSource("Kestrel", "ninjs");
    sahel = addSource("Sahel", "newsml-g2");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  long addSource(String name, String format) {
    var r = call(
        "POST",
        "/api/v1/admin/wire/sources",
        admin,
        "{\"name\":\"" + name + "\",\"format\":\"" + format + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json(r).get("id").asLong();
  }

  HttpResponse<String> call(String method, String path, String token, String body) {
    return call(method, path, token, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  HttpResponse<String> call(String method, String path, String token, byte[] body) {
    var request = HttpRequest.newBuilder(URI.create(site.url(path)))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("Content-Type", "application/json");
    if (token != null) request.header("Authorization", "Bearer " + token);
    return site.send(request.build());
  }

  HttpResponse<String> push(long source, String fixture) {
    return call(
        "POST",
        "/api/v1/admin/wire/sources/" + source + "/items",
        editor,
        WireParsersTest.fixture(fixture));
  }

  static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError(r.body(), e);
    }
  }

  long itemId(long source, String guid) {
    for (var item : json(call(
            "GET", "/api/v1/admin/wire/items?source=" + source, editor, (byte[]) null))
        .get("items"))
      if (item.get("guid").asText().equals(guid)) return item.get("id").asLong();
    throw new AssertionError("no item " + guid);
  }

  JsonNode item(long id) {
    return json(call("GET", "/api/v1/admin/wire/items/" + id, editor, (byte[]) null));
  }

  @Test
  @Order(1)
  void four_agencies_in_four_formats_are_grouped_by_event_and_language() {
    for (var push : List.of(
        push(northwire, "northwire-rss.xml"),
        push(meridian, "meridian-atom.xml"),
        push(kestrel, "kestrel-ninjs1.json"),
        push(sahel, "sahel-newsml.xml"))) {
      assertThat(push.statusCode()).as(push.body()).isEqualTo(201);
    }
    var quake = item(itemId(northwire, "northwire:2026:quake-halvern"));
    var rewrite = item(itemId(meridian, "urn:meridian:2026-12-01:0417"));
    var third = item(itemId(kestrel, "urn:kestrel:text:20261201:halvern-quake"));
    var rates = item(itemId(northwire, "northwire:2026:estrania-rates"));
    var arabic = item(itemId(sahel, "urn:sahel:2026:ar:0091"));
    assertThat(rewrite.get("cluster").asLong()).isEqualTo(quake.get("cluster").asLong());
    assertThat(third.get("cluster").asLong()).isEqualTo(quake.get("cluster").asLong());
    assertThat(rates.get("cluster").asLong()).isNotEqualTo(quake.get("cluster").asLong());
    assertThat(arabic.get("cluster").asLong()).isNotEqualTo(quake.get("cluster").asLong());
    // The reason is shown, in words: the names the items share, and the score.
    assertThat(rewrite.get("groupedReason").asText()).contains("Halvern").contains("Ilse");
    assertThat(rewrite.get("groupedScore").asDouble()).isGreaterThanOrEqualTo(Grouping.THRESHOLD);
    assertThat(quake.get("body").asText()).doesNotContain("<script");
    var clusters =
        json(call("GET", "/api/v1/admin/wire/clusters", editor, (byte[]) null)).get("clusters");
    var ids = new ArrayList<Long>();
    clusters.forEach(c -> ids.add(c.get("id").asLong()));
    assertThat(ids).contains(quake.get("cluster").asLong(), rates.get("cluster").asLong());
  }

  @Test
  @Order(2)
  void the_same_file_again_changes_nothing_and_a_newer_version_keeps_the_old() {
    var again = push(northwire, "northwire-rss.xml");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).get("sameFileAgain").asBoolean()).isTrue();
    var update = json(push(northwire, "northwire-rss-update.xml"));
    assertThat(update.get("items").get(0).get("outcome").asText()).isEqualTo("updated");
    var quake = item(itemId(northwire, "northwire:2026:quake-halvern"));
    assertThat(quake.get("version").asInt()).isEqualTo(2);
    assertThat(quake.get("headline").asText()).endsWith("at least 19 dead");
    assertThat(quake.get("versions")).hasSize(2);
    assertThat(quake.get("versions").get(1).get("headline").asText()).endsWith("at least 12 dead");
    var original = call(
        "GET",
        "/api/v1/admin/wire/items/" + quake.get("id").asLong() + "/versions/1/original",
        editor,
        (byte[]) null);
    assertThat(original.statusCode()).isEqualTo(200);
    assertThat(original.body())
        .isEqualTo(
            new String(WireParsersTest.fixture("northwire-rss.xml"), StandardCharsets.UTF_8));
    var rates = item(itemId(northwire, "northwire:2026:estrania-rates"));
    assertThat(rates.get("signal").asText()).isEqualTo("killed");
    // The older ninjs version after the newer one is stale, and ignored.
    var v2 = json(push(kestrel, "kestrel-ninjs2.json"));
    assertThat(v2.get("items").get(0).get("outcome").asText()).isEqualTo("updated");
    var v1Again = call(
        "POST",
        "/api/v1/admin/wire/sources/" + kestrel + "/items",
        editor,
        new String(WireParsersTest.fixture("kestrel-ninjs1.json"), StandardCharsets.UTF_8)
            .replace("\"type\"", "\"kind\"")
            .getBytes(StandardCharsets.UTF_8));
    assertThat(json(v1Again).get("items").get(0).get("outcome").asText()).isEqualTo("stale");
  }

  @Test
  @Order(3)
  void
      a_story_from_two_agencies_is_bylined_staff_agencies_keeps_its_sources_and_waits_for_the_embargo() {
    long quakeItem = itemId(northwire, "northwire:2026:quake-halvern");
    long meridianItem = itemId(meridian, "urn:meridian:2026-12-01:0417");
    long cluster = item(quakeItem).get("cluster").asLong();
    var draft = call(
        "POST",
        "/api/v1/admin/wire/clusters/" + cluster + "/draft",
        contributor,
        "{\"items\": [" + quakeItem + ", " + meridianItem + "]}");
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
    var article = json(draft);
    long id = article.get("id").asLong();
    assertThat(article.get("status").asText()).isEqualTo("draft");
    assertThat(article.get("headline").asText()).endsWith("at least 19 dead");
    assertThat(article.get("body").asText()).contains("Northwire").contains("Meridian");
    var sources = site.outlet.database.read(h -> h.createQuery(
            "SELECT item_id || ':' || version FROM article_source WHERE article_id = :id ORDER BY item_id")
        .bind("id", id)
        .mapTo(String.class)
        .list());
    assertThat(sources).containsExactlyInAnyOrder(quakeItem + ":2", meridianItem + ":1");
    // The writer rewrites the quoted agency copy, then an editor publishes.
    var rewritten = call(
        "PATCH",
        "/api/v1/admin/articles/" + id,
        contributor,
        "{\"version\": " + article.get("version").asInt()
            + ", \"body\": \"The toll from the earthquake in Port Halvern rose to 19 on Tuesday.\"}");
    assertThat(rewritten.statusCode()).as(rewritten.body()).isEqualTo(200);
    var published = call("POST", "/api/v1/admin/articles/" + id + "/publish", editor, "");
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    var page = Jsoup.parse(site.get(site.articlePath(id)).body());
    assertThat(page.select(".byline").text()).contains("Staff, Agencies");
    assertThat(page.text()).doesNotContain("Northwire").doesNotContain("northwire:2026");

    // Kestrel's version 2 is embargoed until 2099: a story from it cannot be published before.
    long kestrelItem = itemId(kestrel, "urn:kestrel:text:20261201:halvern-quake");
    var embargoed = json(call(
        "POST",
        "/api/v1/admin/wire/clusters/" + cluster + "/draft",
        editor,
        "{\"items\": [" + kestrelItem + "]}"));
    var refused = call(
        "POST", "/api/v1/admin/articles/" + embargoed.get("id").asLong() + "/publish", editor, "");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).contains("embargo").contains("2099-01-01");
  }

  @Test
  @Order(4)
  void a_kill_flags_every_article_written_from_the_item_and_refuses_new_ones() {
    long kestrelItem = itemId(kestrel, "urn:kestrel:text:20261201:halvern-quake");
    var written = item(kestrelItem).get("articles");
    assertThat(written).isNotEmpty();
    assertThat(push(kestrel, "kestrel-ninjs-kill.json").statusCode()).isEqualTo(201);
    assertThat(item(kestrelItem).get("signal").asText()).isEqualTo("killed");
    long article = written.get(0).asLong();
    assertThat(new io.masthead.article.ArticleSourceRepository(site.outlet.database)
            .flagged(List.of(article)))
        .containsExactly(article);
    long cluster = item(kestrelItem).get("cluster").asLong();
    var refused = call(
        "POST",
        "/api/v1/admin/wire/clusters/" + cluster + "/draft",
        editor,
        "{\"items\": [" + kestrelItem + "]}");
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(json(refused).get("error").asText()).contains("withdrawn");
    // The Arabic NewsML item is killed too: its kill arrives as a NewsML-G2 stat:canceled.
    assertThat(push(sahel, "sahel-newsml-kill.xml").statusCode()).isEqualTo(201);
    assertThat(item(itemId(sahel, "urn:sahel:2026:ar:0091")).get("signal").asText())
        .isEqualTo("killed");
  }

  @Test
  @Order(5)
  void hostile_and_wrong_files_are_rejected_listed_and_the_source_goes_on() {
    for (var bad : List.of("laughs.xml", "xxe.xml")) {
      var r = push(northwire, bad);
      assertThat(r.statusCode()).as(bad).isEqualTo(422);
      assertThat(json(r).get("error").asText()).contains("DTD");
    }
    var wrong = push(sahel, "kestrel-ninjs1.json");
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(json(wrong).get("error").asText()).contains("looks like IPTC ninjs");
    var huge = call(
        "POST",
        "/api/v1/admin/wire/sources/" + northwire + "/items",
        editor,
        new byte[5 * 1024 * 1024]);
    assertThat(huge.statusCode()).isEqualTo(413);
    var openapi = json(site.get("/api/v1/openapi.json"));
    for (var path : List.of(
        "/api/v1/admin/wire/sources",
        "/api/v1/admin/wire/sources/{id}/items",
        "/api/v1/admin/wire/items",
        "/api/v1/admin/wire/clusters",
        "/api/v1/admin/wire/clusters/{id}/draft"))
      assertThat(openapi.get("paths").has(path)).as(path).isTrue();
    var rejected = site.outlet.wire.rejected(10);
    assertThat(rejected).extracting(RejectedFile::reason).anyMatch(r -> r.contains("DTD"));
    assertThat(site.outlet.wire.source(northwire).orElseThrow().rejected()).isEqualTo(2);
    assertThat(push(northwire, "northwire-rss-update.xml").statusCode()).isEqualTo(200);
    // Contributors read the desk, but do not feed it; sources are for admins.
    assertThat(call("POST", "/api/v1/admin/wire/sources/" + northwire + "/items", contributor, "x")
            .statusCode())
        .isEqualTo(403);
    assertThat(call(
                "POST", "/api/v1/admin/wire/sources", editor, "{\"name\":\"X\",\"format\":\"rss\"}")
            .statusCode())
        .isEqualTo(403);
    var invalid = call(
        "POST",
        "/api/v1/admin/wire/sources",
        admin,
        "{\"name\":\"Northwire\",\"format\":\"telex\",\"url\":\"ftp://x\"}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(json(invalid).get("problems").get("name").asText()).contains("Another source");
    assertThat(json(invalid).get("problems").get("format").asText()).contains("newsml-g2");
    assertThat(json(invalid).get("problems").get("url").asText()).contains("http");
  }

  @Test
  @Order(7)
  void an_editor_splits_an_item_off_and_merges_it_back_and_sees_what_a_version_changed() {
    var staff = site.signIn("editor@example.com", "correct horse battery");
    long meridianItem = itemId(meridian, "urn:meridian:2026-12-01:0417");
    long cluster = item(meridianItem).get("cluster").asLong();
    var split = site.post(
        staff,
        "/newsroom/wire/clusters/" + cluster,
        "action",
        "split",
        "item",
        Long.toString(meridianItem));
    assertThat(split.statusCode()).isEqualTo(303);
    long alone = item(meridianItem).get("cluster").asLong();
    assertThat(alone).isNotEqualTo(cluster);
    assertThat(item(meridianItem).get("groupedReason").asText())
        .isEqualTo("split off by an editor");
    var merged = site.post(
        staff,
        "/newsroom/wire/clusters/" + cluster,
        "action",
        "merge",
        "other",
        Long.toString(alone));
    assertThat(merged.statusCode()).isEqualTo(303);
    assertThat(item(meridianItem).get("cluster").asLong()).isEqualTo(cluster);
    var contributor = site.signIn("contributor@example.com", "correct horse battery");
    assertThat(site.post(
                contributor,
                "/newsroom/wire/clusters/" + cluster,
                "action",
                "split",
                "item",
                Long.toString(meridianItem))
            .statusCode())
        .isEqualTo(403);

    long quake = itemId(northwire, "northwire:2026:quake-halvern");
    var diff = Jsoup.parse(
        site.get(staff, "/newsroom/wire/items/" + quake + "?compare=1").body());
    var changed = diff.select("table.diff tr.diff-change").text();
    assertThat(changed).contains("at least 12 dead").contains("at least 19 dead");
    assertThat(diff.select(".wire-version h1").text()).endsWith("at least 19 dead");
  }

  /** The Meridian source's form as an admin saves it: renamed, no address, paused. */
  private HttpResponse<String> saveMeridian(TestOutlet.Staff admin, String folder) {
    return site.post(
        admin,
        "/newsroom/wire/sources/" + meridian,
        "name",
        "Meridian Press",
        "format",
        "atom",
        "url",
        "",
        "folder",
        folder,
        "every",
        "");
  }

  @Test
  @Order(6)
  void the_newsroom_desk_shows_the_queue_the_cluster_and_writes_a_story_from_a_form() {
    var flash = call(
        "POST",
        "/api/v1/admin/wire/sources/" + kestrel + "/items",
        editor,
        "{\"uri\": \"urn:kestrel:flash:1\", \"version\": 1, \"urgency\": 1, \"language\": \"en\","
            + " \"headline\": \"FLASH: Estrania parliament dissolved\", \"body_text\": \"Parliament was dissolved.\"}");
    assertThat(flash.statusCode()).as(flash.body()).isEqualTo(201);
    var staff = site.signIn("editor@example.com", "correct horse battery");
    var desk = Jsoup.parse(site.get(staff, "/newsroom/wire").body());
    assertThat(desk.select(".wire-item")).isNotEmpty();
    assertThat(desk.select(".wire-item.urgent").text())
        .contains("FLASH: Estrania parliament dissolved");
    assertThat(desk.select(".wire-item.killed .badge").text()).contains("KILLED");
    long meridianItem = itemId(meridian, "urn:meridian:2026-12-01:0417");
    long cluster = item(meridianItem).get("cluster").asLong();
    var view = Jsoup.parse(site.get(staff, "/newsroom/wire/clusters/" + cluster).body());
    assertThat(view.select("article.wire-version")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(view.select(".wire-why").text()).contains("names in common");
    var written = site.post(
        staff,
        "/newsroom/wire/clusters/" + cluster + "/story",
        "item",
        Long.toString(meridianItem),
        "edition",
        "en");
    assertThat(written.statusCode()).as(written.body()).isEqualTo(303);
    assertThat(written.headers().firstValue("Location").orElseThrow())
        .startsWith("/newsroom/articles/");
    var bySubject =
        Jsoup.parse(site.get(staff, "/newsroom/wire?subject=Earthquakes").body());
    assertThat(bySubject.select(".wire-item").text()).contains("Port Halvern");
    assertThat(bySubject
            .select(".wire-subjects a:containsOwn(Earthquakes)")
            .first()
            .attr("href"))
        .isEqualTo("/newsroom/wire?subject=Earthquakes");
    // A subject is matched as written: "%" is no wildcard.
    var wildcard =
        Jsoup.parse(site.get(staff, "/newsroom/wire?subject=Earth%25").body());
    assertThat(wildcard.select(".wire-item")).isEmpty();
    var filtered =
        Jsoup.parse(site.get(staff, "/newsroom/wire?source=" + meridian).body());
    assertThat(filtered.select(".wire-item")).hasSize(1);
    var contributorStaff = site.signIn("contributor@example.com", "correct horse battery");
    assertThat(site.get(contributorStaff, "/newsroom/wire").statusCode()).isEqualTo(200);
    assertThat(site.get(contributorStaff, "/newsroom/wire/sources").statusCode())
        .isEqualTo(403);
    var adminStaff = site.signIn("admin@example.com", "correct horse battery");
    var sources = Jsoup.parse(site.get(adminStaff, "/newsroom/wire/sources").body());
    assertThat(sources.select("table").first().text()).contains("Northwire").contains("Sahel");
    assertThat(sources.text()).contains("DTD");
    // An admin pauses a source and renames it.
    var paused = saveMeridian(adminStaff, "");
    assertThat(paused.statusCode()).isEqualTo(303);
    assertThat(site.outlet.wire.source(meridian).orElseThrow().active()).isFalse();
    assertThat(site.outlet.wire.source(meridian).orElseThrow().name()).isEqualTo("Meridian Press");
    // A folder no path can name (a NUL in it) is refused with a message, not a 500.
    var nul = saveMeridian(adminStaff, "/srv/wire/\u0000afp");
    assertThat(nul.statusCode()).as(nul.body()).isEqualTo(422);
    assertThat(nul.body()).contains("This server cannot name a folder so");
    var rules = site.post(
        adminStaff, "/newsroom/wire/rules", "rules", "Earthquakes = world\nDisasters = #Quakes");
    assertThat(rules.statusCode()).isEqualTo(303);
    var bad = site.post(adminStaff, "/newsroom/wire/rules", "rules", "no equals sign here");
    assertThat(bad.statusCode()).isEqualTo(422);
  }
}
