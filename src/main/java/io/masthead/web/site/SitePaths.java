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
    // Built by hand: String.format parsed its pattern at every call, and a page links a dozen
    // articles (3 % of an article page's render).
    var path = new StringBuilder(sectionSlug.length() + slug.length() + 16)
        .append('/')
        .append(sectionSlug)
        .append('/');
    padded(path, date.getYear(), 4).append('/');
    padded(path, date.getMonthValue(), 2).append('/');
    padded(path, date.getDayOfMonth(), 2).append('/');
    return edition.path(path.append(slug).toString());
  }

  /** {@code value} with leading zeros to {@code width} digits, as {@code %0<width>d} writes it. */
  static StringBuilder padded(StringBuilder to, int value, int width) {
    var digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) to.append('0');
    return to.append(digits);
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
   * one address); null when its escapes are broken, or one of them is a "?": no address has one
   * in its path, and a page kept under "/world/?page=2" must not answer "/world/%3Fpage=2".
   */
  public static String decode(String rawPath) {
    int first = rawPath.indexOf('%');
    if (first < 0) return rawPath;
    // By hand rather than through java.net.URI: half of an outlet's addresses are Arabic, and
    // this runs on every request for a cached page.
    var decoded = new StringBuilder(rawPath.length()).append(rawPath, 0, first);
    var run = new byte[rawPath.length() / 3];
    int i = first;
    while (i < rawPath.length()) {
      char c = rawPath.charAt(i);
      if (c != '%') {
        decoded.append(c);
        i++;
        continue;
      }
      int length = 0; // a run of escapes is one piece of UTF-8
      while (i < rawPath.length() && rawPath.charAt(i) == '%') {
        if (i + 2 >= rawPath.length()) return null;
        int high = Character.digit(rawPath.charAt(i + 1), 16);
        int low = Character.digit(rawPath.charAt(i + 2), 16);
        if (high < 0 || low < 0) return null;
        run[length++] = (byte) (high << 4 | low);
        if (run[length - 1] == '?') return null; // never part of a longer UTF-8 sequence
        i += 3;
      }
      try {
        decoded.append(java.nio.charset.StandardCharsets.UTF_8
            .newDecoder()
            .decode(java.nio.ByteBuffer.wrap(run, 0, length)));
      } catch (java.nio.charset.CharacterCodingException e) {
        return null;
      }
    }
    return decoded.toString();
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
