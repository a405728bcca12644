package io.masthead.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.command.Actor;
import io.masthead.command.Role;
import io.masthead.testing.Cluster;
import io.masthead.testing.TestOutlet;
import io.masthead.testing.WebhookReceiver;
import io.masthead.webhook.WebhookEvent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Masthead processes on one PostgreSQL database behind nginx, as the README lays them out:
 * changes made on one node are seen on the others (the latency printed), a hundred articles
 * scheduled for one second are each published once, a session and the sign-in limits hold across
 * nodes, and readers see no failed request while a node is killed or all are restarted in turn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static final String PASSWORD = "correct horse battery";
  static final String METRICS_TOKEN = "cluster-metrics-token";

  Cluster cluster;
  WebhookReceiver receiver;
  String token;

  @BeforeAll
  void start(@TempDir Path folder) {
    receiver = new WebhookReceiver();
    cluster = Cluster.start(
        folder,
        3,
        60,
        Map.of("webhooks.allow-private-addresses", "true", "server.metrics-token", METRICS_TOKEN));
    var editor =
        cluster.outlet.staff.add("editor@example.com", "Editor", Role.EDITOR, PASSWORD, null);
    token = cluster.outlet.apiTokens.create(editor, "cluster test");
    cluster.outlet.webhookDesk.register(
        Actor.PROGRAM, receiver.url(), "", WebhookEvent.subscribable(), "cluster test");
  }

  @AfterAll
  void stop() {
    if (cluster != null) cluster.close();
    if (receiver != null) receiver.close();
  }

  @Test
  @Order(1)
  void a_publish_an_edit_a_correction_and_an_unpublish_on_one_node_are_seen_on_the_others() {
    var a = cluster.node(0);
    var others = List.of(cluster.node(1), cluster.node(2));
    // Milliseconds from the write's answer on A (its commit came just before) to each other node
    // serving the change; both are watched side by side. The write itself is timed apart.
    var latencies = new ArrayList<Long>();
    var writes = new ArrayList<Long>();
    // Turn 0 warms the nodes (a node's first article page loads and compiles its templates); it
    // is checked like the others but not timed: a running site has rendered pages before.
    for (int turn = 0; turn <= 5; turn++) {
      int round = turn;
      var timed = turn > 0 ? latencies : new ArrayList<Long>();
      var timedWrites = turn > 0 ? writes : new ArrayList<Long>();
      var created = api(a, "POST", "/api/v1/admin/articles", """
          {"section": "world", "headline": "Made on node A %s", "body": "Text.", "byline": [{"credit": "staff"}]}""".formatted(round));
      long id = Long.parseLong(created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
      long acknowledged = timedWrite(
          timedWrites, () -> api(a, "POST", "/api/v1/admin/articles/" + id + "/publish", ""));
      var address = TestOutlet.articlePath(cluster.outlet.articles.find(id).orElseThrow());
      timed.addAll(seenOn(others, address, acknowledged, r -> r.statusCode() == 200));
      // An edit and a correction, made on node A, reach the cached page on B and C.
      for (var node : others) cluster.get(node.url(address)); // cached there now
      var version = cluster.outlet.articles.find(id).orElseThrow().version();
      acknowledged = timedWrite(
          timedWrites,
          () -> api(a, "PATCH", "/api/v1/admin/articles/" + id, """
          {"version": %s, "headline": "Edited on node A %s"}""".formatted(version, round)));
      timed.addAll(seenOn(
          others, address, acknowledged, r -> r.body().contains("Edited on node A " + round)));
      cluster.outlet.articleDesk.correct(Actor.PROGRAM, id, "A correction number " + round + ".");
      seenOn(
          others,
          address,
          System.nanoTime(),
          r -> r.body().contains("A correction number " + round));
      acknowledged = timedWrite(
          timedWrites, () -> api(a, "POST", "/api/v1/admin/articles/" + id + "/unpublish", ""));
      timed.addAll(seenOn(others, address, acknowledged, r -> r.statusCode() == 410));
    }
    var sorted = latencies.stream().sorted().toList();
    var sortedWrites = writes.stream().sorted().toList();
    System.out.printf(
        "ClusterIT: a write's answer on node A to the change served by B and C: p50 %d ms, p99 %d ms, max %d ms over %d observations (the write itself: p50 %d ms, max %d ms)%n",
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1),
        sorted.getLast(),
        sorted.size(),
        sortedWrites.get(sortedWrites.size() / 2),
        sortedWrites.getLast());
    for (var node : others)
      System.out.println("ClusterIT: node " + node.index
          + "'s own count of changes dropped from its caches " + changeDelays(node));
    // LISTEN/NOTIFY wakes the other nodes: far under the 500 ms poll.
    assertThat(sorted.get(sorted.size() / 2)).isLessThan(400);
  }

  /** The node's histogram of {@code masthead.change.delay} from /metrics, in words. */
  private String changeDelays(Cluster.Node node) {
    var text = cluster
        .get(node.url("/metrics"), "Authorization", "Bearer " + METRICS_TOKEN)
        .body();
    var words = new ArrayList<String>();
    var bucket = java.util.regex.Pattern.compile(
        "masthead_change_delay_seconds_bucket\\{le=\"([0-9.]+)\",?} ([0-9.]+)");
    var matcher = bucket.matcher(text);
    while (matcher.find())
      words.add("≤ " + Math.round(Double.parseDouble(matcher.group(1)) * 1000) + " ms: "
          + (long) Double.parseDouble(matcher.group(2)));
    var count = java.util.regex.Pattern.compile("masthead_change_delay_seconds_count\\S* ([0-9.]+)")
        .matcher(text);
    return String.join(", ", words)
        + (count.find() ? " of " + (long) Double.parseDouble(count.group(1)) : "");
  }

  /** Runs a write, adds its duration in milliseconds to {@code times}; returns when it answered. */
  private static long timedWrite(List<Long> times, Runnable write) {
    long start = System.nanoTime();
    write.run();
    long answered = System.nanoTime();
    times.add((answered - start) / 1_000_000);
    return answered;
  }

  /**
   * Watches every node side by side until its answer at {@code address} meets the condition;
   * the milliseconds from {@code since} to each node's first such answer.
   */
  private List<Long> seenOn(
      List<Cluster.Node> nodes,
      String address,
      long since,
      Predicate<java.net.http.HttpResponse<String>> condition) {
    try (var watchers = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var seen = nodes.stream()
          .map(node -> watchers.submit(() -> {
            await(node.url(address), condition);
            return (System.nanoTime() - since) / 1_000_000;
          }))
          .toList();
      var times = new ArrayList<Long>();
      for (var watch : seen) {
        try {
          times.add(watch.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof AssertionError failed) throw failed;
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return times;
    }
  }

  @Test
  @Order(2)
  void a_hundred_articles_scheduled_for_the_same_second_are_each_published_once() {
    var section = cluster.outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'world'")
            .mapTo(Long.class)
            .one());
    var ids = new ArrayList<Long>();
    for (int i = 0; i < 100; i++) {
      long id = cluster.outlet.articleDesk.create(
          Actor.PROGRAM,
          new ArticleInput(
              "en",
              section,
              null,
              "Embargoed " + i,
              "",
              "",
              List.of(),
              "Text.",
              List.of(),
              List.of(Credit.STAFF)));
      ids.add(id);
    }
    // One second for all, far enough ahead that the hundred are scheduled before it comes.
    var at = Instant.now().plusSeconds(15).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    for (long id : ids) cluster.outlet.articleDesk.schedule(Actor.PROGRAM, id, at);
    var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (ids.stream()
        .anyMatch(id -> cluster.outlet.articles.find(id).orElseThrow().status()
            != io.masthead.article.ArticleStatus.PUBLISHED)) {
      assertThat(System.nanoTime()).as("all published within 60 s").isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
    for (long id : ids) {
      var changes = cluster.outlet.database.read(h -> h.createQuery(
              "SELECT COUNT(*) FROM change_log WHERE kind = 'article.published' AND ' ' || tags || ' ' LIKE :tag")
          .bind("tag", "% article:" + id + " %")
          .mapTo(Long.class)
          .one());
      var revisions = cluster.outlet.database.read(
          h -> h.createQuery("SELECT COUNT(*) FROM article_revision WHERE article_id = :id")
              .bind("id", id)
              .mapTo(Long.class)
              .one());
      assertThat(changes).as("published changes of %d", id).isEqualTo(1);
      assertThat(revisions).as("revisions of %d", id).isEqualTo(1);
    }
    var events = receiver.await(
        100,
        Duration.ofSeconds(30),
        r -> r.type().equals("article.published") && ids.contains(r.articleId()));
    // Every node runs a scheduler and a webhook sender; each event still goes out once.
    var deadlineSettled = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (cluster.outlet.database.read(
            h -> h.createQuery("SELECT COUNT(*) FROM webhook_delivery WHERE state = 'pending'")
                .mapTo(Long.class)
                .one())
        > 0) {
      assertThat(System.nanoTime()).as("deliveries settled").isLessThan(deadlineSettled);
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
    var published = receiver.received.stream()
        .filter(r -> r.type().equals("article.published") && ids.contains(r.articleId()))
        .toList();
    assertThat(published).hasSize(100);
    assertThat(published.stream().map(WebhookReceiver.Received::articleId).distinct())
        .hasSize(100);
    assertThat(events).hasSize(100);
  }

  @Test
  @Order(3)
  void a_session_made_on_one_node_works_on_the_others_and_sign_in_limits_count_across_them() {
    var signIn =
        cluster.send(HttpRequest.newBuilder(URI.create(cluster.node(0).url("/newsroom/login")))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://127.0.0.1:" + cluster.balancerPort)
            .POST(HttpRequest.BodyPublishers.ofString("email=editor%40example.com&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
            .build());
    assertThat(signIn.statusCode()).isEqualTo(303);
    var cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    for (var node : cluster.nodes())
      assertThat(cluster.get(node.url("/newsroom/articles"), "Cookie", cookie).statusCode())
          .as("node %d", node.index)
          .isEqualTo(200);

    // Five wrong passwords spread over the nodes use up the account's tries from this address.
    for (int i = 0; i < 5; i++)
      assertThat(wrongPassword(cluster.node(i % 3)).statusCode()).isEqualTo(401);
    for (var node : cluster.nodes())
      assertThat(wrongPassword(node).statusCode()).as("node %d", node.index).isEqualTo(429);
  }

  @Test
  @Order(4)
  void a_node_killed_under_read_load_costs_readers_nothing_and_catches_up_when_it_returns() {
    var load = new ReadLoad(paths(40));
    try {
      load.runFor(Duration.ofSeconds(2));
      var victim = cluster.node(1);
      victim.kill();
      load.runFor(Duration.ofSeconds(3));
      // While it is down, an edit made elsewhere; it must not come back with the old page.
      long id = cluster.outlet.articles.list("edition:en", 0, 1).getFirst().id();
      var article = cluster.outlet.articles.find(id).orElseThrow();
      var address = TestOutlet.articlePath(article);
      api(cluster.node(0), "PATCH", "/api/v1/admin/articles/" + id, """
          {"version": %s, "headline": "Edited while node B was down"}""".formatted(
              article.version()));
      victim.start();
      load.runFor(Duration.ofSeconds(2));
      assertThat(cluster.get(victim.url(address)).body()).contains("Edited while node B was down");
    } finally {
      load.stop();
    }
    System.out.printf(
        "ClusterIT: node killed under load: %d reader requests through nginx, %d failed%n",
        load.requests.get(), load.failures.size());
    assertThat(load.failures).isEmpty();
    assertThat(load.requests.get()).isGreaterThan(50);
  }

  @Test
  @Order(5)
  void a_rolling_restart_of_every_node_under_load_fails_no_request() {
    var load = new ReadLoad(paths(40));
    try {
      load.runFor(Duration.ofSeconds(1));
      for (var node : cluster.nodes()) {
        node.stop();
        load.runFor(Duration.ofMillis(500));
        node.start();
        load.runFor(Duration.ofSeconds(1));
      }
    } finally {
      load.stop();
    }
    System.out.printf(
        "ClusterIT: rolling restart under load: %d reader requests through nginx, %d failed%n",
        load.requests.get(), load.failures.size());
    assertThat(load.failures).isEmpty();
  }

  /** Readers through the load balancer, in four threads, counting every request that failed. */
  final class ReadLoad {
    final List<String> paths;
    final AtomicBoolean running = new AtomicBoolean(true);
    final AtomicLong requests = new AtomicLong();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    final List<Thread> threads = new ArrayList<>();

    ReadLoad(List<String> paths) {
      this.paths = paths;
      for (int t = 0; t < 4; t++) {
        int offset = t;
        threads.add(Thread.ofPlatform().start(() -> {
          int i = offset;
          while (running.get()) {
            var path = this.paths.get(i++ % this.paths.size());
            try {
              int status = cluster.get(cluster.url(path)).statusCode();
              if (status != 200) failures.add(path + ": " + status);
            } catch (RuntimeException e) {
              failures.add(path + ": " + e);
            }
            requests.incrementAndGet();
          }
        }));
      }
    }

    /** Lets the load run on while the test waits. */
    void runFor(Duration duration) {
      long until = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < until)
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }

    void stop() {
      running.set(false);
      for (var thread : threads) {
        try {
          thread.join(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private List<String> paths(int articles) {
    var paths = new ArrayList<String>(List.of("/", "/world/", "/ar/"));
    for (var summary : cluster.outlet.articles.list("edition:en", 0, articles))
      paths.add(
          TestOutlet.articlePath(cluster.outlet.articles.find(summary.id()).orElseThrow()));
    return paths;
  }

  private java.net.http.HttpResponse<String> wrongPassword(Cluster.Node node) {
    return cluster.send(HttpRequest.newBuilder(URI.create(node.url("/newsroom/login")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", "http://127.0.0.1:" + cluster.balancerPort)
        .POST(HttpRequest.BodyPublishers.ofString("email=guessed%40example.com&password=wrong"))
        .build());
  }

  /** An Admin API call to one node; the answer's body (a 2xx is required). */
  private String api(Cluster.Node node, String method, String path, String json) {
    var response = cluster.send(HttpRequest.newBuilder(URI.create(node.url(path)))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json))
        .build());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isBetween(200, 299);
    return response.body();
  }

  private java.net.http.HttpResponse<String> await(
      String url, Predicate<java.net.http.HttpResponse<String>> condition) {
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      var response = cluster.get(url);
      if (condition.test(response)) return response;
      assertThat(System.nanoTime()).as("waited for " + url).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
    }
  }
}
