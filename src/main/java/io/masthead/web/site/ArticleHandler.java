package io.masthead.web.site;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.article.ArticleSummary;
import io.masthead.change.Tags;
import io.masthead.edition.Edition;
import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
import io.masthead.web.BodyPictures;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import io.masthead.web.Picture;
import io.masthead.web.Templates;
import io.masthead.web.site.SiteViews.ArticlePage;
import io.masthead.web.site.SiteViews.Byline;
import io.masthead.web.site.SiteViews.Link;
import io.masthead.web.site.SiteViews.Meta;
import io.masthead.web.site.SiteViews.SocialImage;
import io.masthead.web.site.SiteViews.Star;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The article page, the page Masthead exists to serve: the headline, section, times, byline,
 * body, corrections and related stories, with NewsArticle JSON-LD and social metadata. An old slug
 * or section answers 301 to the current address, an unpublished article 410. Served from the page
 * cache, with a starred variant for readers who starred it. Thread-safe.
 */
public final class ArticleHandler {
  // Compiled once: String.matches compiles its pattern on every call, on every article request.
  private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\d{4}");
  private static final java.util.regex.Pattern MONTH_OR_DAY =
      java.util.regex.Pattern.compile("\\d{2}");

  private final SiteFrames site;
  private final ArticleRepository articles;
  private final Templates templates;
  private final PageServer server;

  public ArticleHandler(
      SiteFrames site, ArticleRepository articles, Templates templates, PageServer server) {
    this.site = site;
    this.articles = articles;
    this.templates = templates;
    this.server = server;
  }

  public void article(
      Context ctx,
      Edition edition,
      String sectionSlug,
      String year,
      String month,
      String day,
      String slug) {
    if (!YEAR.matcher(year).matches()
        || !MONTH_OR_DAY.matcher(month).matches()
        || !MONTH_OR_DAY.matcher(day).matches()) {
      throw new HttpProblem.NotFound("not an article address");
    }
    var requested =
        SiteFrames.decodedPath(ctx); // also the cache key: an article has no page number
    var cached = server.cached(requested);
    if (cached != null) {
      server.send(ctx, cached);
      return;
    }
    var article = articles
        .findBySlug(edition.code(), slug)
        .or(() -> articles.findByOldSlug(edition.code(), slug))
        .orElseThrow(() -> new HttpProblem.NotFound("no article " + slug));
    if (article.status() == ArticleStatus.UNPUBLISHED)
      throw new HttpProblem.Gone("unpublished article " + article.id());
    if (article.status() != ArticleStatus.PUBLISHED)
      throw new HttpProblem.NotFound("article not live " + article.id());
    var canonical =
        SitePaths.article(edition, article.section(), article.slug(), article.publishedAt());
    if (!canonical.equals(requested)) {
      ctx.status(301)
          .header("Location", SitePaths.encode(canonical))
          .header("Cache-Control", "public, max-age=300");
      return;
    }
    server.serve(ctx, requested, () -> articlePage(edition, article, canonical));
  }

  private PageCache.Page articlePage(Edition edition, Article article, String path) {
    var frame = site.frame(edition);
    var t = frame.texts();
    var cacheTags = new LinkedHashSet<String>(List.of(article.cacheTag()));
    var times = new ArrayList<Instant>(List.of(article.publishedAt()));
    var related = new ArrayList<ArticleSummary>();
    if (!article.tags().isEmpty()) {
      var key = article.tags().getFirst().listingKey();
      cacheTags.add(key);
      site.listings().list(key, 0, 5).stream()
          .filter(a -> a.id() != article.id())
          .limit(4)
          .forEach(related::add);
    }
    if (related.size() < 2) {
      cacheTags.add(article.section().listingKey());
      site.listings().list(article.section().listingKey(), 0, 6).stream()
          .filter(a -> a.id() != article.id() && related.stream().noneMatch(r -> r.id() == a.id()))
          .limit(4 - related.size())
          .forEach(related::add);
    }
    var byline = new ArrayList<Link>();
    for (var entry : article.byline()) {
      byline.add(
          entry.author() != null
              ? Link.of(entry.author().name(), SitePaths.author(edition, entry.author()))
              : Link.of(t.t("credit." + entry.credit().code()), null));
    }
    var sectionPath = frame.sections().pathTo(article.section());
    var lead = article.leadMediaId() == null
        ? null
        : site.media().find(article.leadMediaId()).map(Picture::new).orElse(null);
    if (lead != null) cacheTags.add(Tags.media(lead.media().id()));
    var meta = new Meta(
        "article",
        SiteFrames.iso(article.publishedAt()),
        SiteFrames.iso(article.updatedAt() != null ? article.updatedAt() : article.publishedAt()),
        article.section().name(),
        jsonLd(edition, article, path, byline, lead),
        List.of(),
        article.tags().stream().map(tag -> tag.name()).toList(),
        lead == null ? null : socialImage(lead));
    var chrome = site.chrome(
        frame,
        null,
        article.headline(),
        article.standfirst().isEmpty() ? article.headline() : article.standfirst(),
        path,
        sectionPath.getFirst(),
        meta,
        List.of());
    var corrections = article.corrections().stream()
        .map(c -> new SiteViews.Correction(site.stamp(t, c.publishedAt()), c.body()))
        .toList();
    article.corrections().forEach(c -> times.add(c.publishedAt())); // their relative times too
    int minutes = Math.max(1, (int) Math.round(article.wordCount() / 230.0));
    var star = new Star(article.id(), false, SitePaths.favorites(edition), path);
    var plain = new ArticlePage(
        chrome,
        article.headline(),
        article.standfirst(),
        Link.of(article.section().name(), SitePaths.section(edition, article.section())),
        site.stamp(t, article.publishedAt()),
        article.updatedAt() == null ? null : site.stamp(t, article.updatedAt()),
        new Byline(t.t("article.by"), byline),
        BodyPictures.expand(article.bodyHtml(), site.media()),
        t.t("article.readingTime", minutes),
        article.series() == null
            ? null
            : Link.of(article.series().title(), SitePaths.series(edition, article.series())),
        article.tags().stream()
            .map(tag -> Link.of(tag.name(), SitePaths.tag(edition, tag)))
            .toList(),
        corrections,
        // Dated, not "3 hours ago": the newest stories of a tag are on every page of its
        // archive, and their relative times would have those pages rendered again every
        // minute or hour, all at once (the article's own time keeps its relative form).
        site.stories(frame, related, cacheTags, null),
        star,
        lead == null ? null : lead.figure(lead.articleLead(), null, "lead-figure"));
    if (article.updatedAt() != null) times.add(article.updatedAt());
    // The starred variant is the plain page with its star form swapped, made when a reader who
    // starred the article first asks: a cached page keeps two small fragments, not its whole
    // view (which, kept for a later render, outweighed the page's bytes several times over).
    var plainForm = templates.render("site/star.jte", Map.of("star", star, "t", t));
    var starredForm = templates.render(
        "site/star.jte",
        Map.of("star", new Star(article.id(), true, star.action(), star.back()), "t", t));
    return site.page(
        templates.render("site/article.jte", plain),
        new PageCache.StarSwap(plainForm, starredForm),
        article.id(),
        frame,
        cacheTags,
        times,
        null);
  }

  /** The 1.91:1 crop at 1200 wide that Facebook, LinkedIn and X show for a shared link. */
  private SocialImage socialImage(Picture lead) {
    var media = lead.media();
    int width = media.widthUpTo(Crop.SOCIAL, 1200);
    return new SocialImage(
        site.baseUrl() + lead.url(Crop.SOCIAL, width, ImageFormat.JPEG),
        width,
        Crop.SOCIAL.heightFor(width, media.width(), media.height()),
        media.alt());
  }

  /**
   * The page's schema.org NewsArticle, written field by field (through a Map and ObjectMapper
   * it was ~5 % of a render). Inside a script element, "</script" or "<!--" in a headline must
   * not end the element: {@link #JSON_LD} writes every <, > and & as a \\u escape.
   */
  private String jsonLd(
      Edition edition, Article article, String path, List<Link> byline, Picture lead) {
    var out = new StringWriter(1024);
    try (var g = JSON_LD.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("@context", "https://schema.org");
      g.writeStringField("@type", "NewsArticle");
      g.writeStringField("mainEntityOfPage", site.baseUrl() + path);
      g.writeStringField("url", site.baseUrl() + path);
      g.writeStringField("headline", article.headline());
      if (!article.standfirst().isEmpty()) g.writeStringField("description", article.standfirst());
      g.writeStringField("inLanguage", edition.language());
      g.writeStringField("datePublished", SiteFrames.iso(article.publishedAt()));
      g.writeStringField(
          "dateModified",
          SiteFrames.iso(
              article.updatedAt() != null ? article.updatedAt() : article.publishedAt()));
      g.writeStringField("articleSection", article.section().name());
      if (lead != null) {
        // Google asks for 16:9, 4:3 and 1:1, each at least 50,000 pixels (1200 wide is safe).
        g.writeArrayFieldStart("image");
        for (var crop : List.of(Crop.WIDE, Crop.STANDARD, Crop.SQUARE))
          g.writeString(site.baseUrl()
              + lead.url(crop, lead.media().widthUpTo(crop, 1200), ImageFormat.JPEG));
        g.writeEndArray();
      }
      g.writeNumberField("wordCount", article.wordCount());
      if (!article.tags().isEmpty()) {
        g.writeArrayFieldStart("keywords");
        for (var tag : article.tags()) g.writeString(tag.name());
        g.writeEndArray();
      }
      g.writeArrayFieldStart("author");
      for (var b : byline) {
        g.writeStartObject();
        g.writeStringField("@type", b.href() == null ? "Organization" : "Person");
        g.writeStringField("name", b.text());
        if (b.href() != null) g.writeStringField("url", site.baseUrl() + b.href());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("publisher");
      g.writeStringField("@type", "Organization");
      g.writeStringField("name", site.siteName());
      g.writeStringField("url", site.baseUrl() + "/");
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** JSON for inside a script element: <, > and & escaped, so no text in it can close it. */
  private static final JsonFactory JSON_LD =
      new JsonFactoryBuilder().characterEscapes(new ScriptSafeEscapes()).build();

  private static final class ScriptSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    ScriptSafeEscapes() {
      ascii['<'] = ESCAPE_STANDARD;
      ascii['>'] = ESCAPE_STANDARD;
      ascii['&'] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return null; // only the standard escapes above
    }
  }
}
