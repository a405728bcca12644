package io.masthead.web.api;

import io.javalin.http.Context;
import io.masthead.edition.Editions;
import io.masthead.search.SearchIndex;
import io.masthead.search.SearchRequest;
import io.masthead.section.SectionTree;
import io.masthead.web.HttpProblem;
import io.masthead.web.site.SearchParams;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/search?q=&edition=&section=&author=&tag=&year=&from=&to=&sort=&page=}: the
 * reader's search as JSON, with the facets; a facet value's {@code key} is what its filter takes.
 * Thread-safe.
 */
public final class SearchApi {
  private final Editions editions;
  private final SearchIndex index;
  private final java.util.function.Function<io.masthead.edition.Edition, SectionTree> sections;
  private final ApiJson json;

  /** {@code sections}: the edition's section tree, as the site caches it. */
  public SearchApi(
      Editions editions,
      SearchIndex index,
      java.util.function.Function<io.masthead.edition.Edition, SectionTree> sections,
      ApiJson json) {
    this.editions = editions;
    this.index = index;
    this.sections = sections;
    this.json = json;
  }

  public void search(Context ctx) {
    var code = ctx.queryParam("edition");
    var edition = code == null
        ? editions.defaultEdition()
        : editions.find(code).orElseThrow(() -> new HttpProblem.NotFound("no edition " + code));
    var request = SearchParams.parse(ctx);
    var results = index.search(edition.code(), request);
    var tree = sections.apply(edition);
    var items = new java.util.ArrayList<Map<String, Object>>();
    for (var hit : results.hits()) {
      var summary = hit.summary(edition.code(), tree);
      if (summary.isEmpty()) continue;
      var item = json.summary(summary.get());
      item.put("snippet", hit.snippet());
      item.put("byline", hit.byline());
      items.add(item);
    }
    var facets = new LinkedHashMap<String, Object>();
    for (var facet : results.facets()) {
      facets.put(
          facet.dimension(),
          facet.values().stream()
              .map(v -> Map.of("key", v.key(), "name", v.label(), "count", v.count()))
              .toList());
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("query", request.text());
    body.put("edition", edition.code());
    body.put("total", results.total());
    body.put("page", request.page());
    body.put("pageSize", SearchRequest.PAGE_SIZE);
    body.put(
        "hasMore",
        (long) request.page() * SearchRequest.PAGE_SIZE < results.total()
            && request.page() < SearchRequest.MAX_PAGE);
    body.put("items", items);
    body.put("facets", facets);
    body.put("suggestion", results.suggestion());
    if (results.problem() != null) body.put("problem", "no words to search for");
    ApiJson.send(ctx, 200, body);
  }
}
