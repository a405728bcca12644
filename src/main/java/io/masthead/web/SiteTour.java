package io.masthead.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

  private static final List<String> UNLINKED = List.of(
      "/sitemap.xml",
      "/news-sitemap.xml",
      "/robots.txt",
      "/api/v1/articles",
      "/newsroom/sign-in",
      "/no-such-page");

  /** What a tour read, and what answered with a server error or not at all. */
  public record Result(int pages, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }
  }

  private final HttpClient client;
  private final String origin;
  private final List<String> failures = new ArrayList<>();
  private final LinkedHashSet<String> seen = new LinkedHashSet<>();

  private SiteTour(HttpClient client, String origin) {
    this.client = client;
    this.origin = origin;
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
    try (var client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .build()) {
      var tour = new SiteTour(client, origin);
      try {
        tour.walk(homes, perKind, pages, timeout);
      } catch (IOException e) {
        tour.failures.add("no answer: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        tour.failures.add("interrupted");
      }
      return new Result(tour.seen.size(), tour.failures);
    }
  }

  private void walk(List<String> homes, int perKind, int pages, Duration timeout)
      throws IOException, InterruptedException {
    var readOfKind = new HashMap<String, Integer>();
    var queue = new ArrayDeque<>(homes);
    while (!queue.isEmpty() && seen.size() < pages) {
      var path = queue.poll();
      if (seen.contains(path)) continue;
      var kind = kind(path, homes);
      if (readOfKind.getOrDefault(kind, 0) >= perKind) continue;
      seen.add(path);
      readOfKind.merge(kind, 1, Integer::sum);
      var body = get(path, "identity", timeout);
      get(path, "gzip", timeout);
      var links = LINK.matcher(body);
      while (links.find()) {
        var link = links.group(1);
        if (!link.startsWith("/newsroom")) queue.add(link);
      }
    }
    var unlinked = new ArrayList<String>();
    for (var home : homes) UNLINKED_UNDER_EACH_HOME.forEach(path -> unlinked.add(home + path));
    unlinked.addAll(UNLINKED);
    for (var path : unlinked) {
      if (seen.add(path)) get(path, "gzip", timeout);
    }
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

  /** The page's text (meaningful when asked without compression); a server error is noted. */
  private String get(String path, String encoding, Duration timeout)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(origin + path))
        .timeout(timeout)
        .header("Accept-Encoding", encoding)
        .build();
    long t0 = System.nanoTime();
    var response = client.send(request, HttpResponse.BodyHandlers.ofString());
    System.err.println(
        "TOUR " + path + " " + encoding + " " + (System.nanoTime() - t0) / 1000000 + " ms");
    if (response.statusCode() >= 500) failures.add(path + " answered " + response.statusCode());
    return response.body();
  }
}
