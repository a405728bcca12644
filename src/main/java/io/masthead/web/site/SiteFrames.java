package io.masthead.web.site;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleSummary;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.media.MediaCatalog;
import io.masthead.section.Section;
import io.masthead.section.SectionRepository;
import io.masthead.section.SectionTree;
import io.masthead.series.Series;
import io.masthead.series.SeriesRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import io.masthead.web.Picture;
import io.masthead.web.Templates;
import io.masthead.web.Texts;
import io.masthead.web.site.SiteViews.Chrome;
import io.masthead.web.site.SiteViews.Link;
import io.masthead.web.site.SiteViews.Meta;
import io.masthead.web.site.SiteViews.Stamp;
import io.masthead.web.site.SiteViews.Story;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What every reader page shares: each edition's frame (texts, sections, the promoted series) and
 * curated front page, cached until the change log says they changed; the page chrome; story
 * lists; and the page-cache entry with its tags and freshness. Thread-safe.
 */
public final class SiteFrames {
  /** What every page of an edition shares and changes only with the edition's structure. */
  record EditionFrame(Edition edition, Texts texts, SectionTree sections, Series promotedSeries) {}

  private final Editions editions;
  private final String siteName;
  private final String baseUrl;
  private final Templates templates;
  private final Clock clock;
  private final String assetVersion;
  private final LoadingCache<String, EditionFrame> frames;
  /** Each edition's curated front page, which every page's breaking-news banner reads. */
  private final LoadingCache<String, FrontPage> fronts;

  private final ListingCache listings;

  private final MediaCatalog media;

  public SiteFrames(
      Editions editions,
      String siteName,
      String baseUrl,
      ArticleRepository articles,
      SeriesRepository series,
      FrontPageRepository frontPages,
      SectionRepository sections,
      Templates templates,
      ChangeLog changeLog,
      Clock clock,
      String assetVersion,
      MediaCatalog media) {
    this.editions = editions;
    this.media = media;
    this.siteName = siteName;
    this.baseUrl = baseUrl;
    this.templates = templates;
    this.clock = clock;
    this.assetVersion = assetVersion;
    this.frames = Caffeine.newBuilder().build(code -> {
      var edition = editions.get(code);
      return new EditionFrame(
          edition,
          new Texts(edition, clock),
          sections.tree(code),
          series.promoted(code).orElse(null));
    });
    this.fronts = Caffeine.newBuilder().build(frontPages::get);
    this.listings = new ListingCache(articles, changeLog);
    changeLog.addListener(change -> change.tags().forEach(tag -> {
      Tags.codeOf(tag, "structure").ifPresent(frames::invalidate);
      Tags.codeOf(tag, "home").ifPresent(fronts::invalidate);
    }));
  }

  /** The pictures pages show. */
  MediaCatalog media() {
    return media;
  }

  EditionFrame frame(Edition edition) {
    return frames.get(edition.code());
  }

  /** The edition's sections, as cached for its pages. */
  public io.masthead.section.SectionTree sections(Edition edition) {
    return frames.get(edition.code()).sections();
  }

  FrontPage front(Edition edition) {
    return fronts.get(edition.code());
  }

  ListingCache listings() {
    return listings;
  }

  java.time.Clock clock() {
    return clock;
  }

  String siteName() {
    return siteName;
  }

  String baseUrl() {
    return baseUrl;
  }

  Templates templates() {
    return templates;
  }

  public Texts texts(Edition edition) {
    return frames.get(edition.code()).texts();
  }

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
        frame =
            new EditionFrame(edition, new Texts(edition, clock), new SectionTree(List.of()), null);
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
    var chrome = chrome(
        frame,
        new FrontPage(edition.code(), null, List.of(), null),
        t.t("error." + key + ".title"),
        t.t("error." + key + ".text"),
        edition.homePath(),
        null,
        Meta.website(),
        List.of());
    return templates.render(
        "site/error.jte",
        new SiteViews.ErrorPage(
            chrome,
            status,
            t.t("error." + key + ".title"),
            t.t("error." + key + ".text"),
            reference));
  }

  /** The chrome of the favorites page, which is per reader and so rendered each time. */
  Chrome favoritesChrome(Edition edition) {
    var frame = frames.get(edition.code());
    var title = frame.texts().t("favorites.title");
    return chrome(
        frame,
        null,
        title,
        frame.texts().t("favorites.privacy"),
        SitePaths.favorites(edition),
        null,
        Meta.website(),
        List.of());
  }

  List<Story> stories(Edition edition, List<ArticleSummary> summaries) {
    return stories(frames.get(edition.code()), summaries, new LinkedHashSet<>(), new ArrayList<>());
  }

  /**
   * The stories of these summaries; their cache tags go to {@code cacheTags}, and their moments,
   * shown relatively ("3 hours ago"), to {@code times}. {@code times} null: shown dated, text
   * that does not change as time passes.
   */
  List<Story> stories(
      EditionFrame frame,
      List<ArticleSummary> summaries,
      Set<String> cacheTags,
      List<Instant> times) {
    var edition = frame.edition();
    var list = new ArrayList<Story>(summaries.size());
    var pictures =
        media.findAll(summaries.stream().map(ArticleSummary::leadMediaId).toList());
    for (var a : summaries) {
      var picture = a.leadMediaId() == null ? null : pictures.get(a.leadMediaId());
      cacheTags.add(a.cacheTag());
      if (times != null) times.add(a.publishedAt());
      list.add(new Story(
          a.headline(),
          SitePaths.article(edition, a),
          a.standfirst(),
          Link.of(a.section().name(), SitePaths.section(edition, a.section())),
          times == null
              ? dated(frame.texts(), a.publishedAt())
              : stamp(frame.texts(), a.publishedAt()),
          picture == null ? null : new Picture(picture)));
    }
    return list;
  }

  Chrome chrome(
      EditionFrame frame,
      FrontPage front,
      String title,
      String description,
      String path,
      Section currentSection,
      Meta meta,
      List<Link> alternates) {
    var edition = frame.edition();
    var t = frame.texts();
    if (front == null) front = fronts.get(edition.code());
    var breaking = front.breaking();
    Link breakingLink = breaking != null && breaking.isShownAt(clock.instant())
        ? Link.of(breaking.text(), breaking.url() == null ? edition.homePath() : breaking.url())
        : null;
    var nav = new ArrayList<Link>();
    nav.add(new Link(
        t.t("site.home"), edition.homePath(), Link.current(edition.homePath(), path, false), null));
    for (var s : frame.sections().topLevel()) {
      var href = SitePaths.section(edition, s);
      nav.add(new Link(
          s.name(),
          href,
          Link.current(href, path, currentSection != null && s.id() == currentSection.id()),
          null));
    }
    var editionLinks = editions.all().stream()
        .map(e -> new Link(
            e.name(), e.homePath(), Link.chosen(e.code().equals(edition.code())), e.language()))
        .toList();
    var series = frame.promotedSeries();
    var metaWithAlternates = alternates.isEmpty()
        ? meta
        : new Meta(
            meta.ogType(),
            meta.publishedTime(),
            meta.modifiedTime(),
            meta.section(),
            meta.jsonLd(),
            alternates,
            meta.tags(),
            meta.image());
    return new Chrome(
        t,
        edition,
        siteName,
        title,
        description,
        baseUrl + SitePaths.encode(path),
        editionLinks,
        nav,
        series == null ? null : Link.of(series.title(), SitePaths.series(edition, series)),
        breakingLink,
        assetVersion,
        metaWithAlternates,
        feedPage(edition, path));
  }

  /** A listing page is its own feed's page; any other page links its edition's feeds. */
  static String feedPage(Edition edition, String path) {
    var bare = path.indexOf('?') < 0 ? path : path.substring(0, path.indexOf('?'));
    if (bare.endsWith("/") || isSeriesTagOrAuthor(bare)) return bare;
    return edition.homePath();
  }

  /**
   * Whether the path ends in {@code /series/x}, {@code /tag/x} or {@code /author/x}: looked at
   * from the end, since every article page asks (a regular expression starting {@code .*}
   * cost ~1 % of a render, backtracking over long Arabic addresses).
   */
  private static boolean isSeriesTagOrAuthor(String path) {
    int last = path.lastIndexOf('/');
    if (last <= 0 || last == path.length() - 1) return false;
    int before = path.lastIndexOf('/', last - 1);
    if (before < 0) return false;
    var kind = path.substring(before + 1, last);
    return kind.equals("series") || kind.equals("tag") || kind.equals("author");
  }

  List<Link> homeAlternates(Edition edition) {
    var links = new ArrayList<Link>();
    for (var e : editions.all())
      links.add(
          new Link(e.name(), baseUrl + e.homePath(), Link.chosen(e == edition), e.language()));
    // For a reader whose language no edition has: the default edition.
    links.add(new Link(
        editions.defaultEdition().name(),
        baseUrl + editions.defaultEdition().homePath(),
        null,
        "x-default"));
    return links;
  }

  PageCache.Page page(
      byte[] plain,
      PageCache.StarSwap starSwap,
      Long articleId,
      EditionFrame frame,
      Set<String> cacheTags,
      List<Instant> times,
      FrontPage front) {
    var tags = new LinkedHashSet<>(cacheTags);
    tags.add(frame.edition().structureTag());
    tags.add(FrontPage.breakingTag(frame.edition().code()));
    var now = clock.instant();
    // Kept while every relative time in the page ("5 minutes ago") still reads as it did.
    var freshFor = Texts.LONGEST_UNCHANGED;
    for (var time : times) {
      var unchanged = frame.texts().unchangedFor(time);
      if (unchanged.compareTo(freshFor) < 0) freshFor = unchanged;
    }
    if (front == null) front = fronts.get(frame.edition().code());
    if (front.breaking() != null
        && front.breaking().expiresAt() != null
        && front.breaking().isShownAt(now)) {
      var untilExpiry = Duration.between(now, front.breaking().expiresAt());
      if (untilExpiry.compareTo(freshFor) < 0) freshFor = untilExpiry.plusMillis(1);
    }
    return new PageCache.Page(PageCache.Variant.of(plain), starSwap, articleId, tags, freshFor);
  }

  Stamp stamp(Texts t, Instant when) {
    return new Stamp(iso(when), t.relative(when), t.dateTime(when));
  }

  /** A moment shown by its full form only. */
  private static Stamp dated(Texts t, Instant when) {
    return new Stamp(iso(when), null, t.dateTime(when));
  }

  static String iso(Instant when) {
    return when == null
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(
            when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  /** The cache key: the path and the only query parameter that changes a page. */
  static String cacheKey(Context ctx, int pageNumber) {
    return SitePaths.listingPage(decodedPath(ctx), pageNumber);
  }

  /**
   * The key a handler keeps the page of this raw path and query under, when the query is none
   * or a listing's page number as a handler writes it ("page=3", not "page=03" or "page=1");
   * null for any other (its handler knows what it means).
   */
  static String cacheKey(String rawPath, String rawQuery) {
    var path = SitePaths.decode(rawPath);
    if (path == null) return null;
    if (rawQuery == null) return path;
    int page = PageNumbers.canonical(rawQuery);
    return page > 1 ? SitePaths.listingPage(path, page) : null;
  }

  /** The path as the reader means it: "/ar/world/…/%D8%B1…" and "/ar/world/…/ر…" are one address. */
  static String decodedPath(Context ctx) {
    var path = SitePaths.decode(ctx.path());
    if (path == null) throw new HttpProblem.BadRequest("malformed path");
    return path;
  }

  public Optional<Edition> editionOfPath(String path) {
    return editions.all().stream()
        .filter(e ->
            !e.isDefault() && (path.equals(e.urlPrefix()) || path.startsWith(e.urlPrefix() + "/")))
        .findFirst()
        .or(() -> Optional.of(editions.defaultEdition()));
  }

  public Editions editions() {
    return editions;
  }
}
