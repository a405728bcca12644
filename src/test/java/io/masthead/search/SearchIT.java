package io.masthead.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.command.Actor;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reader search over HTTP on a real server: English stemming, Arabic folding, facets that count
 * right and narrow, a publish found within a second and an unpublish gone, hostile queries that
 * get a friendly page, and the JSON API. The PostgreSQL subclass runs the same tests there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {
  static final ObjectMapper JSON = new ObjectMapper();
  TestOutlet site;
  long regulator;
  long school;
  final List<Long> zircon = new ArrayList<>();

  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 60, Map.of()).awaitSearch();
    regulator = site.publish(
        "en",
        "business",
        "Regulator fines the harbour bank",
        "A record penalty for the lender.",
        "The regulator said the bank's *controls* were weak. Shareholders were told on Monday.",
        List.of("Banking"));
    school = site.publish(
        "ar",
        "world",
        "افتتاح المدرسة الجديدة في الميناء",
        "أحمد يتحدث عن التعليم.",
        "قال أحمد إن المدرسة ستفتح أبوابها للطلاب في الخريف.",
        List.of());
    zircon.add(site.publish(
        "en", "world", "Zirconium mine reopens", "", "Zirconium exports rise.", List.of("Mining")));
    zircon.add(site.publish(
        "en", "americas", "Zirconium prices fall", "", "A zirconium glut.", List.of("Mining")));
    zircon.add(site.publish(
        "en", "business", "Zirconium traders worry", "", "Zirconium futures.", List.of()));
    awaitFound("en", "zirconium", zircon.size());
    awaitFound("ar", "المدرسة", 1);
  }

  @AfterAll
  void stop() {
    site.close();
  }

  JsonNode api(String query) {
    var response = site.get("/api/v1/search?" + query);
    assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  List<Long> ids(String edition, String q) {
    var found = new ArrayList<Long>();
    api("edition=" + edition + "&q=" + encode(q))
        .get("items")
        .forEach(item -> found.add(item.get("id").asLong()));
    return found;
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** Waits (at most 5 s) until the query finds this many articles. */
  void awaitFound(String edition, String q, int count) {
    var deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (ids(edition, q).size() != count) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(q + " did not find " + count + " articles within 5 s");
      LockSupport.parkNanos(20_000_000);
    }
  }

  @Test
  void english_is_stemmed_so_a_plural_finds_the_singular() {
    assertThat(ids("en", "regulators")).contains(regulator);
    assertThat(ids("en", "regulator's fines")).contains(regulator);
    assertThat(ids("en", "REGULATING")).contains(regulator);
    // Possessives and markup are gone from the body's text.
    assertThat(ids("en", "control")).contains(regulator);
  }

  @Test
  void arabic_is_found_with_or_without_diacritics_hamza_forms_and_prefixes() {
    for (var q : List.of(
        "المدرسة",
        "مدرسة",
        "المدرسه",
        "المَدْرَسَة",
        "والمدرسة",
        "أحمد",
        "احمد",
        "إحمد",
        "أحْمَد")) {
      assertThat(ids("ar", q)).as(q).containsExactly(school);
    }
    // Each edition searches its own articles.
    assertThat(ids("en", "المدرسة")).isEmpty();
  }

  @Test
  void phrases_and_exclusions_work() {
    assertThat(ids("en", "\"zirconium prices\"")).containsExactly(zircon.get(1));
    assertThat(ids("en", "zirconium -glut -futures")).containsExactly(zircon.get(0));
  }

  @Test
  void facets_count_every_match_and_narrow_the_search() {
    var result = api("q=zirconium");
    assertThat(result.get("total").asLong()).isEqualTo(3);
    var sections = facet(result, "section");
    assertThat(sections).containsEntry("World", 1L);
    assertThat(sections).containsEntry("Americas", 1L);
    assertThat(sections).containsEntry("Business", 1L);
    assertThat(facet(result, "tag")).containsEntry("Mining", 2L);
    assertThat(facet(result, "author")).containsEntry("Staff", 3L);
    // A section narrows to itself and its subsections.
    var world = site.sectionId("en", "world");
    var narrowed = api("q=zirconium&section=" + world);
    assertThat(narrowed.get("total").asLong()).isEqualTo(2);
    var mining = key(result, "tag", "Mining");
    assertThat(api("q=zirconium&tag=" + mining).get("total").asLong()).isEqualTo(2);
    var year = result.get("facets").get("year").get(0).get("key").asText();
    assertThat(api("q=zirconium&year=" + year).get("total").asLong()).isEqualTo(3);
  }

  static Map<String, Long> facet(JsonNode result, String dimension) {
    var counts = new java.util.LinkedHashMap<String, Long>();
    result
        .get("facets")
        .get(dimension)
        .forEach(v -> counts.put(v.get("name").asText(), v.get("count").asLong()));
    return counts;
  }

  static String key(JsonNode result, String dimension, String name) {
    for (var v : result.get("facets").get(dimension))
      if (v.get("name").asText().equals(name)) return v.get("key").asText();
    throw new AssertionError("no " + name + " in " + dimension);
  }

  @Test
  void a_publish_is_found_within_a_second_and_an_unpublish_disappears() {
    long started = System.nanoTime();
    long id = site.publish(
        "en", "science", "Quasicrystal lattice observed", "", "Physicists saw it.", List.of());
    awaitFound("en", "quasicrystal", 1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
    assertThat(ids("en", "quasicrystal")).containsExactly(id);
    site.outlet.articleDesk.unpublish(Actor.PROGRAM, id);
    awaitFound("en", "quasicrystal", 0);
  }

  @Test
  void a_retitled_article_is_found_by_its_new_headline() {
    long id = site.publish("en", "culture", "Opera season opens", "", "Tenors.", List.of());
    awaitFound("en", "opera", 1);
    site.retitle(id, "Ballet season opens");
    awaitFound("en", "ballet", 1);
    assertThat(ids("en", "opera")).isEmpty();
  }

  @Test
  void the_results_page_shows_headline_section_time_byline_and_a_highlighted_snippet() {
    var response = site.get("/search?q=regulators");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    var page = Jsoup.parse(response.body());
    var result = page.selectFirst("ol.results li.result");
    assertThat(result).isNotNull();
    assertThat(result.selectFirst("h2 a").text()).isEqualTo("Regulator fines the harbour bank");
    assertThat(result.selectFirst("h2 a").attr("href")).isEqualTo(site.articlePath(regulator));
    assertThat(result.select(".snippet mark").eachText()).contains("regulator");
    assertThat(result.selectFirst(".section-label").text()).isEqualTo("Business");
    assertThat(result.selectFirst("time")).isNotNull();
    assertThat(result.selectFirst(".result-byline").text()).isEqualTo("By Staff");
    assertThat(page.select("nav.facets a")).isNotEmpty();
    // The search box keeps the query; every page's header has one.
    assertThat(page.selectFirst("#search-page-q").val()).isEqualTo("regulators");
    assertThat(page.selectFirst("header.masthead form[role=search] input[name=q]"))
        .isNotNull();
  }

  @Test
  void arabic_results_are_right_to_left_with_arabic_digits_and_words() {
    var page = Jsoup.parse(site.get("/ar/search?q=" + encode("المدرسة")).body());
    assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
    assertThat(page.selectFirst("ol.results h2 a").text()).contains("المدرسة");
    assertThat(page.select(".snippet mark").text()).contains("المدرسة");
    assertThat(page.selectFirst(".search-summary").text()).isEqualTo("قصة واحدة");
  }

  @Test
  void no_results_suggest_a_spelling_from_the_index() {
    var page = Jsoup.parse(site.get("/search?q=zirconiun").body());
    assertThat(page.selectFirst(".search-summary").text()).contains("No stories match");
    var suggestion = page.selectFirst(".search-suggestion a");
    assertThat(suggestion).isNotNull();
    assertThat(suggestion.text()).isEqualTo("zirconium");
    assertThat(site.get(suggestion.attr("href")).body()).contains("Zirconium mine reopens");
  }

  @Test
  void newest_first_orders_by_publication_time() {
    var ids = new ArrayList<Long>();
    api("q=zirconium&sort=newest").get("items").forEach(i -> ids.add(i.get("id").asLong()));
    assertThat(ids).containsExactly(zircon.get(2), zircon.get(1), zircon.get(0));
  }

  @Test
  void hostile_or_malformed_queries_get_a_friendly_page_never_a_5xx() {
    var queries = new ArrayList<>(List.of(
        "\"unbalanced quote",
        "\"",
        "-",
        "- -",
        "AND",
        "OR NOT",
        "*",
        "?",
        "\\",
        "(((",
        "title:foo",
        "foo~2",
        "[a TO z]",
        "a\u0000b\u0007c",
        "\ud800",
        "%",
        "the"));
    queries.add("zirconium ".repeat(1_100)); // 11 KB
    for (var q : queries) {
      for (var path : List.of("/search?q=", "/ar/search?q=", "/api/v1/search?q=")) {
        var response = site.get(path + encode(q));
        assertThat(response.statusCode()).as(path + q).isEqualTo(200);
      }
    }
    var empty = Jsoup.parse(site.get("/search?q=" + encode("-")).body());
    assertThat(empty.selectFirst(".search-notice").text())
        .isEqualTo("Type a word or a phrase to search for.");
    assertThat(site.get("/search").statusCode()).isEqualTo(200);
  }

  @Test
  void the_api_is_described_in_the_openapi_document() throws Exception {
    var openapi = JSON.readTree(site.get("/api/v1/openapi.json").body());
    var search = openapi.get("paths").get("/api/v1/search").get("get");
    var names = new ArrayList<String>();
    search
        .get("parameters")
        .forEach(p -> names.add(p.has("name") ? p.get("name").asText() : "$ref"));
    assertThat(names)
        .contains("q", "section", "author", "tag", "year", "from", "to", "sort", "page");
  }

  @Test
  void bad_filters_are_a_400_that_says_which() {
    for (var query : List.of(
        "q=a&section=world",
        "q=a&year=20x6",
        "q=a&sort=best",
        "q=a&page=zero",
        "q=a&from=yesterday")) {
      assertThat(site.get("/search?" + query).statusCode()).as(query).isEqualTo(400);
      var api = site.get("/api/v1/search?" + query);
      assertThat(api.statusCode()).as(query).isEqualTo(400);
    }
    assertThat(site.get("/search?q=a&page=51").statusCode()).isEqualTo(404);
  }

  @Test
  void the_not_found_page_offers_a_search_box() {
    var page = Jsoup.parse(site.get("/no-such-section/").body());
    assertThat(page.selectFirst("main form[role=search] input[name=q]")).isNotNull();
  }
}
