package io.masthead.web.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.masthead.article.Article;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.article.ArticleSummary;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.section.Section;
import io.masthead.section.SectionRepository;
import io.masthead.section.SectionTree;
import io.masthead.series.Series;
import io.masthead.series.SeriesRepository;
import io.masthead.change.ChangeLog;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import io.masthead.web.Templates;
import io.masthead.web.Texts;
import io.masthead.web.site.SiteViews.ArticlePage;
import io.masthead.web.site.SiteViews.Byline;
import io.masthead.web.site.SiteViews.Chrome;
import io.masthead.web.site.SiteViews.Home;
import io.masthead.web.site.SiteViews.Link;
import io.masthead.web.site.SiteViews.Listing;
import io.masthead.web.site.SiteViews.Meta;
import io.masthead.web.site.SiteViews.Pagination;
import io.masthead.web.site.SiteViews.SectionBlock;
import io.masthead.web.site.SiteViews.Stamp;
import io.masthead.web.site.SiteViews.Star;
import io.masthead.web.site.SiteViews.Story;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reader's pages. Each handler parses the address, reads through the repositories, and
 * renders a view; {@link PageServer} serves the result from the page cache. Thread-safe.
 */
public final class SitePages implements io.masthead.web.SiteErrorPages {
  static final int PAGE_SIZE = 20;
  static final int MAX_PAGE = 500;

  /** What every page of an edition shares and changes only with the edition's structure. */
  record EditionFrame(Edition edition, Texts texts, SectionTree sections, Series promotedSeries) {}

  private final Editions editions;
  private final String siteName;
  private final String baseUrl;
  // Compiled once: String.matches compiles its pattern on every call, on every article request.
  private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\d{4}");
  private static final java.util.regex.Pattern MONTH_OR_DAY = java.util.regex.Pattern.compile("\\d{2}");
  private final ArticleRepository articles;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final FrontPageRepository frontPages;
  private final SectionRepository sections;
  private final Templates templates;
  private final PageServer server;
  private final Clock clock;
  private final String assetVersion;
  private final LoadingCache<String, EditionFrame> frames;
  /** Each edition's curated front page, which every page's breaking-news banner reads. */
  private final LoadingCache<String, FrontPage> fronts;
  private final ObjectMapper json = new ObjectMapper();
  private final ListingCache listings;

  public SitePages(Editions editions, String siteName, String baseUrl, ArticleRepository articles,
      SeriesRepository series, TagRepository tags, AuthorRepository authors, FrontPageRepository frontPages,
      SectionRepository sections, Templates templates, PageServer server, ChangeLog changeLog, Clock clock,
      String assetVersion) {
    this.editions = editions;
    this.siteName = siteName;
    this.baseUrl = baseUrl;
    this.articles = articles;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.frontPages = frontPages;
    this.sections = sections;
    this.templates = templates;
    this.server = server;
    this.clock = clock;
    this.assetVersion = assetVersion;
    this.frames = Caffeine.newBuilder().build(code -> {
      var edition = editions.get(code);
      return new EditionFrame(edition, new Texts(edition, clock), sections.tree(code), series.promoted(code).orElse(null));
    });
    this.fronts = Caffeine.newBuilder().build(frontPages::get);
    this.listings = new ListingCache(articles, changeLog);
    changeLog.addListener(change -> change.tags().forEach(tag -> {
      if (tag.startsWith("structure:")) frames.invalidate(tag.substring("structure:".length()));
      if (tag.startsWith("home:")) fronts.invalidate(tag.substring("home:".length()));
    }));
  }

  public Texts texts(Edition edition) {
    return frames.get(edition.code()).texts();
  }

  // ---- home ----------------------------------------------------------------------------------

  public void home(Context ctx, Edition edition) {
    server.serve(ctx, cacheKey(ctx, 1), () -> {
      var frame = frames.get(edition.code());
      var front = fronts.get(edition.code());
      var shown = new LinkedHashSet<Long>();
      var latest = listings.list(edition.listingKey(), 0, 30);
      ArticleSummary lead = front.leadArticleId() == null ? null
          : articles.listPublished(List.of(front.leadArticleId())).stream().findFirst().orElse(null);
      if (lead == null && !latest.isEmpty()) lead = latest.getFirst();
      if (lead != null) shown.add(lead.id());
      var top = new ArrayList<ArticleSummary>();
      for (var a : articles.listPublished(front.topArticleIds())) if (shown.add(a.id())) top.add(a);
      for (var a : latest) if (top.size() < 6 && shown.add(a.id())) top.add(a);
      var newest = latest.stream().filter(a -> shown.add(a.id())).limit(9).toList();
      var blocks = new ArrayList<SectionBlock>();
      var cacheTags = new LinkedHashSet<String>(List.of(edition.listingKey(), FrontPage.cacheTag(edition.code())));
      var times = new ArrayList<Instant>();
      for (var section : frame.sections().topLevel()) {
        var stories = listings.list(section.listingKey(), 0, 8).stream().filter(a -> shown.add(a.id())).limit(4).toList();
        if (stories.isEmpty()) continue;
        blocks.add(new SectionBlock(Link.of(section.name(), SitePaths.section(edition, section)), stories(frame, stories, cacheTags, times)));
      }
      var view = new Home(
          chrome(frame, front, siteName, frame.texts().t("site.footer"), edition.homePath(), null, Meta.website(),
              homeAlternates(edition)),
          lead == null ? null : stories(frame, List.of(lead), cacheTags, times).getFirst(),
          stories(frame, top, cacheTags, times),
          stories(frame, newest, cacheTags, times),
          blocks);
      return page(templates.render("site/home.jte", view), null, null, frame, cacheTags, times, front);
    });
  }

  // ---- sections, series, tags, authors -------------------------------------------------------

  public void section(Context ctx, Edition edition, String slug) {
    var frame = frames.get(edition.code());
    var section = frame.sections().findBySlug(slug).orElseThrow(() -> new HttpProblem.NotFound("no section " + slug));
    if (!ctx.path().endsWith("/")) { // a section lives at "/world/"; "/world" is the same page, moved
      var query = ctx.queryString();
      ctx.status(301).header("Location", SitePaths.encode(SitePaths.section(edition, section)) + (query == null ? "" : "?" + query));
      return;
    }
    int pageNumber = PageNumbers.of(ctx);
    server.serve(ctx, cacheKey(ctx, pageNumber), () -> {
      var path = frame.sections().pathTo(section);
      var breadcrumb = new ArrayList<Link>();
      breadcrumb.add(Link.of(frame.texts().t("site.home"), edition.homePath()));
      for (var s : path) breadcrumb.add(new Link(s.name(), SitePaths.section(edition, s), s == section, null));
      var subsections = frame.sections().children(section).stream()
          .map(s -> Link.of(s.name(), SitePaths.section(edition, s))).toList();
      return listing(ctx, frame, section.listingKey(), pageNumber, SitePaths.section(edition, section),
          null, section.name(), section.description(), breadcrumb, subsections, path.getFirst());
    });
  }

  public void series(Context ctx, Edition edition, String slug) {
    var frame = frames.get(edition.code());
    var found = series.findBySlug(edition.code(), slug).orElseThrow(() -> new HttpProblem.NotFound("no series " + slug));
    int pageNumber = PageNumbers.of(ctx);
    server.serve(ctx, cacheKey(ctx, pageNumber), () -> listing(ctx, frame, found.listingKey(), pageNumber,
        SitePaths.series(edition, found), frame.texts().t("series.title"), found.title(), found.description(),
        List.of(), List.of(), null));
  }

  public void tag(Context ctx, Edition edition, String slug) {
    var frame = frames.get(edition.code());
    var found = tags.findBySlug(edition.code(), slug).orElseThrow(() -> new HttpProblem.NotFound("no tag " + slug));
    int pageNumber = PageNumbers.of(ctx);
    server.serve(ctx, cacheKey(ctx, pageNumber), () -> listing(ctx, frame, found.listingKey(), pageNumber,
        SitePaths.tag(edition, found), frame.texts().t("tag.title"), found.name(), null, List.of(), List.of(), null));
  }

  public void author(Context ctx, Edition edition, String slug) {
    var frame = frames.get(edition.code());
    var found = authors.findBySlug(edition.code(), slug).orElseThrow(() -> new HttpProblem.NotFound("no author " + slug));
    int pageNumber = PageNumbers.of(ctx);
    server.serve(ctx, cacheKey(ctx, pageNumber), () -> listing(ctx, frame, found.listingKey(), pageNumber,
        SitePaths.author(edition, found), found.jobTitle().isEmpty() ? frame.texts().t("author.title") : found.jobTitle(),
        found.name(), found.bio(), List.of(), List.of(), null));
  }

  private PageCache.Page listing(Context ctx, EditionFrame frame, String listingKey, int pageNumber, String path,
      String kicker, String heading, String description, List<Link> breadcrumb, List<Link> subsections, Section current) {
    var edition = frame.edition();
    var found = listings.list(listingKey, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE + 1);
    if (found.isEmpty() && pageNumber > 1) throw new HttpProblem.NotFound("past the last page of " + listingKey);
    boolean hasOlder = found.size() > PAGE_SIZE;
    var shown = hasOlder ? found.subList(0, PAGE_SIZE) : found;
    var cacheTags = new LinkedHashSet<String>(List.of(listingKey));
    var times = new ArrayList<Instant>();
    var t = frame.texts();
    var pagination = new Pagination(
        pageNumber == 1 ? null : pageNumber == 2 ? path : path + "?page=" + (pageNumber - 1),
        hasOlder ? path + "?page=" + (pageNumber + 1) : null,
        t.t("nav.page", t.number(pageNumber)));
    var title = pageNumber == 1 ? heading : heading + " – " + t.t("nav.page", t.number(pageNumber));
    var canonical = pageNumber == 1 ? path : path + "?page=" + pageNumber;
    var view = new Listing(
        chrome(frame, null, title, description == null || description.isEmpty() ? heading : description, canonical, current,
            Meta.website(), List.of()),
        kicker, heading, description, breadcrumb, subsections, stories(frame, shown, cacheTags, times), pagination);
    return page(templates.render("site/listing.jte", view), null, null, frame, cacheTags, times, null);
  }

  // ---- articles ------------------------------------------------------------------------------

  public void article(Context ctx, Edition edition, String sectionSlug, String year, String month, String day, String slug) {
    if (!YEAR.matcher(year).matches() || !MONTH_OR_DAY.matcher(month).matches() || !MONTH_OR_DAY.matcher(day).matches()) {
      throw new HttpProblem.NotFound("not an article address");
    }
    var requested = decodedPath(ctx); // also the cache key: an article has no page number
    var cached = server.cached(requested);
    if (cached != null) {
      server.send(ctx, cached);
      return;
    }
    var article = articles.findBySlug(edition.code(), slug)
        .or(() -> articles.findByOldSlug(edition.code(), slug))
        .orElseThrow(() -> new HttpProblem.NotFound("no article " + slug));
    if (article.status() == ArticleStatus.UNPUBLISHED) throw new HttpProblem.Gone("unpublished article " + article.id());
    if (article.status() != ArticleStatus.PUBLISHED) throw new HttpProblem.NotFound("article not live " + article.id());
    var canonical = SitePaths.article(edition, article.section(), article.slug(), article.publishedAt());
    if (!canonical.equals(requested)) {
      ctx.status(301).header("Location", SitePaths.encode(canonical)).header("Cache-Control", "public, max-age=300");
      return;
    }
    server.serve(ctx, requested, () -> articlePage(edition, article, canonical));
  }

  private PageCache.Page articlePage(Edition edition, Article article, String path) {
    var frame = frames.get(edition.code());
    var t = frame.texts();
    var cacheTags = new LinkedHashSet<String>(List.of(article.cacheTag()));
    var times = new ArrayList<Instant>(List.of(article.publishedAt()));
    var related = new ArrayList<ArticleSummary>();
    if (!article.tags().isEmpty()) {
      var key = article.tags().getFirst().listingKey();
      cacheTags.add(key);
      listings.list(key, 0, 5).stream().filter(a -> a.id() != article.id()).limit(4).forEach(related::add);
    }
    if (related.size() < 2) {
      cacheTags.add(article.section().listingKey());
      listings.list(article.section().listingKey(), 0, 6).stream()
          .filter(a -> a.id() != article.id() && related.stream().noneMatch(r -> r.id() == a.id()))
          .limit(4 - related.size()).forEach(related::add);
    }
    var byline = new ArrayList<Link>();
    for (var entry : article.byline()) {
      byline.add(entry.author() != null
          ? Link.of(entry.author().name(), SitePaths.author(edition, entry.author()))
          : Link.of(t.t("credit." + entry.credit().code()), null));
    }
    var sectionPath = frame.sections().pathTo(article.section());
    var meta = new Meta("article", iso(article.publishedAt()), iso(article.updatedAt() != null ? article.updatedAt() : article.publishedAt()),
        article.section().name(), jsonLd(edition, article, path, byline), List.of());
    var chrome = chrome(frame, null, article.headline(),
        article.standfirst().isEmpty() ? article.headline() : article.standfirst(), path, sectionPath.getFirst(), meta, List.of());
    var corrections = article.corrections().stream()
        .map(c -> new SiteViews.Correction(stamp(t, c.publishedAt()), c.body())).toList();
    int minutes = Math.max(1, (int) Math.round(article.wordCount() / 230.0));
    var star = new Star(article.id(), false, SitePaths.favorites(edition), path);
    var plain = new ArticlePage(
        chrome,
        article.headline(),
        article.standfirst(),
        Link.of(article.section().name(), SitePaths.section(edition, article.section())),
        stamp(t, article.publishedAt()),
        article.updatedAt() == null ? null : stamp(t, article.updatedAt()),
        new Byline(t.t("article.by"), byline),
        article.bodyHtml(),
        t.t("article.readingTime", minutes),
        article.series() == null ? null : Link.of(article.series().title(), SitePaths.series(edition, article.series())),
        article.tags().stream().map(tag -> Link.of(tag.name(), SitePaths.tag(edition, tag))).toList(),
        corrections,
        stories(frame, related, cacheTags, times),
        star);
    var starred = new ArticlePage(plain.chrome(), plain.headline(), plain.standfirst(), plain.section(), plain.published(),
        plain.updated(), plain.byline(), plain.bodyHtml(), plain.readingTime(), plain.series(), plain.tags(),
        plain.corrections(), plain.related(), new Star(article.id(), true, star.action(), star.back()));
    if (article.updatedAt() != null) times.add(article.updatedAt());
    return page(templates.render("site/article.jte", plain), () -> templates.render("site/article.jte", starred), article.id(),
        frame, cacheTags, times, null);
  }

  private String jsonLd(Edition edition, Article article, String path, List<Link> byline) {
    var data = new LinkedHashMap<String, Object>();
    data.put("@context", "https://schema.org");
    data.put("@type", "NewsArticle");
    data.put("mainEntityOfPage", baseUrl + path);
    data.put("url", baseUrl + path);
    data.put("headline", article.headline());
    if (!article.standfirst().isEmpty()) data.put("description", article.standfirst());
    data.put("inLanguage", edition.language());
    data.put("datePublished", iso(article.publishedAt()));
    data.put("dateModified", iso(article.updatedAt() != null ? article.updatedAt() : article.publishedAt()));
    data.put("articleSection", article.section().name());
    data.put("wordCount", article.wordCount());
    if (!article.tags().isEmpty()) data.put("keywords", article.tags().stream().map(t -> t.name()).toList());
    data.put("author", byline.stream().map(b -> b.href() == null
        ? Map.of("@type", "Organization", "name", b.text())
        : Map.of("@type", "Person", "name", b.text(), "url", baseUrl + b.href())).toList());
    data.put("publisher", Map.of("@type", "Organization", "name", siteName, "url", baseUrl + "/"));
    try {
      // Inside a script element, "</script" or "<!--" in a headline must not end the element.
      return json.writeValueAsString(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- shared parts ---------------------------------------------------------------------------

  @Override
  public byte[] errorPage(String path, int status, String reference) {
    if (editions.isEmpty()) return null;
    return errorPage(editionOfPath(path).orElse(null), status, reference);
  }

  /** The error page of an edition; never cached, never a stack trace. */
  public byte[] errorPage(Edition edition, int status, String reference) {
    // An error page must render when the database is down: no query here, only what is cached.
    var frame = frames.getIfPresent(edition.code());
    if (frame == null) {
      try {
        frame = frames.get(edition.code());
      } catch (RuntimeException e) {
        frame = new EditionFrame(edition, new Texts(edition, clock), new SectionTree(List.of()), null);
      }
    }
    var t = frame.texts();
    var key = switch (status) {
      case 401, 403 -> "403";
      case 404 -> "404";
      case 410 -> "410";
      case 500 -> "500";
      default -> "400";
    };
    var chrome = chrome(frame, new FrontPage(edition.code(), null, List.of(), null), t.t("error." + key + ".title"),
        t.t("error." + key + ".text"), edition.homePath(), null, Meta.website(), List.of());
    return templates.render("site/error.jte",
        new SiteViews.ErrorPage(chrome, status, t.t("error." + key + ".title"), t.t("error." + key + ".text"), reference));
  }

  /** The chrome of the favorites page, which is per reader and so rendered each time. */
  Chrome favoritesChrome(Edition edition) {
    var frame = frames.get(edition.code());
    var title = frame.texts().t("favorites.title");
    return chrome(frame, null, title, frame.texts().t("favorites.privacy"), SitePaths.favorites(edition), null,
        Meta.website(), List.of());
  }

  List<Story> stories(Edition edition, List<ArticleSummary> summaries) {
    return stories(frames.get(edition.code()), summaries, new LinkedHashSet<>(), new ArrayList<>());
  }

  private List<Story> stories(EditionFrame frame, List<ArticleSummary> summaries, Set<String> cacheTags, List<Instant> times) {
    var edition = frame.edition();
    var list = new ArrayList<Story>(summaries.size());
    for (var a : summaries) {
      cacheTags.add(a.cacheTag());
      times.add(a.publishedAt());
      list.add(new Story(a.headline(), SitePaths.article(edition, a), a.standfirst(),
          Link.of(a.section().name(), SitePaths.section(edition, a.section())), stamp(frame.texts(), a.publishedAt())));
    }
    return list;
  }

  private Chrome chrome(EditionFrame frame, FrontPage front, String title, String description, String path,
      Section currentSection, Meta meta, List<Link> alternates) {
    var edition = frame.edition();
    var t = frame.texts();
    if (front == null) front = fronts.get(edition.code());
    var breaking = front.breaking();
    Link breakingLink = breaking != null && breaking.isShownAt(clock.instant())
        ? Link.of(breaking.text(), breaking.url() == null ? edition.homePath() : breaking.url()) : null;
    var nav = new ArrayList<Link>();
    nav.add(new Link(t.t("site.home"), edition.homePath(), path.equals(edition.homePath()), null));
    for (var s : frame.sections().topLevel()) {
      nav.add(new Link(s.name(), SitePaths.section(edition, s), currentSection != null && s.id() == currentSection.id(), null));
    }
    var editionLinks = editions.all().stream()
        .map(e -> new Link(e.name(), e.homePath(), e.code().equals(edition.code()), e.language())).toList();
    var series = frame.promotedSeries();
    var metaWithAlternates = alternates.isEmpty() ? meta
        : new Meta(meta.ogType(), meta.publishedTime(), meta.modifiedTime(), meta.section(), meta.jsonLd(), alternates);
    return new Chrome(t, edition, siteName, title, description, baseUrl + SitePaths.encode(path), editionLinks, nav,
        series == null ? null : Link.of(series.title(), SitePaths.series(edition, series)),
        breakingLink, assetVersion, metaWithAlternates);
  }

  private List<Link> homeAlternates(Edition edition) {
    var links = new ArrayList<Link>();
    for (var e : editions.all()) links.add(new Link(e.name(), baseUrl + e.homePath(), e == edition, e.language()));
    return links;
  }

  private PageCache.Page page(byte[] plain, java.util.function.Supplier<byte[]> starred, Long articleId, EditionFrame frame, Set<String> cacheTags,
      List<Instant> times, FrontPage front) {
    var tags = new LinkedHashSet<>(cacheTags);
    tags.add(frame.edition().structureTag());
    tags.add(FrontPage.breakingTag(frame.edition().code()));
    var now = clock.instant();
    var newest = times.stream().max(Instant::compareTo).orElse(Instant.EPOCH);
    var age = Duration.between(newest, now);
    // Relative times in the page ("5 minutes ago") must not go stale in the cache for long.
    Duration freshFor = age.toHours() < 1 ? Duration.ofSeconds(30) : age.toDays() < 1 ? Duration.ofMinutes(5) : Duration.ofMinutes(30);
    if (front == null) front = fronts.get(frame.edition().code());
    if (front.breaking() != null && front.breaking().expiresAt() != null && front.breaking().isShownAt(now)) {
      var untilExpiry = Duration.between(now, front.breaking().expiresAt());
      if (untilExpiry.compareTo(freshFor) < 0) freshFor = untilExpiry.plusMillis(1);
    }
    return new PageCache.Page(PageCache.Variant.of(plain), starred == null ? null : () -> PageCache.Variant.of(starred.get()),
        articleId, tags, freshFor);
  }

  Stamp stamp(Texts t, Instant when) {
    return new Stamp(iso(when), t.relative(when), t.dateTime(when));
  }

  private static String iso(Instant when) {
    return when == null ? null : DateTimeFormatter.ISO_INSTANT.format(when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** The cache key: the path and the only query parameter that changes a page. */
  private static String cacheKey(Context ctx, int pageNumber) {
    var path = decodedPath(ctx);
    return pageNumber == 1 ? path : path + "?page=" + pageNumber;
  }

  /** The path as the reader means it: "/ar/world/…/%D8%B1…" and "/ar/world/…/ر…" are one address. */
  static String decodedPath(Context ctx) {
    var raw = ctx.path();
    if (raw.indexOf('%') < 0) return raw;
    try {
      return new java.net.URI(raw).getPath();
    } catch (java.net.URISyntaxException e) {
      throw new HttpProblem.BadRequest("malformed path");
    }
  }

  public Optional<Edition> editionOfPath(String path) {
    return editions.all().stream().filter(e -> !e.isDefault() && (path.equals(e.urlPrefix()) || path.startsWith(e.urlPrefix() + "/")))
        .findFirst().or(() -> Optional.of(editions.defaultEdition()));
  }

  public Editions editions() {
    return editions;
  }
}
