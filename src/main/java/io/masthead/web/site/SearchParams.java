package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.search.SearchRequest;
import io.masthead.web.HttpProblem;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The search address's query string, read the same way for the page and the API: {@code q} is
 * free text and never refused; the filters are the keys the results' own links carry, and a
 * malformed one is a 400 that says which.
 */
public final class SearchParams {
  private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern PERSON = Pattern.compile("[0-9]{1,18}|credit:[a-z]{1,16}");
  private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
  private static final Pattern PAGE = Pattern.compile("[0-9]{1,6}");

  private SearchParams() {}

  public static SearchRequest parse(Context ctx) {
    var q = ctx.queryParam("q");
    var year = matched(ctx, "year", YEAR);
    var page = matched(ctx, "page", PAGE);
    var sort = ctx.queryParam("sort");
    SearchRequest.Order order;
    if (sort == null || sort.isEmpty() || sort.equals("relevance"))
      order = SearchRequest.Order.RELEVANCE;
    else if (sort.equals("newest")) order = SearchRequest.Order.NEWEST;
    else throw new HttpProblem.BadRequest("sort must be relevance or newest");
    int pageNumber = page == null ? 1 : Integer.parseInt(page);
    if (pageNumber < 1) throw new HttpProblem.BadRequest("pages start at 1");
    if (pageNumber > SearchRequest.MAX_PAGE)
      throw new HttpProblem.NotFound("search results stop at page " + SearchRequest.MAX_PAGE);
    return new SearchRequest(
        q == null ? "" : q,
        matched(ctx, "section", ID),
        matched(ctx, "author", PERSON),
        matched(ctx, "tag", ID),
        year == null ? null : Integer.valueOf(year),
        date(ctx, "from"),
        date(ctx, "to"),
        order,
        pageNumber);
  }

  private static String matched(Context ctx, String name, Pattern pattern) {
    var value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) return null;
    if (!pattern.matcher(value).matches())
      throw new HttpProblem.BadRequest(name + " is not a valid " + name + " key");
    return value;
  }

  private static LocalDate date(Context ctx, String name) {
    var value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) return null;
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new HttpProblem.BadRequest(name + " must be a date such as 2026-12-01");
    }
  }

  /** The query string of a search: the same request with some keys changed, in a fixed order. */
  static String query(SearchRequest r, String key, String value) {
    var out = new StringBuilder();
    add(out, "q", r.text(), key, value);
    add(out, "section", r.section(), key, value);
    add(out, "author", r.author(), key, value);
    add(out, "tag", r.tag(), key, value);
    add(out, "year", r.year() == null ? null : r.year().toString(), key, value);
    add(out, "from", r.from() == null ? null : r.from().toString(), key, value);
    add(out, "to", r.to() == null ? null : r.to().toString(), key, value);
    add(out, "sort", r.order() == SearchRequest.Order.NEWEST ? "newest" : null, key, value);
    add(out, "page", r.page() > 1 ? Integer.toString(r.page()) : null, key, value);
    return out.toString();
  }

  private static void add(
      StringBuilder out, String name, String current, String key, String value) {
    // A changed filter or order starts again at page 1.
    var v = name.equals(key) ? value : name.equals("page") && key != null ? null : current;
    if (v == null || v.isEmpty()) return;
    out.append(out.isEmpty() ? '?' : '&')
        .append(name)
        .append('=')
        .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8));
  }
}
