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
import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
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
  /** The site's host, for the items' tag URIs. */
  private final String host;

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
    this.host = URI.create(site.baseUrl()).getHost();
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
      var items = new ArrayList<Item>();
      for (var n : articles.recentCorrections(edition.code(), ITEMS)) {
        var a = n.article();
        items.add(new Item(
            tagUri("correction", n.id()),
            site.baseUrl()
                + SitePaths.encode(
                    SitePaths.article(edition, a.sectionSlug(), a.slug(), a.publishedAt())),
            texts.t("feed.correction", a.headline()),
            n.body(),
            "<p>" + Markup.escape(n.body()) + "</p>",
            List.of(),
            List.of(),
            n.at(),
            n.at(),
            null));
      }
      var channel = new Channel(
          edition,
          texts.t("feed.corrections") + " – " + site.siteName(),
          edition.homePath(),
          path,
          // Atom wants an author for the feed when its entries name none.
          List.of(site.siteName()));
      return page(format, channel, items, List.of(edition.listingKey(), edition.structureTag()));
    });
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
    var cacheTags = new ArrayList<String>(List.of(source.listingKey(), edition.structureTag()));
    var items = new ArrayList<Item>();
    for (var summary : site.listings().list(source.listingKey(), 0, ITEMS)) {
      articles.find(summary.id()).filter(Article::isLive).ifPresent(a -> {
        cacheTags.add(a.cacheTag());
        items.add(item(edition, a, texts));
      });
    }
    var title = source.title().equals(site.siteName())
        ? site.siteName()
        : source.title() + " – " + site.siteName();
    return page(
        format, new Channel(edition, title, source.pagePath(), path, List.of()), items, cacheTags);
  }

  /** One entry of a feed, in what every format needs. */
  private record Item(
      String id,
      String url,
      String title,
      String summary,
      String contentHtml,
      List<String> authors,
      List<String> categories,
      Instant published,
      Instant updated,
      String imageUrl) {}

  /** The feed itself: where it is, the page it belongs to, and its authors (none: its entries name theirs). */
  private record Channel(
      Edition edition, String title, String pagePath, String feedPath, List<String> authors) {}

  private Item item(Edition edition, Article a, Texts texts) {
    return new Item(
        tagUri("article", a.id()),
        site.baseUrl()
            + SitePaths.encode(SitePaths.article(edition, a.section(), a.slug(), a.publishedAt())),
        a.headline(),
        a.standfirst(),
        contentHtml(a),
        a.byline().stream()
            .map(b -> b.author() != null
                ? b.author().name()
                : texts.t("credit." + b.credit().code()))
            .toList(),
        categories(a),
        a.publishedAt(),
        updated(a),
        leadImageUrl(a));
  }

  /** The lead image at 16:9, 1200 wide (or the largest there is): the feed readers' picture. */
  private String leadImageUrl(Article a) {
    if (a.leadMediaId() == null) return null;
    return site.media()
        .find(a.leadMediaId())
        .map(m -> site.baseUrl() + m.url(Crop.WIDE, m.widthUpTo(Crop.WIDE, 1200), ImageFormat.JPEG))
        .orElse(null);
  }

  private PageCache.Page page(
      Format format, Channel channel, List<Item> items, List<String> cacheTags) {
    var body = format == Format.JSON ? json(channel, items) : rome(format, channel, items);
    var newest = items.stream().map(Item::updated).max(Comparator.naturalOrder());
    return new PageCache.Page(
            PageCache.Variant.of(body),
            null,
            null,
            new LinkedHashSet<>(cacheTags),
            Duration.ofMinutes(30),
            format.contentType())
        .lastModified(newest.orElse(null));
  }

  /**
   * Text as XML can carry it. What the database stores is already so, but not what it stored
   * before it took only such text: JDOM refuses a character XML cannot write with an exception,
   * and one of Word's line breaks (U+000B) in a headline made every feed it was in answer 500.
   */
  private static String writable(String text) {
    return text == null ? null : io.masthead.text.PlainText.writable(text);
  }

  private byte[] rome(Format format, Channel channel, List<Item> items) {
    var feed = new SyndFeedImpl();
    feed.setFeedType(format.romeType);
    feed.setTitle(writable(channel.title()));
    feed.setLink(site.baseUrl() + SitePaths.encode(channel.pagePath()));
    feed.setUri(site.baseUrl() + SitePaths.encode(channel.feedPath()));
    feed.setDescription(writable(channel.title()));
    feed.setLanguage(channel.edition().language());
    if (!channel.authors().isEmpty()) feed.setAuthors(people(channel.authors()));
    feed.setPublishedDate(Date.from(
        items.stream().map(Item::updated).max(Comparator.naturalOrder()).orElse(Instant.EPOCH)));
    var entries = new ArrayList<SyndEntry>();
    for (var item : items) {
      var entry = new SyndEntryImpl();
      entry.setTitle(writable(item.title()));
      entry.setLink(item.url());
      entry.setUri(item.id());
      var summary = new SyndContentImpl();
      summary.setType("text/plain");
      summary.setValue(writable(item.summary()));
      entry.setDescription(summary);
      var content = new SyndContentImpl();
      content.setType("html");
      content.setValue(writable(absolutePictures(item.contentHtml())));
      entry.setContents(List.of(content));
      entry.setAuthors(people(item.authors()));
      var categories = new ArrayList<com.rometools.rome.feed.synd.SyndCategory>();
      for (var name : item.categories()) {
        var category = new SyndCategoryImpl();
        category.setName(writable(name));
        categories.add(category);
      }
      entry.setCategories(categories);
      if (item.imageUrl() != null) {
        // RSS wants a length; a rendition's is known only once made, and 0 is the usual "unknown".
        var enclosure = new com.rometools.rome.feed.synd.SyndEnclosureImpl();
        enclosure.setUrl(item.imageUrl());
        enclosure.setType("image/jpeg");
        enclosure.setLength(0);
        entry.setEnclosures(List.of(enclosure));
      }
      entry.setPublishedDate(Date.from(item.published()));
      entry.setUpdatedDate(Date.from(item.updated()));
      entries.add(entry);
    }
    feed.setEntries(entries);
    try {
      return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
    } catch (FeedException e) {
      throw new IllegalStateException("the feed could not be written", e);
    }
  }

  private byte[] json(Channel channel, List<Item> items) {
    var feed = new LinkedHashMap<String, Object>();
    feed.put("version", "https://jsonfeed.org/version/1.1");
    feed.put("title", channel.title());
    feed.put("home_page_url", site.baseUrl() + SitePaths.encode(channel.pagePath()));
    feed.put("feed_url", site.baseUrl() + SitePaths.encode(channel.feedPath()));
    feed.put("language", channel.edition().language());
    if (!channel.authors().isEmpty()) feed.put("authors", names(channel.authors()));
    var list = new ArrayList<Map<String, Object>>();
    for (var item : items) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("id", item.id());
      entry.put("url", item.url());
      entry.put("title", item.title());
      if (!item.summary().isEmpty()) entry.put("summary", item.summary());
      entry.put("content_html", absolutePictures(item.contentHtml()));
      if (item.imageUrl() != null) entry.put("image", item.imageUrl());
      entry.put("date_published", item.published().toString());
      entry.put("date_modified", item.updated().toString());
      if (!item.authors().isEmpty()) entry.put("authors", names(item.authors()));
      if (!item.categories().isEmpty()) entry.put("tags", item.categories());
      entry.put("language", channel.edition().language());
      list.add(entry);
    }
    feed.put("items", list);
    try {
      return json.writeValueAsBytes(feed);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<com.rometools.rome.feed.synd.SyndPerson> people(List<String> names) {
    var people = new ArrayList<com.rometools.rome.feed.synd.SyndPerson>();
    for (var name : names) {
      var person = new SyndPersonImpl();
      person.setName(writable(name));
      people.add(person);
    }
    return people;
  }

  private static List<Map<String, String>> names(List<String> names) {
    return names.stream().map(n -> Map.of("name", n)).toList();
  }

  /** A stable id that survives a changed slug or section: a tag URI (RFC 4151) of what it names. */
  private String tagUri(String kind, long id) {
    return "tag:" + host + ",2026:" + kind + ":" + id;
  }

  /** Pictures of the library with the site's address: a feed is read away from the site. */
  private String absolutePictures(String html) {
    return html.replace("src=\"/media/", "src=\"" + site.baseUrl() + "/media/");
  }

  /** The body, and after it each correction notice, as readers see them on the page. */
  private static String contentHtml(Article a) {
    var html = new StringBuilder(a.bodyHtml());
    for (var c : a.corrections()) {
      html.append("<p><strong>Correction (")
          .append(c.publishedAt().toString().substring(0, 10))
          .append(")</strong>: ")
          .append(Markup.escape(c.body()))
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

  private static List<String> categories(Article a) {
    var names = new ArrayList<String>();
    names.add(a.section().name());
    a.tags().forEach(t -> names.add(t.name()));
    return names;
  }
}
