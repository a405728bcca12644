package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.command.Role;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A newsroom and its readers write at once: eight clients, all started together, on SQLite and on
 * PostgreSQL. Four create articles through the Admin API, two editors save the same article over
 * and over (each over the version it read), two are one reader starring many articles. No request
 * may answer 5xx, and no acknowledged write may be lost.
 */
class ConcurrentWritesIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final int CREATES_PER_WRITER = 12;
  static final int SAVES_PER_EDITOR = 15;

  @TempDir
  Path folder;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "postgresql"})
  void eight_concurrent_writers_get_no_5xx_and_lose_no_update(String database) throws Exception {
    var url =
        database.equals("sqlite") ? TestDatabases.sqlite(folder) : TestDatabases.freshPostgres();
    try (var site = TestOutlet.start(folder, url, 60, Map.of())) {
      site.outlet.staff.add(
          "a@example.com", "Editor A", Role.EDITOR, "correct horse battery", null);
      site.outlet.staff.add(
          "b@example.com", "Editor B", Role.EDITOR, "correct horse battery", null);
      var tokenA =
          site.outlet.apiTokens.create(site.outlet.staff.find("a@example.com").orElseThrow(), "a");
      var tokenB =
          site.outlet.apiTokens.create(site.outlet.staff.find("b@example.com").orElseThrow(), "b");
      var shared = JSON.readTree(call(
                  site,
                  "POST",
                  "/api/v1/admin/articles",
                  tokenA,
                  "{\"section\": \"world\", \"headline\": \"Shared\", \"byline\": [{\"credit\": \"staff\"}]}")
              .body())
          .get("id")
          .asLong();
      var toStar = site.outlet.articles.list("edition:en", 0, 24).stream()
          .map(a -> a.id())
          .toList();
      // The reader's cookie, from a first star.
      var first = star(site, null, toStar.getFirst());
      var cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

      var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
      var created = Collections.synchronizedList(new ArrayList<Long>());
      var savedHeadlines = Collections.synchronizedList(new ArrayList<String>());
      var start = new CountDownLatch(1);
      var pool = Executors.newFixedThreadPool(8);
      var jobs = new ArrayList<java.util.concurrent.Future<?>>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        jobs.add(pool.submit(() -> {
          await(start);
          for (int i = 0; i < CREATES_PER_WRITER; i++) {
            var response = call(
                site,
                "POST",
                "/api/v1/admin/articles",
                writer % 2 == 0 ? tokenA : tokenB,
                "{\"section\": \"world\", \"headline\": \"Writer " + writer + " story " + i
                    + "\", \"tags\": [\"Concurrency\", \"Tag " + i
                    + "\"], \"byline\": [{\"credit\": \"staff\"}]}");
            count(statuses, response.statusCode());
            if (response.statusCode() == 201) created.add(id(response));
          }
          return null;
        }));
      }
      for (var token : List.of(tokenA, tokenB)) {
        jobs.add(pool.submit(() -> {
          await(start);
          for (int i = 0; i < SAVES_PER_EDITOR; i++) {
            var read = call(site, "GET", "/api/v1/admin/articles/" + shared, token, null);
            int version = JSON.readTree(read.body()).get("version").asInt();
            var headline = "Shared, saved by " + token.substring(0, 8) + " #" + i;
            var response = call(
                site,
                "PATCH",
                "/api/v1/admin/articles/" + shared,
                token,
                "{\"version\": " + version + ", \"headline\": \"" + headline + "\"}");
            count(statuses, response.statusCode());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 409);
            if (response.statusCode() == 200) savedHeadlines.add(headline);
          }
          return null;
        }));
      }
      for (int r = 0; r < 2; r++) {
        int half = r;
        jobs.add(pool.submit(() -> {
          await(start);
          for (int i = half; i < toStar.size(); i += 2)
            count(statuses, star(site, cookie, toStar.get(i)).statusCode());
          return null;
        }));
      }
      start.countDown();
      for (var job : jobs) job.get(5, TimeUnit.MINUTES);
      pool.shutdown();

      System.out.printf(
          "%s: statuses %s; %d created, %d of %d saves of one article accepted%n",
          database, statuses, created.size(), savedHeadlines.size(), 2 * SAVES_PER_EDITOR);
      assertThat(statuses.keySet()).as("no 5xx").allMatch(status -> status < 500);
      assertThat(created).hasSize(4 * CREATES_PER_WRITER);
      for (var id : created) assertThat(site.outlet.articles.find(id)).isPresent();
      // Every accepted save is one version and one revision, and the last accepted one is the text.
      var article = site.outlet.articles.find(shared).orElseThrow();
      assertThat(article.version()).isEqualTo(1 + savedHeadlines.size());
      assertThat(site.outlet.revisions.list(shared)).hasSize(1 + savedHeadlines.size());
      assertThat(site.outlet.revisions.list(shared).getFirst().draft().headline())
          .isEqualTo(article.headline());
      assertThat(savedHeadlines).contains(article.headline());
      // The reader has every star.
      long reader = site.outlet.database.read(h ->
          h.createQuery("SELECT MAX(reader_id) FROM favorite").mapTo(Long.class).one());
      for (var id : toStar)
        assertThat(site.outlet.favorites.isStarred(reader, id))
            .as("article %d starred", id)
            .isTrue();
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  static void count(Map<Integer, AtomicInteger> statuses, int status) {
    statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
  }

  static long id(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body()).get("id").asLong();
    } catch (Exception e) {
      throw new AssertionError(response.body(), e);
    }
  }

  static HttpResponse<String> call(
      TestOutlet site, String method, String path, String token, String body) {
    var request = HttpRequest.newBuilder(URI.create(site.url(path)))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token);
    return site.send(request.build());
  }

  static HttpResponse<String> star(TestOutlet site, String cookie, long articleId) {
    var origin = site.url("").replaceAll("/$", "");
    var headers = cookie == null
        ? new String[] {"Origin", origin}
        : new String[] {"Origin", origin, "Cookie", cookie};
    var response =
        site.postForm("/favorites", "article=" + articleId + "&starred=true&back=/", headers);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    return response;
  }
}
