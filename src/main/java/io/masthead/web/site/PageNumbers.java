package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.web.HttpProblem;

/** The {@code ?page=N} of a listing, read from the raw query so that malformed input is a 400. */
final class PageNumbers {
  private static final java.util.regex.Pattern NUMBER =
      java.util.regex.Pattern.compile("[0-9]{1,6}");

  private PageNumbers() {}

  /**
   * The N of a query that is only "page=N" as a link writes it (no leading zero, within the
   * archive's pages); 0 for any other query.
   */
  static int canonical(String rawQuery) {
    if (!rawQuery.startsWith("page=") || rawQuery.length() > 11 || rawQuery.length() < 6) return 0;
    if (rawQuery.charAt(5) == '0') return 0;
    int page = 0;
    for (int i = 5; i < rawQuery.length(); i++) {
      char c = rawQuery.charAt(i);
      if (c < '0' || c > '9') return 0;
      page = page * 10 + (c - '0');
    }
    return page <= SitePages.MAX_PAGE ? page : 0;
  }

  static int of(Context ctx) {
    var query = ctx.queryString();
    if (query == null || query.isEmpty()) return 1;
    String value = null;
    for (var pair : query.split("&")) {
      if (pair.startsWith("page=")) {
        if (value != null) throw new HttpProblem.BadRequest("page given twice");
        value = pair.substring(5);
      }
    }
    if (value == null) return 1;
    if (!NUMBER.matcher(value).matches()) throw new HttpProblem.BadRequest("page must be a number");
    int page = Integer.parseInt(value);
    if (page < 1) throw new HttpProblem.BadRequest("pages start at 1");
    if (page > SitePages.MAX_PAGE)
      throw new HttpProblem.NotFound("page " + page + " is past the archive's pages");
    return page;
  }
}
