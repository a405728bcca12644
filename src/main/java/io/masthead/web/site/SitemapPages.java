package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Editions;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.regex.Pattern;

/**
 * Sitemaps for search engines: {@code /sitemap.xml} is an index of one sitemap of the site's pages
 * (each edition's home with its hreflang alternates, and every section, series, tag and author) and
 * one per month of articles (UTC, at most {@value #PER_FILE} addresses each, more months split
 * into numbered parts); {@code /news-sitemap.xml} lists the articles of the last 48 hours with the
 * Google News extension. Articles are read as a stream, never all at once, and every sitemap is
 * served from the page cache and dropped by the change log. Thread-safe.
 */
public final class SitemapPages {
  static final int PER_FILE = 50_000;
  static final int NEWS_LIMIT = 1_000;
  private static final String CONTENT_TYPE = "application/xml; charset=utf-8";
  private static final Pattern MONTH_FILE =
      Pattern.compile("articles-(\\d{4})-(\\d{2})(?:-(\\d{1,3}))?\\.xml");
  private static final DateTimeFormatter W3C = DateTimeFormatter.ISO_INSTANT;

  private final SiteFrames site;
  private final Editions editions;
  private final ArticleRepository articles;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final PageServer server;
  private final byte[] manifest;

  public SitemapPages(
      SiteFrames site,
      Editions editions,
      ArticleRepository articles,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      PageServer server) {
    this.site = site;
    this.editions = editions;
    this.articles = articles;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.server = server;
    this.manifest = manifest(); // it changes only with the site's name: made once
  }

  /** {@code /robots.txt}: crawlers welcome on the reader's site, kept out of the newsroom and the APIs; the sitemaps named. */
  public void robots(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=3600")
        .contentType("text/plain; charset=utf-8")
        .result("User-agent: *\nDisallow: /newsroom/\nDisallow: /api/\n\nSitemap: " + site.baseUrl()
            + "/sitemap.xml\nSitemap: " + site.baseUrl() + "/news-sitemap.xml\n");
  }

  /** {@code /manifest.webmanifest}: the outlet's name and icon, for browsers that add the site to a home screen. */
  public void manifest(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=86400")
        .contentType("application/manifest+json; charset=utf-8")
        .result(manifest);
  }

  private byte[] manifest() {
    var manifest = new java.util.LinkedHashMap<String, Object>();
    manifest.put("name", site.siteName());
    manifest.put("short_name", site.siteName());
    manifest.put("start_url", "/");
    manifest.put("display", "browser");
    manifest.put("background_color", "#ffffff");
    manifest.put("theme_color", "#9f1239");
    manifest.put(
        "icons",
        java.util.List.of(
            java.util.Map.of("src", "/assets/icon.svg", "sizes", "any", "type", "image/svg+xml")));
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(manifest);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code /sitemap.xml}. */
  public void index(Context ctx) {
    server.serve(ctx, "/sitemap.xml", () -> {
      var xml = new StringBuilder(4096);
      xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      xml.append("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
      entry(xml, "/sitemaps/pages.xml", null);
      for (var month : articles.liveMonths()) {
        int parts = (int) ((month.count() + PER_FILE - 1) / PER_FILE);
        for (int part = 1; part <= parts; part++) {
          var name = "/sitemaps/articles-" + month.month() + (part == 1 ? "" : "-" + part) + ".xml";
          entry(xml, name, month.lastChanged());
        }
      }
      xml.append("</sitemapindex>\n");
      return page(xml, everyListing());
    });
  }

  /** {@code /sitemaps/pages.xml}: the home pages, sections, series, tags and authors of every edition. */
  public void pages(Context ctx) {
    server.serve(ctx, "/sitemaps/pages.xml", () -> {
      var xml = urlset(true);
      for (var edition : editions.all()) {
        xml.append("  <url>\n    <loc>")
            .append(Markup.escape(site.baseUrl() + edition.homePath()))
            .append("</loc>\n");
        for (var other : editions.all()) {
          xml.append("    <xhtml:link rel=\"alternate\" hreflang=\"")
              .append(Markup.escape(other.language()))
              .append("\" href=\"")
              .append(Markup.escape(site.baseUrl() + other.homePath()))
              .append("\"/>\n");
        }
        xml.append("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"")
            .append(Markup.escape(site.baseUrl() + editions.defaultEdition().homePath()))
            .append("\"/>\n");
        xml.append("  </url>\n");
        for (var s : site.frame(edition).sections().all())
          url(xml, SitePaths.section(edition, s), null);
        for (var s : series.list(edition.code())) url(xml, SitePaths.series(edition, s), null);
        for (var t : tags.list(edition.code())) url(xml, SitePaths.tag(edition, t), null);
        for (var a : authors.list(edition.code())) url(xml, SitePaths.author(edition, a), null);
      }
      xml.append("</urlset>\n");
      var cacheTags = new LinkedHashSet<String>();
      editions.all().forEach(e -> cacheTags.add(e.structureTag()));
      cacheTags.add(io.masthead.change.Tags.EDITIONS);
      return page(xml, cacheTags);
    });
  }

  /** {@code /sitemaps/articles-2026-11.xml} (and {@code -2}, {@code -3}… past {@value #PER_FILE}). */
  public void month(Context ctx) {
    var name = ctx.pathParam("name");
    var matcher = MONTH_FILE.matcher(name);
    if (!matcher.matches()) throw new HttpProblem.NotFound("no sitemap " + name);
    YearMonth month;
    try {
      month = YearMonth.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    } catch (java.time.DateTimeException e) {
      throw new HttpProblem.NotFound("no sitemap " + name);
    }
    int part = matcher.group(3) == null ? 1 : Integer.parseInt(matcher.group(3));
    if (part < 1) throw new HttpProblem.NotFound("no sitemap " + name);
    server.serve(ctx, "/sitemaps/" + name, () -> {
      var from = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      var to = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      var xml = urlset(false);
      int[] count = {0};
      articles.forEachLive(from, to, (part - 1) * PER_FILE, PER_FILE, a -> {
        count[0]++;
        var edition = editions.find(a.edition()).orElse(null);
        if (edition != null)
          url(
              xml,
              SitePaths.article(edition, a.sectionSlug(), a.slug(), a.publishedAt()),
              a.changedAt());
      });
      if (count[0] == 0 && part > 1) throw new HttpProblem.NotFound("no sitemap " + name);
      xml.append("</urlset>\n");
      return page(xml, everyListing());
    });
  }

  /** {@code /news-sitemap.xml}: the last 48 hours, newest first, with the Google News extension. */
  public void news(Context ctx) {
    server.serve(ctx, "/news-sitemap.xml", () -> {
      var now = site.clock().instant();
      var xml = new StringBuilder(8192);
      xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
      xml.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
          .append(" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
      var recent = new java.util.ArrayList<ArticleRepository.Located>();
      articles.forEachLive(
          now.minus(Duration.ofHours(48)), now.plusSeconds(1), 0, Integer.MAX_VALUE, recent::add);
      recent.sort(
          java.util.Comparator.comparing(ArticleRepository.Located::publishedAt).reversed());
      for (var a : recent.subList(0, Math.min(NEWS_LIMIT, recent.size()))) {
        var edition = editions.find(a.edition()).orElse(null);
        if (edition == null) continue;
        xml.append("  <url>\n    <loc>")
            .append(Markup.escape(site.baseUrl()
                + SitePaths.encode(
                    SitePaths.article(edition, a.sectionSlug(), a.slug(), a.publishedAt()))))
            .append("</loc>\n    <news:news>\n      <news:publication>\n        <news:name>")
            .append(Markup.escape(site.siteName()))
            .append("</news:name>\n        <news:language>")
            .append(Markup.escape(edition.language()))
            .append("</news:language>\n      </news:publication>\n")
            .append("      <news:publication_date>")
            .append(W3C.format(a.publishedAt().truncatedTo(ChronoUnit.SECONDS)))
            .append("</news:publication_date>\n      <news:title>")
            .append(Markup.escape(a.headline()))
            .append("</news:title>\n    </news:news>\n  </url>\n");
      }
      xml.append("</urlset>\n");
      // Articles leave it as they age: kept at most ten minutes.
      return new PageCache.Page(
          PageCache.Variant.of(xml.toString().getBytes(StandardCharsets.UTF_8)),
          null,
          null,
          everyListing(),
          Duration.ofMinutes(10),
          CONTENT_TYPE);
    });
  }

  private LinkedHashSet<String> everyListing() {
    var cacheTags = new LinkedHashSet<String>();
    editions.all().forEach(e -> cacheTags.add(e.listingKey()));
    return cacheTags;
  }

  private StringBuilder urlset(boolean alternates) {
    var xml = new StringBuilder(64 * 1024);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"");
    if (alternates) xml.append(" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"");
    return xml.append(">\n");
  }

  private void url(StringBuilder xml, String path, Instant lastmod) {
    xml.append("  <url><loc>")
        .append(Markup.escape(site.baseUrl() + SitePaths.encode(path)))
        .append("</loc>");
    if (lastmod != null)
      xml.append("<lastmod>")
          .append(W3C.format(lastmod.truncatedTo(ChronoUnit.SECONDS)))
          .append("</lastmod>");
    xml.append("</url>\n");
  }

  private void entry(StringBuilder xml, String path, Instant lastmod) {
    xml.append("  <sitemap><loc>").append(Markup.escape(site.baseUrl() + path)).append("</loc>");
    if (lastmod != null)
      xml.append("<lastmod>")
          .append(W3C.format(lastmod.truncatedTo(ChronoUnit.SECONDS)))
          .append("</lastmod>");
    xml.append("</sitemap>\n");
  }

  private PageCache.Page page(StringBuilder xml, java.util.Set<String> cacheTags) {
    return new PageCache.Page(
        PageCache.Variant.of(xml.toString().getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        cacheTags,
        Duration.ofHours(1),
        CONTENT_TYPE);
  }
}
