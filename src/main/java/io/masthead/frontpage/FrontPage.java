package io.masthead.frontpage;

import java.time.Instant;
import java.util.List;

/**
 * An edition's curated front page: the lead story, the ordered top stories and a breaking-news
 * banner that ends by itself at {@code breakingExpiresAt}. Null fields mean "none".
 */
public record FrontPage(
    String edition, Long leadArticleId, List<Long> topArticleIds, Breaking breaking) {
  public record Breaking(String text, String url, Instant expiresAt) {
    public boolean isShownAt(Instant now) {
      return expiresAt == null || now.isBefore(expiresAt);
    }
  }

  public FrontPage {
    topArticleIds = List.copyOf(topArticleIds);
  }

  /** The tag of the home page's curated parts. */
  public static String cacheTag(String edition) {
    return io.masthead.change.Tags.frontPage(edition);
  }

  /** The tag of every page that shows the breaking-news banner: all of the edition's. */
  public static String breakingTag(String edition) {
    return io.masthead.change.Tags.breaking(edition);
  }
}
