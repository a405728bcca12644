package io.masthead;

import io.masthead.demo.DemoOutlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workload JDK 25's ahead-of-time cache is recorded from ({@code masthead train}, which the
 * launcher runs once per build). A server's start is mostly the JVM loading, verifying and linking
 * some ten thousand classes and running them interpreted; the cache holds them loaded and linked,
 * with the method profiles of this run, so the next start skips that work. What the cache holds
 * is what this run used, so it does what a start and its first readers do: open an outlet, serve
 * it, and read each kind of page, in both editions, once rendered and once from the page cache.
 *
 * <p>It runs on a small demo outlet of its own in a temporary folder, on a free loopback port,
 * with no setting taken from the environment, and removes the folder at the end.
 */
final class Training {
  /** Enough articles for every kind of listing page to have some, few enough to write at once. */
  private static final int ARTICLES = 120;

  /** Pages read at most: every kind of page is among the first links of the home pages. */
  private static final int PAGES = 80;

  private static final Pattern LINK = Pattern.compile("href=\"(/[^\"#?]*)\"");

  private Training() {}

  /** Runs the workload; returns how many pages were read. */
  static int run() throws Exception {
    var directory = Files.createTempDirectory("masthead-training");
    try {
      var config =
          Config.load(directory, Map.of(), Map.of("server.host", "127.0.0.1", "server.port", "0"));
      try (var outlet = new Outlet(config, Clock.systemUTC())) {
        new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock, outlet.mediaDesk)
            .create(ARTICLES, (done, total) -> {});
        int port = outlet.serve();
        return read("http://127.0.0.1:" + port);
      }
    } finally {
      deleteTree(directory);
    }
  }

  /**
   * Reads the site from its home pages outwards, each page twice (the second answer comes from
   * the page cache), then the pages no link leads to: search, feeds, sitemaps, the API.
   */
  private static int read(String origin) throws IOException, InterruptedException {
    var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    var seen = new LinkedHashSet<String>();
    var queue = new ArrayDeque<>(List.of("/", "/ar/"));
    while (!queue.isEmpty() && seen.size() < PAGES) {
      var path = queue.poll();
      if (!seen.add(path)) continue;
      var body = get(client, origin + path, "identity");
      get(client, origin + path, "gzip");
      var links = LINK.matcher(body);
      while (links.find()) {
        var link = links.group(1);
        if (!link.startsWith("/newsroom") && !link.startsWith("/media/")) queue.add(link);
      }
    }
    for (var path : List.of(
        "/search?q=news",
        "/ar/search?q=%D8%A7%D9%84%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1",
        "/feed",
        "/feed.atom",
        "/feed.json",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/favorites",
        "/api/v1/articles",
        "/newsroom/sign-in",
        "/no-such-page")) {
      get(client, origin + path, "gzip");
      seen.add(path);
    }
    return seen.size();
  }

  /**
   * The page's text (meaningful when asked without compression). A server error ends the run: a
   * cache recorded from a broken start would be of no use, and the launcher says so.
   */
  private static String get(HttpClient client, String url, String encoding)
      throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Accept-Encoding", encoding)
        .build();
    var response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 500)
      throw new IllegalStateException(url + " answered " + response.statusCode());
    return response.body();
  }

  private static void deleteTree(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
