package io.masthead.web.site;

import io.masthead.article.ArticleSummary;
import io.masthead.author.Author;
import io.masthead.edition.Edition;
import io.masthead.section.Section;
import io.masthead.series.Series;
import io.masthead.tag.Tag;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;

/** The public addresses of the site, in one place. */
public final class SitePaths {
  private SitePaths() {}

  /** {@code /world/2026/11/18/storm-hits-port-esker} (the date is the edition's local date). */
  public static String article(Edition edition, Section section, String slug, Instant publishedAt) {
    return article(edition, section.slug(), slug, publishedAt);
  }

  public static String article(
      Edition edition, String sectionSlug, String slug, Instant publishedAt) {
    var date = LocalDate.ofInstant(publishedAt, edition.timeZone());
    return edition.path("/%s/%04d/%02d/%02d/%s"
        .formatted(sectionSlug, date.getYear(), date.getMonthValue(), date.getDayOfMonth(), slug));
  }

  public static String article(Edition edition, ArticleSummary article) {
    return article(edition, article.section(), article.slug(), article.publishedAt());
  }

  public static String section(Edition edition, Section section) {
    return edition.path("/" + section.slug() + "/");
  }

  public static String series(Edition edition, Series series) {
    return edition.path("/series/" + series.slug());
  }

  public static String tag(Edition edition, Tag tag) {
    return edition.path("/tag/" + tag.slug());
  }

  public static String author(Edition edition, Author author) {
    return edition.path("/author/" + author.slug());
  }

  public static String favorites(Edition edition) {
    return edition.path("/favorites");
  }

  /**
   * A request's raw path as the reader means it ("/ar/world/…/%D8%B1…" and "/ar/world/…/ر…" are
   * one address); null when its escapes are broken.
   */
  public static String decode(String rawPath) {
    if (rawPath.indexOf('%') < 0) return rawPath;
    try {
      return new URI(rawPath).getPath();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** A path as ASCII, for a Location header (Arabic slugs are percent-encoded). */
  public static String encode(String path) {
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
