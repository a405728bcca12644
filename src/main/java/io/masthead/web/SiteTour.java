package io.masthead.web;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a site the way its first readers do: from the home page of each edition outwards along
 * its links and pictures (the newsroom aside), each page once as sent to a client without
 * compression and once gzipped (the second comes from the page cache), then the pages no link
 * leads to: search, feeds, sitemaps, the API, the newsroom's sign-in and a missing page. One
 * request at a time, on one thread.
 *
 * <p>Two callers: a server reads one page of each kind before it opens its port (see {@link
 * WebServer#start}), and the start-up cache's training reads many.
 */
public final class SiteTour {
  /** A link or a picture's address (a picture's first rendition loads the image classes). */
  private static final Pattern LINK = Pattern.compile("(?:href|src)=\"(/[^\"#?]*)\"");

  /** Path segments that name a kind of page rather than one page. */
  private static final Set<String> KIND_WORDS = Set.of("series", "tag", "author", "favorites");

  private static final List<String> UNLINKED_UNDER_EACH_HOME =
      List.of("search?q=news", "feed", "feed.atom", "feed.json", "favorites");

  /** A page that does not exist, read for the classes of the 404. */
  static final String MISSING = "/no-such-page";

  private static final List<String> UNLINKED = List.of(
      "/sitemap.xml",
      "/news-sitemap.xml",
      "/robots.txt",
      "/api/v1/articles",
      "/newsroom/login",
      MISSING);

  /** What a tour read, and what answered with a server error or not at all. */
  public record Result(int pages, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }
  }

  private final String origin;
  private final int timeoutMillis;
  private final List<String> failures = new ArrayList<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  private SiteTour(String origin, Duration timeout) {
    this.origin = origin;
    this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }

  /**
   * Reads the site at {@code origin} (such as {@code http://127.0.0.1:8080}) from the {@code
   * homes} (the editions' home paths, such as {@code /} and {@code /ar/}): at most {@code
   * perKind} pages of each kind (an article, a section, a tag …, in each edition) and {@code
   * pages} linked pages in all, then the unlinked ones. Stops at the first page that does not
   * answer within {@code timeout}.
   */
  public static Result read(
      String origin, List<String> homes, int perKind, int pages, Duration timeout) {
    var tour = new SiteTour(origin, timeout);
    try {
      tour.walk(homes, perKind, pages);
    } catch (IOException e) {
      tour.failures.add("no answer: " + e);
    }
    return new Result(tour.seen.size(), tour.failures);
  }

  private void walk(List<String> homes, int perKind, int pages) throws IOException {
    var readOfKind = new HashMap<String, Integer>();
    var queue = new ArrayDeque<>(homes);
    while (!queue.isEmpty() && seen.size() < pages) {
      var path = queue.poll();
      if (seen.contains(path)) continue;
      var kind = kind(path, homes);
      if (readOfKind.getOrDefault(kind, 0) >= perKind) continue;
      seen.add(path);
      readOfKind.merge(kind, 1, Integer::sum);
      var body = get(path, "identity");
      get(path, "gzip");
      var links = LINK.matcher(body);
      while (links.find()) {
        var link = links.group(1);
        if (!link.startsWith("/newsroom")) queue.add(link);
      }
    }
    for (var path : unlinked(homes)) {
      if (seen.add(path)) get(path, "gzip");
    }
  }

  /** The pages no link leads to: under each of the {@code homes}, then the site's own. */
  static List<String> unlinked(List<String> homes) {
    var unlinked = new ArrayList<String>();
    for (var home : homes) UNLINKED_UNDER_EACH_HOME.forEach(path -> unlinked.add(home + path));
    unlinked.addAll(UNLINKED);
    return unlinked;
  }

  /**
   * A page's kind: its edition (the longest of the {@code homes} it starts with) and the rest of
   * its path with every segment that names one page (a slug, a date) replaced, so that {@code
   * /world/2026/01/02/storm-a1} and {@code /sport/2025/11/30/final-b2} are one kind and {@code
   * /ar/world/…} another. The feeds of every listing are one kind per format and edition.
   */
  static String kind(String path, List<String> homes) {
    var edition = "/";
    for (var home : homes) {
      if (path.startsWith(home) && home.length() > edition.length()) edition = home;
    }
    var segments = path.substring(edition.length()).split("/", -1);
    var last = segments[segments.length - 1];
    if (last.startsWith("feed")) return edition + "…/" + last;
    var kind = new StringBuilder(edition);
    for (int i = 0; i < segments.length; i++) {
      var segment = segments[i];
      if (i > 0) kind.append('/');
      if (segment.isEmpty() || KIND_WORDS.contains(segment)) kind.append(segment);
      else if (segment.chars().allMatch(Character::isDigit)) kind.append('#');
      else kind.append('*');
    }
    return kind.toString();
  }

  /**
   * The page's text (meaningful when asked without compression); a server error is noted. The
   * JDK's HttpURLConnection, not its HttpClient: a client made the JVM load its TLS classes and
   * read the trust store (every server's start paid for it, and the start-up cache kept those
   * classes for a plain-HTTP tour of loopback). It keeps the connection open between requests.
   */
  private String get(String path, String encoding) throws IOException {
    var connection = (HttpURLConnection) URI.create(origin + path).toURL().openConnection();
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setInstanceFollowRedirects(false);
    connection.setRequestProperty("Accept-Encoding", encoding);
    int status = connection.getResponseCode();
    // 503 is "try again soon" (a search while its index is built, on a new outlet), not an error.
    if (status >= 500 && status != 503) failures.add(path + " answered " + status);
    // Read to the end, so that the connection goes back to be used again.
    try (var in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
