package io.masthead.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.edition.Editions;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index's life beside a serving site: a node whose index cannot be built answers search with
 * a clear 503 and everything else at once; an index rebuilt by another process ({@code masthead
 * reindex}) is swapped in while the site serves, and the old one deleted.
 */
class SearchLifecycleIT {

  static void await(String what, BooleanSupplier condition) {
    var deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError(what + " within 15 s");
      LockSupport.parkNanos(50_000_000);
    }
  }

  @Test
  void an_edition_without_an_index_answers_search_with_a_503_and_serves_everything_else(
      @TempDir Path first, @TempDir Path second) throws Exception {
    var url = TestDatabases.sqlite(first);
    try (var site = TestOutlet.start(first, url, 30, Map.of()).awaitSearch()) {
      assertThat(site.get("/search?q=world").statusCode()).isEqualTo(200);
      // The second node's English index cannot be made: a file is where its folder would be.
      Files.createDirectories(second.resolve("search"));
      Files.writeString(second.resolve("search/en"), "not a folder");
      try (var node = TestOutlet.join(second, url, Map.of())) {
        await("the Arabic index", () -> node.outlet.search().ready("ar"));
        var response = node.get("/search?q=world");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(Jsoup.parse(response.body()).selectFirst(".search-notice").text())
            .contains("being prepared");
        assertThat(node.get("/api/v1/search?q=world").statusCode()).isEqualTo(503);
        assertThat(node.get("/").statusCode()).isEqualTo(200);
        assertThat(node.get("/ar/search?q=" + java.net.URLEncoder.encode("العالم", "UTF-8"))
                .statusCode())
            .isEqualTo(200);
      }
    }
  }

  @Test
  void a_search_made_while_the_indexes_open_waits_for_them_and_is_answered(@TempDir Path folder)
      throws Exception {
    long id;
    try (var site = TestOutlet.start(folder, 20).awaitSearch()) {
      id = site.publish("en", "science", "Narwhal tusk study", "", "Tusks.", java.util.List.of());
      await("the index to hold it", () -> !narwhals(site.outlet.search()).isEmpty());
    }
    // The server starts again on its folder: its port opens while the indexes on disk open.
    var config = io.masthead.Config.load(
        folder, Map.of(), Map.of("database.url", TestDatabases.sqlite(folder)));
    try (var outlet = new io.masthead.Outlet(config, java.time.Clock.systemUTC());
        var index = outlet.searchIndex(Editions.load(outlet.database), Scope.READER)) {
      var found = new java.util.concurrent.CompletableFuture<java.util.List<Long>>();
      var reader = Thread.ofVirtual().start(() -> {
        try {
          found.complete(narwhals(index));
        } catch (RuntimeException e) {
          found.completeExceptionally(e);
        }
      });
      // It waits; it is not told the index is being built.
      await("the search to wait", () -> reader.getState() == Thread.State.TIMED_WAITING);
      index.start();
      assertThat(found.get(15, java.util.concurrent.TimeUnit.SECONDS)).containsExactly(id);
    }
  }

  private static java.util.List<Long> narwhals(SearchIndex index) {
    return index.search("en", SearchRequest.of("narwhal")).hits().stream()
        .map(SearchResults.Hit::articleId)
        .toList();
  }

  @Test
  void a_rebuild_by_another_process_is_swapped_in_while_the_site_serves(@TempDir Path folder) {
    try (var site = TestOutlet.start(folder, 40).awaitSearch()) {
      var served = site.outlet.search().serving("en").orElseThrow();
      var old = served.directory;
      int size = served.size();
      var editions = Editions.load(site.outlet.database);
      // What `masthead reindex` does in its own process: a new generation beside the served one.
      try (var other = site.outlet.searchIndex(editions, Scope.READER)) {
        other.rebuild(editions.get("en"), (done, total) -> {});
      }
      await(
          "the swap",
          () -> !site.outlet.search().serving("en").orElseThrow().directory.equals(old));
      var now = site.outlet.search().serving("en").orElseThrow();
      assertThat(now.size()).isEqualTo(size);
      await("the old index deleted", () -> !Files.exists(old));
      long id =
          site.publish("en", "science", "Narwhal tusk study", "", "Tusks.", java.util.List.of());
      await(
          "the new index following the log",
          () -> site.outlet.search().search("en", SearchRequest.of("narwhal")).hits().stream()
              .anyMatch(h -> h.articleId() == id));
    }
  }
}
