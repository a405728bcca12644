package io.masthead.search;

import java.time.LocalDate;

/**
 * One search as a reader or the API asks it: the words typed, the facets picked, the order and the
 * page (1-based). Filters are null when not set.
 */
public record SearchRequest(
    String text,
    String section,
    String author,
    String tag,
    Integer year,
    LocalDate from,
    LocalDate to,
    Order order,
    int page) {

  /** At most this many results are paged through: deep pages cost, and no reader goes there. */
  public static final int MAX_PAGE = 50;

  public static final int PAGE_SIZE = 10;

  public enum Order {
    /** The best match first, with a gentle lift for recent news. */
    RELEVANCE,
    NEWEST;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public SearchRequest {
    if (text == null) text = "";
    if (order == null) order = Order.RELEVANCE;
    page = Math.max(1, Math.min(MAX_PAGE, page));
  }

  public static SearchRequest of(String text) {
    return new SearchRequest(text, null, null, null, null, null, null, Order.RELEVANCE, 1);
  }

  public boolean filtered() {
    return section != null
        || author != null
        || tag != null
        || year != null
        || from != null
        || to != null;
  }
}
