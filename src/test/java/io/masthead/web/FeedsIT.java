package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.io.SyndFeedInput;
import io.masthead.command.Actor;
import io.masthead.testing.TestOutlet;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The feeds of every listing in the three formats: well-formed, with the elements RSS 2.0, Atom
 * 1.0 (RFC 4287) and JSON Feed 1.1 require, read back by ROME, Arabic kept, cached with 304, and
 * following a publish and an unpublish.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  TestOutlet site;

  /** The database the outlet runs on; the PostgreSQL subclass runs the same tests there. */
  String databaseUrl(Path folder) {
    return io.masthead.testing.TestDatabases.sqlite(folder);
  }

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 120, java.util.Map.of());
  }

  @AfterAll
  void stop() {
    site.close();
  }

  /** The pages whose feeds are tested: an edition, a section, a series, a tag, an author, in both editions. */
  List<String> feedPages() {
    return site.outlet.database.read(h -> {
      var pages = new java.util.ArrayList<String>(List.of("/", "/ar/", "/world/", "/ar/world/"));
      for (var table : List.of("series", "tag", "author")) {
        for (var edition : List.of("en", "ar")) {
          var slug = h.createQuery("SELECT MIN(slug) FROM " + table + " WHERE edition = :e")
              .bind("e", edition)
              .mapTo(String.class)
              .one();
          pages.add((edition.equals("ar") ? "/ar" : "") + "/" + table + "/" + slug);
        }
      }
      return pages;
    });
  }

  static String feed(String page, String segment) {
    return (page.endsWith("/") ? page : page + "/") + segment;
  }

  @Test
  void rss_feeds_are_well_formed_with_the_required_elements_and_read_back() throws Exception {
    for (var page : feedPages()) {
      var response = site.get(feed(page, "feed"));
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/rss+xml"));
      var doc = xml(response.body());
      var rss = doc.getDocumentElement();
      assertThat(rss.getTagName()).isEqualTo("rss");
      assertThat(rss.getAttribute("version")).isEqualTo("2.0");
      var channel = child(rss, "channel");
      for (var required : List.of("title", "link", "description"))
        assertThat(text(channel, required)).as(page + " " + required).isNotBlank();
      assertThat(text(channel, "language")).isEqualTo(page.startsWith("/ar") ? "ar" : "en");
      var items = channel.getElementsByTagName("item");
      assertThat(items.getLength()).as(page).isBetween(1, 50);
      var item = (Element) items.item(0);
      for (var required : List.of("title", "link", "guid", "pubDate", "description")) {
        assertThat(text(item, required)).as(page + " item " + required).isNotBlank();
      }
      assertThat(item.getElementsByTagNameNS("http://purl.org/rss/1.0/modules/content/", "encoded")
              .getLength())
          .as("content:encoded")
          .isEqualTo(1);
      var read = new SyndFeedInput().build(new StringReader(response.body()));
      assertThat(read.getEntries()).hasSize(items.getLength());
    }
  }

  @Test
  void atom_feeds_have_what_rfc_4287_requires_and_read_back() throws Exception {
    for (var page : feedPages()) {
      var response = site.get(feed(page, "feed.atom"));
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
      var root = xml(response.body()).getDocumentElement();
      assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
      assertThat(root.getLocalName()).isEqualTo("feed");
      for (var required : List.of("id", "title", "updated"))
        assertThat(text(root, required)).as(page + " " + required).isNotBlank();
      var entry = (Element)
          root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").item(0);
      for (var required : List.of("id", "title", "updated", "published", "content")) {
        assertThat(text(entry, required)).as(page + " entry " + required).isNotBlank();
      }
      assertThat(text(
              (Element) entry
                  .getElementsByTagNameNS("http://www.w3.org/2005/Atom", "author")
                  .item(0),
              "name"))
          .isNotBlank();
      assertThat(text(entry, "id")).startsWith("tag:127.0.0.1,2026:article:");
      assertThat(new SyndFeedInput().build(new StringReader(response.body())).getEntries())
          .isNotEmpty();
    }
  }

  @Test
  void json_feeds_follow_json_feed_1_1() throws Exception {
    for (var page : feedPages()) {
      var response = site.get(feed(page, "feed.json"));
      assertThat(response.statusCode()).as(page).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/feed+json"));
      var json = JSON.readTree(response.body());
      assertThat(json.get("version").asText()).isEqualTo("https://jsonfeed.org/version/1.1");
      assertThat(json.get("title").asText()).isNotBlank();
      assertThat(json.get("feed_url").asText()).endsWith("feed.json");
      var item = json.get("items").get(0);
      for (var required : List.of("id", "url", "title", "content_html", "date_published")) {
        assertThat(item.get(required).asText()).as(page + " " + required).isNotBlank();
      }
    }
  }

  @Test
  void arabic_feeds_declare_arabic_and_keep_the_text() throws Exception {
    var newest = site.outlet.articles.list("edition:ar", 0, 1).getFirst();
    var rss = site.get("/ar/feed").body();
    assertThat(rss).contains("<language>ar</language>", newest.headline());
    var atom = site.get("/ar/feed.atom").body();
    assertThat(atom).contains(newest.headline());
    assertThat(JSON.readTree(site.get("/ar/feed.json").body()).get("language").asText())
        .isEqualTo("ar");
  }

  @Test
  void feeds_say_when_they_last_changed_and_answer_304_to_if_modified_since() {
    var first = site.get("/tag/" + firstTagSlug() + "/feed");
    var modified = first.headers().firstValue("Last-Modified").orElseThrow();
    assertThat(site.get("/tag/" + firstTagSlug() + "/feed", "If-Modified-Since", modified)
            .statusCode())
        .isEqualTo(304);
    assertThat(site.get(
                "/tag/" + firstTagSlug() + "/feed",
                "If-Modified-Since",
                "Mon, 01 Jan 2001 00:00:00 GMT")
            .statusCode())
        .isEqualTo(200);
    assertThat(site.get("/tag/" + firstTagSlug() + "/feed", "If-Modified-Since", "not a date")
            .statusCode())
        .isEqualTo(200);
  }

  String firstTagSlug() {
    return site.outlet.database.read(
        h -> h.createQuery("SELECT MIN(slug) FROM tag WHERE edition = 'en'")
            .mapTo(String.class)
            .one());
  }

  @Test
  void feeds_are_cached_with_an_etag_and_answer_304() {
    var first = site.get("/world/feed.atom");
    var etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(site.get("/world/feed.atom", "If-None-Match", etag).statusCode()).isEqualTo(304);
  }

  @Test
  void a_publish_appears_in_its_feeds_at_once_and_an_unpublish_removes_it() {
    site.get("/feed");
    site.get("/europe/feed.json");
    site.get("/world/feed.atom");
    var headline = "Ferry line reopens " + System.nanoTime();
    long id = site.publishNew("en", "europe", headline);
    awaitTrue(() -> site.get("/feed").body().contains(headline));
    awaitTrue(() -> site.get("/europe/feed.json").body().contains(headline));
    awaitTrue(
        () -> site.get("/world/feed.atom").body().contains(headline)); // the parent section too
    site.outlet.articleDesk.unpublish(Actor.PROGRAM, id);
    awaitTrue(() -> !site.get("/feed").body().contains(headline));
  }

  @Test
  void a_feed_of_nothing_is_a_404_in_the_feeds_format() throws Exception {
    var rss = site.get("/tag/no-such-tag/feed");
    assertThat(rss.statusCode()).isEqualTo(404);
    assertThat(xml(rss.body()).getDocumentElement().getTagName()).isEqualTo("error");
    var json = site.get("/ar/tag/no-such-tag/feed.json");
    assertThat(json.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(json.body()).get("status").asInt()).isEqualTo(404);
    assertThat(site.get("/no-such-section/feed.atom").statusCode()).isEqualTo(404);
  }

  @Test
  void every_page_links_its_feeds() {
    var home = Jsoup.parse(site.get("/").body());
    assertThat(home.select("link[rel=alternate][type=application/rss+xml]").attr("href"))
        .isEqualTo("/feed");
    assertThat(home.select("link[rel=alternate][type=application/atom+xml]").attr("href"))
        .isEqualTo("/feed.atom");
    var section = Jsoup.parse(site.get("/world/").body());
    assertThat(section.select("link[rel=alternate][type=application/feed+json]").attr("href"))
        .isEqualTo("/world/feed.json");
    var arabic = Jsoup.parse(site.get("/ar/").body());
    assertThat(arabic.select("link[rel=alternate][type=application/rss+xml]").attr("href"))
        .isEqualTo("/ar/feed");
  }

  @Test
  void robots_keep_crawlers_out_of_the_newsroom_and_the_site_has_an_icon() {
    var robots = site.get("/robots.txt");
    assertThat(robots.statusCode()).isEqualTo(200);
    assertThat(robots.body())
        .contains(
            "User-agent: *",
            "Disallow: /newsroom/",
            "Disallow: /api/",
            "Sitemap: " + site.url("/sitemap.xml"),
            "Sitemap: " + site.url("/news-sitemap.xml"));
    var favicon = site.get("/favicon.ico");
    assertThat(favicon.statusCode()).isEqualTo(301);
    var icon = site.get(favicon.headers().firstValue("Location").orElseThrow());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(Jsoup.parse(site.get("/").body()).select("link[rel=icon]").attr("href"))
        .startsWith("/assets/icon.svg");
  }

  static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

  @Test
  void
      the_sitemap_index_names_a_pages_sitemap_and_monthly_article_sitemaps_that_list_every_live_article()
          throws Exception {
    var index = site.get("/sitemap.xml");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
    var root = xml(index.body()).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("sitemapindex");
    assertThat(root.getNamespaceURI()).isEqualTo(SITEMAP);
    var locs = root.getElementsByTagNameNS(SITEMAP, "loc");
    var listed = new java.util.HashSet<String>();
    boolean pages = false;
    for (int i = 0; i < locs.getLength(); i++) {
      var loc = locs.item(i).getTextContent();
      assertThat(loc).startsWith(site.url("/sitemaps/"));
      if (loc.endsWith("/pages.xml")) {
        pages = true;
        continue;
      }
      var sitemap = site.get(loc.substring(site.url("").length()));
      assertThat(sitemap.statusCode()).as(loc).isEqualTo(200);
      var urls = xml(sitemap.body()).getDocumentElement().getElementsByTagNameNS(SITEMAP, "url");
      assertThat(urls.getLength()).as(loc).isBetween(1, 50_000);
      for (int u = 0; u < urls.getLength(); u++) {
        var url = (Element) urls.item(u);
        listed.add(text(url, "loc"));
        assertThat(text(url, "lastmod")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
      }
    }
    assertThat(pages).isTrue();
    long live = site.outlet.database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM article WHERE status = 'published'")
            .mapTo(Long.class)
            .one());
    assertThat(listed).hasSize((int) live);
    var newest = site.outlet.articles.list("edition:ar", 0, 1).getFirst().id();
    assertThat(listed).contains(site.url(site.articlePath(newest)));
    assertThat(site.get("/sitemaps/articles-2026-13.xml").statusCode()).isEqualTo(404);
    assertThat(site.get("/sitemaps/nothing.xml").statusCode()).isEqualTo(404);
  }

  @Test
  void an_edit_moves_the_lastmod_of_its_months_sitemap_in_the_index() {
    var id = site.outlet.articles.list("edition:en", 7, 1).getFirst().id();
    var published = site.outlet.articles.find(id).orElseThrow().publishedAt();
    var month = java.time.YearMonth.from(published.atZone(java.time.ZoneOffset.UTC));
    site.get("/sitemap.xml"); // cached now
    var edited = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    site.retitle(id, "Retitled for the sitemap " + System.nanoTime());
    var entry = java.util.regex.Pattern.compile(
        "<loc>[^<]*/articles-" + month + "(?:-\\d+)?\\.xml</loc>\\s*<lastmod>([^<]+)</lastmod>");
    awaitTrue(() -> {
      var m = entry.matcher(site.get("/sitemap.xml").body());
      return m.find() && !java.time.Instant.parse(m.group(1)).isBefore(edited);
    });
  }

  @Test
  void every_sitemap_is_valid_against_the_sitemap_and_google_news_schemas() throws Exception {
    site.publishNew("en", "world", "Fresh for the news sitemap <&>");
    var index = site.get("/sitemap.xml").body();
    io.masthead.testing.SitemapSchemas.validate(index);
    var locs = xml(index).getDocumentElement().getElementsByTagNameNS(SITEMAP, "loc");
    assertThat(locs.getLength()).isGreaterThan(1);
    for (int i = 0; i < locs.getLength(); i++) {
      var path = locs.item(i).getTextContent().substring(site.url("").length());
      io.masthead.testing.SitemapSchemas.validate(site.get(path).body());
    }
    var news = site.get("/news-sitemap.xml").body();
    assertThat(news).contains("<news:news>");
    io.masthead.testing.SitemapSchemas.validate(news);
    // The schemas do reject what breaks them: a news entry without its title.
    var broken = news.replaceFirst("<news:title>[^<]*</news:title>", "");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> io.masthead.testing.SitemapSchemas.validate(broken))
        .isInstanceOf(org.xml.sax.SAXParseException.class)
        .hasMessageContaining("sitemap-news/0.9\":title");
  }

  @Test
  void the_pages_sitemap_links_the_editions_home_pages_to_each_other() throws Exception {
    var body = site.get("/sitemaps/pages.xml").body();
    var root = xml(body).getDocumentElement();
    var alternates = root.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link");
    var hreflangs = new java.util.HashSet<String>();
    for (int i = 0; i < alternates.getLength(); i++)
      hreflangs.add(((Element) alternates.item(i)).getAttribute("hreflang"));
    assertThat(hreflangs).contains("en", "ar", "x-default");
    assertThat(body).contains(site.url("/world/"), site.url("/ar/world/"));
  }

  @Test
  void a_story_published_now_is_in_the_news_sitemap_at_once() throws Exception {
    site.get("/news-sitemap.xml");
    var headline = "Harbour & quay reopen " + System.nanoTime();
    long id = site.publishNew("en", "world", headline);
    awaitTrue(() -> site.get("/news-sitemap.xml").body().contains(headline.replace("&", "&amp;")));
    var root = xml(site.get("/news-sitemap.xml").body()).getDocumentElement();
    var news = "http://www.google.com/schemas/sitemap-news/0.9";
    assertThat(root.getElementsByTagNameNS(news, "name").item(0).getTextContent())
        .isEqualTo("The Masthead Chronicle");
    assertThat(root.getElementsByTagNameNS(news, "language").item(0).getTextContent())
        .isIn("en", "ar");
    assertThat(root.getElementsByTagNameNS(news, "publication_date").getLength())
        .isPositive();
    assertThat(root.getElementsByTagNameNS(news, "title").getLength()).isBetween(1, 1000);
  }

  @Test
  void home_pages_name_each_other_and_a_default_and_articles_name_their_tags() {
    var home = Jsoup.parse(site.get("/ar/").body());
    assertThat(home.select("link[rel=alternate][hreflang]").eachAttr("hreflang"))
        .contains("en", "ar", "x-default");
    assertThat(home.select("link[rel=alternate][hreflang=x-default]").attr("href"))
        .isEqualTo(site.url("/"));
    var id = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    var article = site.outlet.articles.find(id).orElseThrow();
    var page = Jsoup.parse(site.get(site.articlePath(id)).body());
    assertThat(page.select("meta[property=article:tag]").eachAttr("content"))
        .containsExactlyElementsOf(article.tags().stream().map(t -> t.name()).toList());
  }

  @Test
  void each_edition_has_a_corrections_feed_that_follows_a_new_correction() throws Exception {
    var id = site.outlet.articles.list("edition:ar", 0, 1).getFirst().id();
    var notice = "ذكرت نسخة سابقة تاريخًا خاطئًا " + System.nanoTime();
    site.get("/ar/corrections/feed");
    site.outlet.articleDesk.correct(Actor.PROGRAM, id, notice);
    awaitTrue(() -> site.get("/ar/corrections/feed").body().contains(notice));
    var atom = site.get("/ar/corrections/feed.atom");
    assertThat(atom.statusCode()).isEqualTo(200);
    var root = xml(atom.body()).getDocumentElement();
    assertThat(text(child(root, "author"), "name")).isEqualTo("The Masthead Chronicle");
    var entry = (Element)
        root.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").item(0);
    assertThat(text(entry, "title")).startsWith("تصحيح: ");
    assertThat(text(entry, "content")).contains(notice);
    assertThat(new SyndFeedInput().build(new StringReader(atom.body())).getEntries())
        .isNotEmpty();
    var json = JSON.readTree(site.get("/ar/corrections/feed.json").body());
    assertThat(json.get("items").get(0).get("content_html").asText()).contains(notice);
    assertThat(site.get("/corrections/feed").statusCode()).isEqualTo(200);
  }

  @Test
  void the_site_has_a_web_app_manifest() throws Exception {
    var manifest = site.get("/manifest.webmanifest");
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(manifest.body()).get("name").asText())
        .isEqualTo("The Masthead Chronicle");
    assertThat(Jsoup.parse(site.get("/").body()).select("link[rel=manifest]").attr("href"))
        .isEqualTo("/manifest.webmanifest");
  }

  static Document xml(String text) throws Exception {
    return io.masthead.testing.Xml.parse(text);
  }

  static Element child(Element parent, String name) {
    var nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e
          && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) return e;
    }
    return null;
  }

  static String text(Element parent, String name) {
    var element = child(parent, name);
    return element == null ? "" : element.getTextContent();
  }

  static void awaitTrue(BooleanSupplier condition) {
    io.masthead.testing.Await.within(java.time.Duration.ofSeconds(1), condition);
  }
}
