package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.change.Tags;
import io.masthead.command.Refusal;
import io.masthead.edition.Edition;
import io.masthead.search.SearchIndex;
import io.masthead.search.SearchRequest;
import io.masthead.search.SearchResults;
import io.masthead.web.PageCache;
import io.masthead.web.Templates;
import io.masthead.web.VariantResponse;
import io.masthead.web.site.SiteViews.Link;
import io.masthead.web.site.SiteViews.Pagination;
import java.util.ArrayList;
import java.util.List;

/**
 * The reader's search page, {@code /search?q=} in each edition. It works without JavaScript:
 * the form is a GET, facets and orders are links. Everything a result shows comes from the index
 * (and the edition's cached sections): a search reads nothing from the database.
 * Not kept in the page cache (every query is a new page): a short max-age instead. Thread-safe.
 */
public final class SearchPages {
  private final SiteFrames site;
  private final SearchIndex index;
  private final Templates templates;
  private final int gzipLevel;

  public SearchPages(SiteFrames site, SearchIndex index, Templates templates, int gzipLevel) {
    this.site = site;
    this.index = index;
    this.templates = templates;
    this.gzipLevel = gzipLevel;
  }

  public void search(Context ctx, Edition edition) {
    var request = SearchParams.parse(ctx);
    var frame = site.frame(edition);
    var t = frame.texts();
    var path = edition.path("/search");
    var typed = io.masthead.search.SearchText.clean(request.text());
    var title = typed.isEmpty() ? t.t("search.title") : t.t("search.titleFor", typed);
    var chrome = site.chrome(
        frame,
        null,
        title,
        t.t("search.description"),
        path + SearchParams.query(request, null, null),
        null,
        SiteViews.Meta.website(),
        List.of());
    if (!index.ready(edition.code())) {
      ctx.header("Retry-After", Integer.toString(Refusal.Busy.RETRY_AFTER_SECONDS));
      send(ctx, edition, 503, "no-store", view(chrome, typed, t.t("search.building"), null, null));
      return;
    }
    if (typed.isEmpty() && !request.filtered()) {
      send(ctx, edition, 200, "public, max-age=300", view(chrome, typed, null, null, null));
      return;
    }
    var results = index.search(edition.code(), request);
    if (results.problem() != null) {
      send(
          ctx,
          edition,
          200,
          "public, max-age=300",
          view(chrome, typed, t.t("search.empty"), null, null));
      return;
    }
    // A hit whose section is gone since the index was last refreshed is left out.
    var hits = new ArrayList<SearchResults.Hit>();
    var summaries = new ArrayList<io.masthead.article.ArticleSummary>();
    for (var hit : results.hits()) {
      hit.summary(edition.code(), frame.sections()).ifPresent(summary -> {
        hits.add(hit);
        summaries.add(summary);
      });
    }
    var stories = site.stories(edition, summaries);
    var found = new ArrayList<SiteViews.Result>();
    for (int i = 0; i < hits.size(); i++) {
      var hit = hits.get(i);
      found.add(new SiteViews.Result(
          stories.get(i),
          hit.snippet(),
          hit.byline().isEmpty() ? null : t.t("article.by") + " " + t.list(hit.byline())));
    }
    var facets = new ArrayList<SiteViews.FacetBox>();
    for (var facet : results.facets()) {
      var links = new ArrayList<SiteViews.FacetLink>();
      var current = currentKey(request, facet.dimension());
      for (var value : facet.values()) {
        boolean selected = value.key().equals(current);
        var href =
            path + SearchParams.query(request, facet.dimension(), selected ? null : value.key());
        links.add(new SiteViews.FacetLink(
            facet.dimension().equals("year")
                ? t.plainNumber(Long.parseLong(value.key()))
                : value.label(),
            t.number(value.count()),
            href,
            selected));
      }
      facets.add(new SiteViews.FacetBox(t.t("search.facet." + facet.dimension()), links));
    }
    int pages = (int) Math.min(
        SearchRequest.MAX_PAGE,
        (results.total() + SearchRequest.PAGE_SIZE - 1) / SearchRequest.PAGE_SIZE);
    var pagination = new Pagination(
        request.page() > 1
            ? path + SearchParams.query(request, "page", Integer.toString(request.page() - 1))
            : null,
        request.page() < pages
            ? path + SearchParams.query(request, "page", Integer.toString(request.page() + 1))
            : null,
        t.t("nav.page", t.number(request.page())));
    var orders = List.of(
        new Link(
            t.t("search.sort.relevance"),
            path + SearchParams.query(request, "sort", null),
            Link.chosen(request.order() == SearchRequest.Order.RELEVANCE),
            null),
        new Link(
            t.t("search.sort.newest"),
            path + SearchParams.query(request, "sort", "newest"),
            Link.chosen(request.order() == SearchRequest.Order.NEWEST),
            null));
    Link suggestion = results.suggestion() == null
        ? null
        : Link.of(
            results.suggestion(), path + SearchParams.query(request, "q", results.suggestion()));
    var summary =
        results.total() == 0 ? t.t("search.none", typed) : t.t("search.count", results.total());
    send(
        ctx,
        edition,
        200,
        "public, max-age=60",
        new SiteViews.Search(
            chrome,
            typed,
            null,
            summary,
            found,
            facets,
            orders,
            suggestion,
            pagination,
            request.filtered()
                ? path + SearchParams.query(SearchRequest.of(request.text()), null, null)
                : null));
  }

  private static String currentKey(SearchRequest request, String dimension) {
    return switch (dimension) {
      case "section" -> request.section();
      case "author" -> request.author();
      case "tag" -> request.tag();
      case "year" -> request.year() == null ? null : request.year().toString();
      default -> null;
    };
  }

  private static SiteViews.Search view(
      SiteViews.Chrome chrome, String typed, String notice, String summary, Link suggestion) {
    return new SiteViews.Search(
        chrome,
        typed,
        notice,
        summary,
        List.of(),
        List.of(),
        List.of(),
        suggestion,
        new Pagination(null, null, null),
        null);
  }

  private void send(
      Context ctx, Edition edition, int status, String cacheControl, SiteViews.Search view) {
    ctx.status(status);
    ctx.header("Cache-Control", cacheControl);
    if (status == 200) {
      // Results can change with any live article of the edition (its "latest" listing), and the
      // page shows the edition's navigation and breaking-news banner: a CDN drops it with those.
      var keys = List.of(
          Tags.breaking(edition.code()),
          Tags.edition(edition.code()),
          Tags.structure(edition.code()));
      ctx.header("Surrogate-Key", String.join(" ", keys));
      ctx.header("Cache-Tag", String.join(",", keys));
    }
    ctx.header("Vary", "Accept-Encoding");
    // Search pages are not for search engines' indexes (nor are they in the sitemap).
    ctx.header("X-Robots-Tag", "noindex");
    VariantResponse.send(
        ctx,
        PageCache.Variant.of(templates.render("site/search.jte", view)),
        "text/html; charset=utf-8",
        gzipLevel);
  }
}
