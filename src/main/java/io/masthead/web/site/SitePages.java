package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleSummary;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.Edition;
import io.masthead.edition.Editions;
import io.masthead.frontpage.FrontPage;
import io.masthead.section.Section;
import io.masthead.series.SeriesRepository;
import io.masthead.tag.TagRepository;
import io.masthead.web.HttpProblem;
import io.masthead.web.PageCache;
import io.masthead.web.Templates;
import io.masthead.web.Texts;
import io.masthead.web.site.SiteViews.Home;
import io.masthead.web.site.SiteViews.Link;
import io.masthead.web.site.SiteViews.Listing;
import io.masthead.web.site.SiteViews.Meta;
import io.masthead.web.site.SiteViews.Pagination;
import io.masthead.web.site.SiteViews.SectionBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The reader's listing pages: each edition's home page, and the section, series, tag and author
 * pages. Each handler parses the address, reads through the repositories and the listing cache,
 * and renders a view; {@link PageServer} serves the result from the page cache. The article page
 * is {@link ArticleHandler}'s. Thread-safe.
 */
public final class SitePages implements io.masthead.web.SiteErrorPages {
  public static final int PAGE_SIZE = 20;
  static final int MAX_PAGE = 500;

  private final SiteFrames site;
  private final Editions editions;
  private final ArticleRepository articles;
  private final SeriesRepository series;
  private final TagRepository tags;
  private final AuthorRepository authors;
  private final Templates templates;
  private final PageServer server;

  public SitePages(
      SiteFrames site,
      Editions editions,
      ArticleRepository articles,
      SeriesRepository series,
      TagRepository tags,
      AuthorRepository authors,
      Templates templates,
      PageServer server) {
    this.site = site;
    this.editions = editions;
    this.articles = articles;
    this.series = series;
    this.tags = tags;
    this.authors = authors;
    this.templates = templates;
    this.server = server;
  }

  public Texts texts(Edition edition) {
    return site.texts(edition);
  }

  @Override
  public byte[] errorPage(String path, int status, String reference) {
    return site.errorPage(path, status, reference);
  }

  public Editions editions() {
    return editions;
  }

  // ---- home ----------------------------------------------------------------------------------

  public void home(Context ctx, Edition edition) {
    server.serve(ctx, SiteFrames.cacheKey(ctx, 1), () -> {
      var frame = site.frame(edition);
      var front = site.front(edition);
      var shown = new LinkedHashSet<Long>();
      var latest = site.listings().list(edition.listingKey(), 0, 30);
      ArticleSummary lead = front.leadArticleId() == null
          ? null
          : articles.listPublished(List.of(front.leadArticleId())).stream()
              .findFirst()
              .orElse(null);
      if (lead == null && !latest.isEmpty()) lead = latest.getFirst();
      if (lead != null) shown.add(lead.id());
      var top = new ArrayList<ArticleSummary>();
      for (var a : articles.listPublished(front.topArticleIds())) if (shown.add(a.id())) top.add(a);
      for (var a : latest) if (top.size() < 6 && shown.add(a.id())) top.add(a);
      var newest = latest.stream().filter(a -> shown.add(a.id())).limit(9).toList();
      var blocks = new ArrayList<SectionBlock>();
      var cacheTags = new LinkedHashSet<String>(
          List.of(edition.listingKey(), FrontPage.cacheTag(edition.code())));
      var times = new ArrayList<Instant>();
      for (var section : frame.sections().topLevel()) {
        var stories = site.listings().list(section.listingKey(), 0, 8).stream()
            .filter(a -> shown.add(a.id()))
            .limit(4)
            .toList();
        if (stories.isEmpty()) continue;
        blocks.add(new SectionBlock(
            Link.of(section.name(), SitePaths.section(edition, section)),
            site.stories(frame, stories, cacheTags, times)));
      }
      var view = new Home(
          site.chrome(
              frame,
              front,
              site.siteName(),
              frame.texts().t("site.footer"),
              edition.homePath(),
              null,
              Meta.website(),
              site.homeAlternates(edition)),
          lead == null
              ? null
              : site.stories(frame, List.of(lead), cacheTags, times).getFirst(),
          site.stories(frame, top, cacheTags, times),
          site.stories(frame, newest, cacheTags, times),
          blocks);
      return site.page(
          templates.render("site/home.jte", view), null, null, frame, cacheTags, times, front);
    });
  }

  // ---- sections, series, tags, authors -------------------------------------------------------

  public void section(Context ctx, Edition edition, String slug) {
    var frame = site.frame(edition);
    var section = frame
        .sections()
        .findBySlug(slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no section " + slug));
    if (!ctx.path()
        .endsWith("/")) { // a section lives at "/world/"; "/world" is the same page, moved
      var query = ctx.queryString();
      ctx.status(301)
          .header(
              "Location",
              SitePaths.encode(SitePaths.section(edition, section))
                  + (query == null ? "" : "?" + query));
      return;
    }
    int pageNumber = PageNumbers.of(ctx);
    server.serve(ctx, SiteFrames.cacheKey(ctx, pageNumber), () -> {
      var path = frame.sections().pathTo(section);
      var pagePath = SitePaths.listingPage(SitePaths.section(edition, section), pageNumber);
      var breadcrumb = new ArrayList<Link>();
      breadcrumb.add(Link.of(frame.texts().t("site.home"), edition.homePath()));
      for (var s : path) {
        var href = SitePaths.section(edition, s);
        breadcrumb.add(new Link(s.name(), href, Link.current(href, pagePath, s == section), null));
      }
      var subsections = frame.sections().children(section).stream()
          .map(s -> Link.of(s.name(), SitePaths.section(edition, s)))
          .toList();
      return listing(
          ctx,
          frame,
          section.listingKey(),
          pageNumber,
          SitePaths.section(edition, section),
          null,
          section.name(),
          section.description(),
          breadcrumb,
          subsections,
          path.getFirst());
    });
  }

  public void series(Context ctx, Edition edition, String slug) {
    var frame = site.frame(edition);
    var found = series
        .findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no series " + slug));
    storiesOf(
        ctx,
        frame,
        found.listingKey(),
        SitePaths.series(edition, found),
        frame.texts().t("series.title"),
        found.title(),
        found.description());
  }

  public void tag(Context ctx, Edition edition, String slug) {
    var frame = site.frame(edition);
    var found = tags.findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no tag " + slug));
    storiesOf(
        ctx,
        frame,
        found.listingKey(),
        SitePaths.tag(edition, found),
        frame.texts().t("tag.title"),
        found.name(),
        null);
  }

  public void author(Context ctx, Edition edition, String slug) {
    var frame = site.frame(edition);
    var found = authors
        .findBySlug(edition.code(), slug)
        .orElseThrow(() -> new HttpProblem.NotFound("no author " + slug));
    storiesOf(
        ctx,
        frame,
        found.listingKey(),
        SitePaths.author(edition, found),
        found.jobTitle().isEmpty() ? frame.texts().t("author.title") : found.jobTitle(),
        found.name(),
        found.bio());
  }

  /**
   * The page of a listing that has no breadcrumb or subsections of its own (a series, a tag, an
   * author): its stories, newest first, a page at a time.
   */
  private void storiesOf(
      Context ctx,
      SiteFrames.EditionFrame frame,
      String listingKey,
      String path,
      String kicker,
      String heading,
      String description) {
    int pageNumber = PageNumbers.of(ctx);
    server.serve(
        ctx,
        SiteFrames.cacheKey(ctx, pageNumber),
        () -> listing(
            ctx,
            frame,
            listingKey,
            pageNumber,
            path,
            kicker,
            heading,
            description,
            List.of(),
            List.of(),
            null));
  }

  private PageCache.Page listing(
      Context ctx,
      SiteFrames.EditionFrame frame,
      String listingKey,
      int pageNumber,
      String path,
      String kicker,
      String heading,
      String description,
      List<Link> breadcrumb,
      List<Link> subsections,
      Section current) {
    var edition = frame.edition();
    var found = site.listings().list(listingKey, (pageNumber - 1) * PAGE_SIZE, PAGE_SIZE + 1);
    if (found.isEmpty() && pageNumber > 1)
      throw new HttpProblem.NotFound("past the last page of " + listingKey);
    boolean hasOlder = found.size() > PAGE_SIZE;
    var shown = hasOlder ? found.subList(0, PAGE_SIZE) : found;
    var cacheTags = new LinkedHashSet<String>(List.of(listingKey));
    var times = new ArrayList<Instant>();
    var t = frame.texts();
    var pagination = new Pagination(
        pageNumber == 1 ? null : SitePaths.listingPage(path, pageNumber - 1),
        hasOlder ? SitePaths.listingPage(path, pageNumber + 1) : null,
        t.t("nav.page", t.number(pageNumber)));
    var title = pageNumber == 1 ? heading : heading + " – " + t.t("nav.page", t.number(pageNumber));
    var view = new Listing(
        site.chrome(
            frame,
            null,
            title,
            description == null || description.isEmpty() ? heading : description,
            SitePaths.listingPage(path, pageNumber),
            current,
            Meta.website(),
            List.of()),
        kicker,
        heading,
        description,
        breadcrumb,
        subsections,
        site.stories(frame, shown, cacheTags, times),
        pagination);
    return site.page(
        templates.render("site/listing.jte", view), null, null, frame, cacheTags, times, null);
  }
}
