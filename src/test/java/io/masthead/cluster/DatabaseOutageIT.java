package io.masthead.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.command.Role;
import io.masthead.testing.Cluster;
import io.masthead.testing.PostgresServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for ten seconds under two running nodes: they say so on /healthz (503),
 * keep serving the pages they hold, answer the rest with a clear 503 and Retry-After (never a
 * 500), refuse writes without losing any, and come back by themselves when it returns, changes
 * flowing between them again.
 */
class DatabaseOutageIT {
  @TempDir
  Path folder;

  @Test
  void nodes_ride_out_ten_seconds_without_postgresql_and_recover_by_themselves() {
    try (var postgres = PostgresServer.start();
        var cluster = Cluster.start(folder, 2, 30, Map.of(), postgres.url())) {
      var a = cluster.node(0);
      var b = cluster.node(1);
      var editor = cluster.outlet.staff.add(
          "editor@example.com", "E", Role.EDITOR, "correct horse battery", null);
      var token = cluster.outlet.apiTokens.create(editor, "outage");
      var cached = "/world/";
      assertThat(cluster.get(a.url(cached)).statusCode()).isEqualTo(200);
      var acknowledged = write(cluster, a, token, "Acknowledged before the outage");
      assertThat(acknowledged.statusCode()).isEqualTo(201);
      long id = Long.parseLong(acknowledged.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));

      postgres.halt();
      long down = System.nanoTime();
      await(() -> cluster.get(a.url("/healthz")), r -> r.statusCode() == 503);
      await(() -> cluster.get(b.url("/healthz")), r -> r.statusCode() == 503);
      // A page node A holds is still served; one it does not is a clear 503, not a 500.
      assertThat(cluster.get(a.url(cached)).statusCode()).isEqualTo(200);
      // Search reads no database (its index is on the node's disk): it goes on answering.
      assertThat(cluster.get(a.url("/search") + "?q=harbour").statusCode()).isEqualTo(200);
      var missing = cluster.get(b.url("/tag/never-seen-before"));
      assertThat(missing.statusCode()).isEqualTo(503);
      assertThat(missing.headers().firstValue("Retry-After")).isPresent();
      var refused = write(cluster, a, token, "Refused during the outage");
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).isPresent();
      // Ten seconds down in all.
      long left = Duration.ofSeconds(10).toNanos() - (System.nanoTime() - down);
      if (left > 0) java.util.concurrent.locks.LockSupport.parkNanos(left);

      postgres.begin();
      await(() -> cluster.get(a.url("/healthz")), r -> r.statusCode() == 200);
      await(() -> cluster.get(b.url("/healthz")), r -> r.statusCode() == 200);
      // Nothing acknowledged was lost, nothing refused was written, and changes flow again.
      assertThat(cluster.outlet.articles.find(id)).isPresent();
      long refusedRows = cluster.outlet.database.read(h -> h.createQuery(
              "SELECT COUNT(*) FROM article WHERE headline = 'Refused during the outage'")
          .mapTo(Long.class)
          .one());
      assertThat(refusedRows).isZero();
      var after = write(cluster, a, token, "Written after the outage");
      assertThat(after.statusCode()).isEqualTo(201);
      long fresh = Long.parseLong(after.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
      cluster.send(
          HttpRequest.newBuilder(URI.create(a.url("/api/v1/admin/articles/" + fresh + "/publish")))
              .header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.noBody())
              .build());
      await(
          () -> cluster.get(b.url("/world/")), r -> r.body().contains("Written after the outage"));
    }
  }

  private static HttpResponse<String> write(
      Cluster cluster, Cluster.Node node, String token, String headline) {
    return cluster.send(HttpRequest.newBuilder(URI.create(node.url("/api/v1/admin/articles")))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"section": "world", "headline": "%s", "body": "Text.", "byline": [{"credit": "staff"}]}""".formatted(headline)))
        .build());
  }

  private static HttpResponse<String> await(
      java.util.function.Supplier<HttpResponse<String>> request,
      Predicate<HttpResponse<String>> condition) {
    var deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (true) {
      try {
        var response = request.get();
        if (condition.test(response)) return response;
      } catch (RuntimeException notYet) {
        // the node is busy failing over
      }
      assertThat(System.nanoTime()).as("waited 40 s").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
  }
}
