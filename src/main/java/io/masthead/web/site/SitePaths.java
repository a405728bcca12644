package io.masthead.web.site;

import io.masthead.article.ArticleSummary;
import io.masthead.author.Author;
import io.masthead.edition.Edition;
import io.masthead.section.Section;
import io.masthead.series.Series;
import io.masthead.tag.Tag;
import io.masthead.web.PercentEscapes;
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

  /**
   * Page N of a listing at {@code path}: the path itself for page 1, {@code ?page=N} after. The
   * one spelling of it: the page's canonical link, its neighbours' links and the page cache's key
   * (which a request must spell the same way to be answered from memory) all use it.
   */
  public static String listingPage(String path, int pageNumber) {
    return pageNumber == 1 ? path : path + "?page=" + pageNumber;
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
    // By hand rather than through java.net.URI or a CharsetDecoder: half of an outlet's
    // addresses are Arabic, and this runs on every request for a cached page.
    var bytes = new byte[rawPath.length()];
    int length = PercentEscapes.decode(rawPath, bytes);
    return length == PercentEscapes.NOT_ASCII ? decodeMixed(rawPath, first) : text(bytes, length);
  }

  /**
   * Decoded bytes as text ({@code length} from {@link PercentEscapes#decode}); null when an escape
   * is broken, the bytes are not UTF-8, or one of them is an escaped "?" (a raw one ends the path
   * before it gets here).
   */
  private static String text(byte[] bytes, int length) {
    if (length < 0 || !PercentEscapes.isUtf8(bytes, length)) return null;
    for (int i = 0; i < length; i++) if (bytes[i] == '?') return null;
    return new String(bytes, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** As {@link #decode}, for a path that also holds letters as they are ("/ar/ر%D9%8A"). */
  private static String decodeMixed(String rawPath, int first) {
    var decoded = new StringBuilder(rawPath.length()).append(rawPath, 0, first);
    var run = new byte[rawPath.length()];
    int i = first;
    while (i < rawPath.length()) {
      char c = rawPath.charAt(i);
      if (c != '%') {
        decoded.append(c);
        i++;
        continue;
      }
      int end = i; // a run of escapes is one piece of UTF-8
      while (end < rawPath.length() && rawPath.charAt(end) == '%') end += 3;
      end = Math.min(end, rawPath.length());
      var text = text(run, PercentEscapes.decode(rawPath.substring(i, end), run));
      if (text == null) return null;
      decoded.append(text);
      i = end;
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
