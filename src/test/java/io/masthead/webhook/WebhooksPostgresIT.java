package io.masthead.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.command.Actor;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import io.masthead.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks on two nodes over one PostgreSQL database: both follow the change log and both run a
 * sender, yet each event reaches the endpoint exactly once.
 */
class WebhooksPostgresIT {
  static final Map<String, String> PRIVATE_ALLOWED =
      Map.of("webhooks.allow-private-addresses", "true");

  @TempDir
  Path a;

  @TempDir
  Path b;

  @Test
  void two_nodes_deliver_each_event_exactly_once() {
    var url = TestDatabases.freshPostgres();
    try (var receiver = new WebhookReceiver();
        var nodeA = TestOutlet.start(a, url, 20, PRIVATE_ALLOWED);
        var nodeB = TestOutlet.join(b, url, PRIVATE_ALLOWED)) {
      long endpoint = nodeA.outlet.webhookDesk.register(
          Actor.PROGRAM, receiver.url(), "", WebhookEvent.subscribable(), "");
      var secret = nodeB.outlet.webhooks.endpoint(endpoint).orElseThrow().secret();
      var ids = new ArrayList<Long>();
      for (int i = 0; i < 20; i++) {
        var node = i % 2 == 0 ? nodeA : nodeB;
        ids.add(node.publishNew(
            "en", "world", "Story " + i + " from node " + (i % 2 == 0 ? "A" : "B")));
      }
      receiver.await(20, Duration.ofSeconds(20), r -> r.type().equals("article.published"));
      // Once both nodes have handed every change to their follower and nothing is owed, no
      // further request can come: a duplicate would have needed a second delivery row or claim.
      var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!(nodeA.outlet.changeLog.lag().get(WebhookEvents.FOLLOWER) == 0
          && nodeB.outlet.changeLog.lag().get(WebhookEvents.FOLLOWER) == 0
          && nodeA.outlet.webhooks.deliveries(endpoint, 100).stream()
              .allMatch(d -> d.state().equals("delivered")))) {
        if (System.nanoTime() > deadline) throw new AssertionError("deliveries never settled");
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
      }
      var published = receiver.received.stream()
          .filter(r -> r.type().equals("article.published"))
          .toList();
      assertThat(published).hasSize(20);
      assertThat(published.stream().map(WebhookReceiver.Received::articleId))
          .containsExactlyInAnyOrderElementsOf(ids);
      assertThat(published.stream().map(WebhookReceiver.Received::id).distinct())
          .hasSize(20);
      assertThat(published).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
      assertThat(nodeA.outlet.webhooks.deliveries(endpoint, 100)).hasSize(20);
    }
  }
}
