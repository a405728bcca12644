package io.masthead;

import io.masthead.demo.DemoOutlet;
import io.masthead.edition.Editions;
import io.masthead.web.SiteTour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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

  /** Linked pages read at most: every kind of page is among the first links of the home pages. */
  private static final int PAGES = 80;

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
        // The rest of a server's start: its command line read, the line it prints. Their classes
        // were loaded from the jars at every start (`-Xlog:class+load`), not from the cache.
        var serve = new String[] {"serve", "--data", directory.toString()};
        Masthead.commandLine(serve).parseArgs(serve);
        Masthead.servingLine(
            config.site().name(),
            config.site().baseUrl(),
            Editions.load(outlet.database).all());
        // Every page kind, many of each: the cache keeps the profiles of what this run executed.
        var tour = SiteTour.read(
            "http://127.0.0.1:" + port, List.of("/", "/ar/"), PAGES, PAGES, Duration.ofSeconds(30));
        // A cache recorded from a broken start would be of no use, and the launcher says so.
        if (!tour.failures().isEmpty())
          throw new IllegalStateException("the training outlet failed: " + tour.failures());
        return tour.pages();
      }
    } finally {
      deleteTree(directory);
    }
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
