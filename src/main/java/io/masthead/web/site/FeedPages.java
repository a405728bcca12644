package io.masthead.web.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Edition;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import io.masthead.web.Texts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The feeds of every listing: an edition, a section (with its subsections' stories), a series, a
 * tag, an author; each as RSS 2.0 ({@code …/feed}), Atom 1.0 ({@code …/feed.atom}) and JSON Feed
 * 1.1 ({@code …/feed.json}). The newest {@value #ITEMS} live articles, each with its canonical
 * address, a stable id, headline, standfirst, the full sanitised body (and its correction
 * notices), authors and desk credits, section and tags, published and updated times, in the
 * edition's language. Served from the page cache like pages (ETag, 304, gzip) and dropped by the
 * change log with the listing. Thread-safe.
 */
public final class FeedPages {
  static final int ITEMS = 50;

  /** The three formats, by the last part of their address. */
  public enum Format {
    RSS("feed", "application/rss+xml; charset=utf-8", "rss_2.0"),
    ATOM("feed.atom", "application/atom+xml; charset=utf-8", "atom_1.0"),
    JSON("feed.json", "application/feed+json; charset=utf-8", null);

    private final String name;
    private final String contentType;
    private final String romeType;

    Format(String name, String contentType, String romeType) {
      this.name = name;
      this.contentType = contentType;
      this.romeType = romeType;
    }

    /** The last segment of the address: feed, feed.atom or feed.json. */
    public String segment() {
      return name;
    }

    public String contentType() {
      return contentType;
    }
  }

  private final SiteFrames site;
  private final ArticleRepository articles;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final PageServer server;
  private final ObjectMapper json = new ObjectMapper();

  public FeedPages(
      SiteFrames site,
      ArticleRepository articles,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      PageServer server) {
    this.site = site;
    this.articles = articles;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.server = server;
  }

  /** What a feed lists and where its page is. */
  private record Source(Edition edition, String listingKey, String title, String pagePath) {}

  public void edition(Context ctx, Edition edition, Format format) {
    serve(
        ctx,
        format,
        new Source(edition, edition.listingKey(), site.siteName(), edition.homePath()));
  }

  public void section(Context ctx, Edition edition, String slug, Format format) {
    var section = site.frame(edition)
        .sections()
        .findBySlug(slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no section " + slug));
    serve(
        ctx,
        format,
        new Source(
            edition, section.listingKey(), section.name(), SitePaths.section(edition, section)));
  }

  public void series(Context ctx, Edition edition, String slug, Format format) {
    var found = series
        .findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no series " + slug));
    serve(
        ctx,
        format,
        new Source(edition, found.listingKey(), found.title(), SitePaths.series(edition, found)));
  }

  public void tag(Context ctx, Edition edition, String slug, Format format) {
    var found = tags.findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no tag " + slug));
    serve(
        ctx,
        format,
        new Source(edition, found.listingKey(), found.name(), SitePaths.tag(edition, found)));
  }

  public void author(Context ctx, Edition edition, String slug, Format format) {
    var found = authors
        .findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no author " + slug));
    serve(
        ctx,
        format,
        new Source(edition, found.listingKey(), found.name(), SitePaths.author(edition, found)));
  }

  /**
   * The edition's corrections, newest first ({@code /corrections/feed}, {@code /ar/corrections/feed}
   * …): each links the corrected article and carries the notice.
   */
  public void corrections(Context ctx, Edition edition, Format format) {
    var path = edition.path("/corrections/" + format.segment());
    server.serve(ctx, path, () -> {
      var texts = site.texts(edition);
      var notices = articles.recentCorrections(edition.code(), ITEMS);
      var title = texts.t("feed.corrections") + " – " + site.siteName();
      var home = site.baseUrl() + edition.homePath();
      byte[] body;
      if (format == Format.JSON) {
        var feed = new LinkedHashMap<String, Object>();
        feed.put("version", "https://jsonfeed.org/version/1.1");
        feed.put("title", title);
        feed.put("home_page_url", home);
        feed.put("feed_url", site.baseUrl() + SitePaths.encode(path));
        feed.put("language", edition.language());
        feed.put("authors", List.of(Map.of("name", site.siteName())));
        var list = new ArrayList<Map<String, Object>>();
        for (var n : notices) {
          var item = new LinkedHashMap<String, Object>();
          item.put("id", correctionId(n.id()));
          item.put("url", locatedUrl(edition, n.article()));
          item.put("title", texts.t("feed.correction", n.article().headline()));
          item.put("content_html", "<p>" + escape(n.body()) + "</p>");
          item.put("date_published", n.at().toString());
          list.add(item);
        }
        feed.put("items", list);
        try {
          body = json.writeValueAsBytes(feed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        var feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType);
        feed.setTitle(title);
        feed.setLink(home);
        feed.setUri(site.baseUrl() + SitePaths.encode(path));
        feed.setDescription(title);
        feed.setLanguage(edition.language());
        var publisher = new SyndPersonImpl();
        publisher.setName(site.siteName());
        feed.setAuthors(
            List.of(publisher)); // Atom wants an author for the feed when its entries name none
        feed.setPublishedDate(
            date(notices.isEmpty() ? Instant.EPOCH : notices.getFirst().at()));
        var entries = new ArrayList<SyndEntry>();
        for (var n : notices) {
          var entry = new SyndEntryImpl();
          entry.setTitle(texts.t("feed.correction", n.article().headline()));
          entry.setLink(locatedUrl(edition, n.article()));
          entry.setUri(correctionId(n.id()));
          var content = new SyndContentImpl();
          content.setType("html");
          content.setValue("<p>" + escape(n.body()) + "</p>");
          entry.setContents(List.of(content));
          var summary = new SyndContentImpl();
          summary.setType("text/plain");
          summary.setValue(n.body());
          entry.setDescription(summary);
          entry.setPublishedDate(date(n.at()));
          entry.setUpdatedDate(date(n.at()));
          entries.add(entry);
        }
        feed.setEntries(entries);
        try {
          body = new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
          throw new IllegalStateException("the feed could not be written", e);
        }
      }
      var cacheTags =
          new LinkedHashSet<String>(List.of(edition.listingKey(), edition.structureTag()));
      return new PageCache.Page(
              PageCache.Variant.of(body),
              null,
              null,
              cacheTags,
              Duration.ofMinutes(30),
              format.contentType())
          .lastModified(notices.isEmpty() ? null : notices.getFirst().at());
    });
  }

  private String correctionId(long id) {
    return "tag:" + URI.create(site.baseUrl()).getHost() + ",2026:correction:" + id;
  }

  private String locatedUrl(Edition edition, ArticleRepository.Located a) {
    return site.baseUrl()
        + SitePaths.encode(SitePaths.article(edition, a.sectionSlug(), a.slug(), a.publishedAt()));
  }

  /** The feed of a page: its path with the format's segment ("/world/" → "/world/feed"). */
  public static String feedPath(String pagePath, Format format) {
    return (pagePath.endsWith("/") ? pagePath : pagePath + "/") + format.segment();
  }

  private void serve(Context ctx, Format format, Source source) {
    var path = feedPath(source.pagePath(), format);
    server.serve(ctx, path, () -> render(format, source, path));
  }

  private PageCache.Page render(Format format, Source source, String path) {
    var edition = source.edition();
    var texts = site.texts(edition);
    var items = new ArrayList<Article>();
    for (var summary : site.listings().list(source.listingKey(), 0, ITEMS)) {
      articles.find(summary.id()).filter(Article::isLive).ifPresent(items::add);
    }
    var cacheTags = new LinkedHashSet<String>();
    cacheTags.add(source.listingKey());
    cacheTags.add(edition.structureTag());
    items.forEach(a -> cacheTags.add(a.cacheTag()));
    var title = source.title().equals(site.siteName())
        ? site.siteName()
        : source.title() + " – " + site.siteName();
    var body = format == Format.JSON
        ? jsonFeed(source, title, path, items, texts)
        : romeFeed(format, source, title, path, items, texts);
    return new PageCache.Page(
            PageCache.Variant.of(body),
            null,
            null,
            cacheTags,
            Duration.ofMinutes(30),
            format.contentType())
        .lastModified(items.isEmpty() ? null : newest(items));
  }

  private byte[] romeFeed(
      Format format, Source source, String title, String path, List<Article> items, Texts texts) {
    var edition = source.edition();
    var feed = new SyndFeedImpl();
    feed.setFeedType(format.romeType);
    feed.setTitle(title);
    feed.setLink(site.baseUrl() + SitePaths.encode(source.pagePath()));
    feed.setUri(site.baseUrl() + SitePaths.encode(path));
    feed.setDescription(title);
    feed.setLanguage(edition.language());
    feed.setPublishedDate(date(newest(items)));
    var entries = new ArrayList<SyndEntry>();
    for (var a : items) {
      var entry = new SyndEntryImpl();
      entry.setTitle(a.headline());
      entry.setLink(url(edition, a));
      entry.setUri(id(a));
      var summary = new SyndContentImpl();
      summary.setType("text/plain");
      summary.setValue(a.standfirst());
      entry.setDescription(summary);
      var content = new SyndContentImpl();
      content.setType("html");
      content.setValue(contentHtml(a));
      entry.setContents(List.of(content));
      var people = new ArrayList<com.rometools.rome.feed.synd.SyndPerson>();
      for (var name : bylineNames(a, texts)) {
        var person = new SyndPersonImpl();
        person.setName(name);
        people.add(person);
      }
      entry.setAuthors(people);
      var categories = new ArrayList<com.rometools.rome.feed.synd.SyndCategory>();
      for (var name : categories(a)) {
        var category = new SyndCategoryImpl();
        category.setName(name);
        categories.add(category);
      }
      entry.setCategories(categories);
      entry.setPublishedDate(date(a.publishedAt()));
      entry.setUpdatedDate(date(updated(a)));
      entries.add(entry);
    }
    feed.setEntries(entries);
    try {
      return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("the feed could not be written", e);
    }
  }

  private byte[] jsonFeed(
      Source source, String title, String path, List<Article> items, Texts texts) {
    var edition = source.edition();
    var feed = new LinkedHashMap<String, Object>();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", title);
    feed.put("home_page_url", site.baseUrl() + SitePaths.encode(source.pagePath()));
    feed.put("feed_url", site.baseUrl() + SitePaths.encode(path));
    feed.put("language", edition.language());
    var list = new ArrayList<Map<String, Object>>();
    for (var a : items) {
      var item = new LinkedHashMap<String, Object>();
      item.put("id", id(a));
      item.put("url", url(edition, a));
      item.put("title", a.headline());
      if (!a.standfirst().isEmpty()) item.put("summary", a.standfirst());
      item.put("content_html", contentHtml(a));
      item.put("date_published", a.publishedAt().toString());
      item.put("date_modified", updated(a).toString());
      item.put(
          "authors", bylineNames(a, texts).stream().map(n -> Map.of("name", n)).toList());
      item.put("tags", categories(a));
      item.put("language", edition.language());
      list.add(item);
    }
    feed.put("items", list);
    try {
      return json.writeValueAsBytes(feed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A stable id that survives a changed slug or section: a tag URI (RFC 4151) of the article's id. */
  private String id(Article a) {
    var host = URI.create(site.baseUrl()).getHost();
    return "tag:" + host + ",2026:article:" + a.id();
  }

  private String url(Edition edition, Article a) {
    return site.baseUrl()
        + SitePaths.encode(SitePaths.article(edition, a.section(), a.slug(), a.publishedAt()));
  }

  /** The body, and after it each correction notice, as readers see them on the page. */
  private static String contentHtml(Article a) {
    var html = new StringBuilder(a.bodyHtml());
    for (var c : a.corrections()) {
      html.append("<p><strong>Correction (")
          .append(c.publishedAt().toString().substring(0, 10))
          .append(")</strong>: ")
          .append(escape(c.body()))
          .append("</p>");
    }
    return html.toString();
  }

  /** When the article last changed for a reader: its update or its newest correction. */
  private static Instant updated(Article a) {
    return java.util.stream.Stream.concat(
            java.util.stream.Stream.of(a.publishedAt(), a.updatedAt()),
            a.corrections().stream().map(c -> c.publishedAt()))
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(a.publishedAt());
  }

  private static Instant newest(List<Article> items) {
    return items.stream()
        .map(FeedPages::updated)
        .max(Comparator.naturalOrder())
        .orElse(Instant.EPOCH);
  }

  private static List<String> bylineNames(Article a, Texts texts) {
    return a.byline().stream()
        .map(b -> b.author() != null
            ? b.author().name()
            : texts.t("credit." + b.credit().code()))
        .toList();
  }

  private static List<String> categories(Article a) {
    var names = new ArrayList<String>();
    names.add(a.section().name());
    a.tags().forEach(t -> names.add(t.name()));
    return names;
  }

  private static Date date(Instant instant) {
    return Date.from(instant);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
