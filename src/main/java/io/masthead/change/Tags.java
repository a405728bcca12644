package io.masthead.change;

import java.util.Optional;

/**
 * The one place where the names of cache tags and listings are made. A tag names what a page
 * shows ({@code article:42}, {@code section:7}, {@code structure:en}); a change names the tags it
 * touched, and every follower (page cache, CDN purge, search) drops or redoes exactly those.
 * Listing keys are tags too: the {@code listing} table stores them, and a listing page is tagged
 * with its own key. Thread-safe (stateless).
 */
public final class Tags {
  private Tags() {}

  /** Any change to the list of editions: every node reloads it. */
  public static final String EDITIONS = "editions";

  public static String article(long id) {
    return "article:" + id;
  }

  /**
   * Articles {@code first} to {@code last}, written at once by an import: no page carries it, but
   * a follower that keeps a copy of articles (the search index) reads them again.
   */
  public static String articleRange(long first, long last) {
    return "articles:" + first + "-" + last;
  }

  /** The ids of an {@link #articleRange} tag: {first, last}. */
  public static Optional<long[]> rangeOf(String tag) {
    if (!tag.startsWith("articles:")) return Optional.empty();
    int dash = tag.indexOf('-', 9);
    if (dash < 0) return Optional.empty();
    try {
      return Optional.of(new long[] {
        Long.parseLong(tag, 9, dash, 10), Long.parseLong(tag, dash + 1, tag.length(), 10)
      });
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A picture of the media library. */
  public static String media(long id) {
    return "media:" + id;
  }

  /** The picture a {@link #media} tag names; empty for any other tag. */
  public static java.util.OptionalLong mediaIdOf(String tag) {
    if (!tag.startsWith("media:")) return java.util.OptionalLong.empty();
    try {
      return java.util.OptionalLong.of(Long.parseLong(tag, 6, tag.length(), 10));
    } catch (NumberFormatException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** The listing of every live article of an edition (its home page's "latest"). */
  public static String edition(String code) {
    return "edition:" + code;
  }

  public static String section(long id) {
    return "section:" + id;
  }

  public static String series(long id) {
    return "series:" + id;
  }

  public static String tag(long id) {
    return "tag:" + id;
  }

  public static String author(long id) {
    return "author:" + id;
  }

  /** Everything every page of an edition shows around its content: navigation, the series banner. */
  public static String structure(String edition) {
    return "structure:" + edition;
  }

  public static String frontPage(String edition) {
    return "home:" + edition;
  }

  /** The breaking-news banner, which every page of the edition carries. */
  public static String breaking(String edition) {
    return "breaking:" + edition;
  }

  /** One reader's favorites. */
  public static String reader(long id) {
    return "reader:" + id;
  }

  /** The id in a numbered tag of this kind ({@code idOf("article:42", "article")} is 42). */
  public static Optional<Long> idOf(String tag, String kind) {
    if (!tag.startsWith(kind)
        || tag.length() <= kind.length() + 1
        || tag.charAt(kind.length()) != ':') return Optional.empty();
    try {
      return Optional.of(Long.parseLong(tag, kind.length() + 1, tag.length(), 10));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The edition code in a per-edition tag of this kind ({@code codeOf("structure:ar", "structure")} is "ar"). */
  public static Optional<String> codeOf(String tag, String kind) {
    return tag.startsWith(kind + ":")
        ? Optional.of(tag.substring(kind.length() + 1))
        : Optional.empty();
  }
}
