package io.masthead.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.Config;
import io.masthead.Outlet;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.testing.MutableClock;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import io.masthead.testing.WebhookReceiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end on SQLite: an endpoint on loopback hears of publishes, edits, corrections
 * and unpublishes, signed as Standard Webhooks describes; a failing endpoint gets the same message
 * again when it comes back; nothing is lost across a restart; internal addresses are refused; the
 * newsroom registers endpoints, shows their secret and log, and sends test events.
 */
class WebhooksIT {
  static final Map<String, String> PRIVATE_ALLOWED =
      Map.of("webhooks.allow-private-addresses", "true");
  static final Duration WITHIN = Duration.ofSeconds(10);

  @TempDir
  Path folder;

  @Test
  void publish_edit_correction_and_unpublish_each_reach_the_endpoint_signed() {
    try (var receiver = new WebhookReceiver();
        var site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 20, PRIVATE_ALLOWED)) {
      long endpoint = site.outlet.webhookDesk.register(
          Actor.PROGRAM, receiver.url(), "", WebhookEvent.subscribable(), "the partner");
      var secret = site.outlet.webhooks.endpoint(endpoint).orElseThrow().secret();
      assertThat(secret).startsWith("whsec_");

      long id = site.publishNew("en", "world", "Dam agreement signed");
      var published = receiver.await(1, WITHIN, r -> r.articleId() == id).getFirst();
      assertThat(published.type()).isEqualTo("article.published");
      assertThat(published.signedWith(secret)).as("signature").isTrue();
      assertThat(published.signedWith(Signature.newSecret())).isFalse();
      assertThat(published.id()).startsWith("msg_");
      assertThat(Math.abs(Long.parseLong(published.timestamp()) - Instant.now().getEpochSecond()))
          .isLessThan(60);
      var data = published.json().path("data");
      assertThat(data.path("headline").asText()).isEqualTo("Dam agreement signed");
      assertThat(data.path("status").asText()).isEqualTo("published");
      assertThat(data.path("url").asText()).startsWith("http://127.0.0.1:" + site.port + "/world/");

      // A draft's edits are nobody's business outside.
      long draft = site.draft(Actor.PROGRAM, "A draft");
      site.retitle(draft, "A draft, retitled");
      site.retitle(id, "Dam agreement signed in the capital");
      site.outlet.articleDesk.correct(
          Actor.PROGRAM, id, "An earlier version named the wrong river.");
      site.outlet.articleDesk.unpublish(Actor.PROGRAM, id);
      var all = receiver.await(4, WITHIN, r -> r.articleId() == id);
      assertThat(all.stream().map(WebhookReceiver.Received::type))
          .containsExactly(
              "article.published", "article.updated", "article.corrected", "article.unpublished");
      assertThat(all).allSatisfy(r -> assertThat(r.signedWith(secret)).isTrue());
      assertThat(all.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(4);
      assertThat(all.get(1).json().path("data").path("headline").asText())
          .isIn("Dam agreement signed in the capital");
      assertThat(all.get(3).json().path("data").path("url").isNull()).isTrue();
      assertThat(receiver.received).noneMatch(r -> r.articleId() == draft);

      // An endpoint that takes only publishes hears of nothing else.
      try (var second = new WebhookReceiver()) {
        site.outlet.webhookDesk.register(
            Actor.PROGRAM, second.url(), "", List.of(WebhookEvent.ARTICLE_PUBLISHED), "");
        long other = site.publishNew("en", "world", "Second story");
        site.retitle(other, "Second story, retitled");
        second.await(1, WITHIN, r -> r.articleId() == other);
        receiver.await(2, WITHIN, r -> r.articleId() == other);
        assertThat(second.received)
            .extracting(WebhookReceiver.Received::type)
            .containsOnly("article.published");
      }
    }
  }

  @Test
  void a_failing_endpoint_gets_the_same_message_again_when_it_comes_back() {
    var clock = new MutableClock(Instant.now());
    try (var receiver = new WebhookReceiver();
        var site =
            TestOutlet.start(folder, TestDatabases.sqlite(folder), 20, PRIVATE_ALLOWED, clock)) {
      long endpoint = site.outlet.webhookDesk.register(
          Actor.PROGRAM, receiver.url(), "", WebhookEvent.subscribable(), "");
      long nobodyThere = site.outlet.webhookDesk.register(
          Actor.PROGRAM, "http://127.0.0.1:9/hooks", "", WebhookEvent.subscribable(), "");
      receiver.answer(500, 503);
      long id = site.publishNew("en", "world", "Bridge closed for repairs");
      receiver.await(1, WITHIN, r -> r.articleId() == id);
      awaitAttempts(site, endpoint, 1);
      var pending = site.outlet.webhooks.deliveries(endpoint, 10).getFirst();
      assertThat(pending.state()).isEqualTo("pending");
      assertThat(pending.nextAttemptAt()).isAfterOrEqualTo(clock.instant().plusSeconds(4));

      clock.advance(Duration.ofSeconds(6)); // the first retry is due 5 s after
      site.outlet.webhookSender.wake();
      receiver.await(2, WITHIN, r -> r.articleId() == id);
      awaitAttempts(site, endpoint, 2);
      clock.advance(Duration.ofMinutes(6)); // the second, 5 min after that
      site.outlet.webhookSender.wake();
      var tries = receiver.await(3, WITHIN, r -> r.articleId() == id);
      assertThat(tries)
          .extracting(WebhookReceiver.Received::answered)
          .containsExactly(500, 503, 200);
      assertThat(tries.stream().map(WebhookReceiver.Received::id).distinct()).hasSize(1);
      assertThat(tries.stream().map(WebhookReceiver.Received::body).distinct()).hasSize(1);
      awaitState(site, endpoint, "delivered");
      var log = site.outlet.webhooks.deliveries(endpoint, 10).getFirst();
      assertThat(log.attempts()).isEqualTo(3);
      assertThat(log.tries())
          .extracting(WebhookRepository.Attempt::status)
          .containsExactly(200, 503, 500);
      awaitAttempts(site, nobodyThere, 1);
      var refused =
          site.outlet.webhooks.deliveries(nobodyThere, 1).getFirst().tries().getLast();
      assertThat(refused.status()).isNull();
      assertThat(refused.error()).startsWith("could not connect");
    }
  }

  @Test
  void a_change_made_while_no_server_ran_and_a_delivery_owed_before_a_restart_both_arrive() {
    var database = TestDatabases.sqlite(folder);
    try (var receiver = new WebhookReceiver()) {
      long first;
      try (var site = TestOutlet.start(folder, database, 20, PRIVATE_ALLOWED)) {
        site.outlet.webhookDesk.register(
            Actor.PROGRAM, receiver.url(), "", WebhookEvent.subscribable(), "");
        receiver.answer(503);
        first = site.publishNew("en", "world", "Owed before the restart");
        receiver.await(1, WITHIN, r -> r.articleId() == first);
      }
      // The outlet is down; the program (a command-line tool, say) publishes meanwhile.
      long second;
      var settings = new HashMap<String, String>(PRIVATE_ALLOWED);
      settings.put("database.url", database);
      try (var offline = new Outlet(Config.load(folder, Map.of(), settings), Clock.systemUTC());
          var helper = new Helper(offline)) {
        second = helper.publish("Published while the server was down");
      }
      try (var site = TestOutlet.join(folder, database, PRIVATE_ALLOWED)) {
        receiver.await(1, WITHIN, r -> r.articleId() == second);
        var retried = receiver.await(2, Duration.ofSeconds(20), r -> r.articleId() == first);
        assertThat(retried)
            .extracting(WebhookReceiver.Received::answered)
            .containsExactly(503, 200);
        assertThat(site.port).isPositive();
      }
    }
  }

  @Test
  void internal_addresses_are_refused_unless_the_setting_allows_them() {
    try (var receiver = new WebhookReceiver();
        var site = TestOutlet.start(folder, 20)) {
      for (var url : List.of(
          receiver.url(),
          "http://localhost:9/hook",
          "http://10.1.2.3/hook",
          "http://169.254.169.254/latest/meta-data/",
          "http://[::1]/hook",
          "http://[fd00::1]/hook",
          "http://192.168.0.10/hook")) {
        assertThatThrownBy(() -> site.outlet.webhookDesk.register(
                Actor.PROGRAM, url, "", WebhookEvent.subscribable(), ""))
            .as(url)
            .isInstanceOfSatisfying(
                Refusal.Invalid.class,
                e -> assertThat(e.byField().get("url"))
                    .contains("internal address")
                    .contains("webhooks.allow-private-addresses"));
      }
      for (var url : List.of("ftp://example.com/", "https://user:pw@example.com/", "not a url", ""))
        assertThatThrownBy(() -> site.outlet.webhookDesk.register(
                Actor.PROGRAM, url, "", WebhookEvent.subscribable(), ""))
            .as(url)
            .isInstanceOf(Refusal.Invalid.class);
      assertThatThrownBy(() -> site.outlet.webhookDesk.register(
              new Actor(1L, "editor@example.com", Role.EDITOR),
              "https://93.184.216.34/hook",
              "",
              WebhookEvent.subscribable(),
              ""))
          .isInstanceOf(Refusal.Forbidden.class);
      assertThatThrownBy(() -> site.outlet.webhookDesk.register(
              Actor.PROGRAM,
              "https://93.184.216.34/hook",
              "secret",
              WebhookEvent.subscribable(),
              ""))
          .isInstanceOfSatisfying(
              Refusal.Invalid.class, e -> assertThat(e.byField()).containsKey("secret"));
    }
  }

  @Test
  void the_newsroom_adds_an_endpoint_shows_its_secret_and_log_and_sends_a_test_event() {
    try (var receiver = new WebhookReceiver();
        var site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 20, PRIVATE_ALLOWED)) {
      site.outlet.staff.add(
          "admin@example.com", "Admin", Role.ADMIN, "correct horse battery", null);
      var admin = site.signIn("admin@example.com", "correct horse battery");

      var empty = site.post(admin, "/newsroom/webhooks", "url", receiver.url());
      assertThat(empty.statusCode()).isEqualTo(422);
      assertThat(Jsoup.parse(empty.body()).select(".field-error").text())
          .contains("Choose at least one event");

      var added = site.post(
          admin,
          "/newsroom/webhooks",
          "url",
          receiver.url(),
          "events",
          "article.published",
          "description",
          "Partner wire");
      assertThat(added.statusCode()).isEqualTo(303);
      var location = added.headers().firstValue("Location").orElseThrow();
      var page = location.substring(0, location.indexOf('?'));
      var shown = Jsoup.parse(site.get(admin, location).body());
      var secret = shown.select("code.token").text();
      assertThat(secret).startsWith("whsec_");
      assertThat(shown.select("input[value=article.published]").hasAttr("checked"))
          .isTrue();
      assertThat(shown.select("input[value=article.corrected]").hasAttr("checked"))
          .isFalse();

      assertThat(site.post(admin, page, "action", "test").statusCode()).isEqualTo(303);
      var event =
          receiver.await(1, WITHIN, r -> r.type().equals("webhook.test")).getFirst();
      assertThat(event.signedWith(secret)).isTrue();
      var deadline = System.nanoTime() + WITHIN.toNanos();
      String log;
      do {
        log = Jsoup.parse(site.get(admin, page).body()).select("table").text();
      } while (!log.contains("HTTP 200") && System.nanoTime() < deadline);
      assertThat(log).contains("webhook.test", "delivered", "HTTP 200", event.id());

      assertThat(site.post(admin, page, "action", "rotate").statusCode()).isEqualTo(303);
      assertThat(Jsoup.parse(site.get(admin, page).body()).select("code.token").text())
          .startsWith("whsec_")
          .isNotEqualTo(secret);

      var list = Jsoup.parse(site.get(admin, "/newsroom/webhooks").body());
      assertThat(list.select("table").text()).contains(receiver.url(), "Partner wire");
      assertThat(site.post(admin, page, "action", "delete").statusCode()).isEqualTo(303);
      assertThat(site.get(admin, page).statusCode()).isEqualTo(404);
    }
  }

  private static void awaitAttempts(TestOutlet site, long endpoint, int attempts) {
    var deadline = System.nanoTime() + WITHIN.toNanos();
    while (site.outlet.webhooks.deliveries(endpoint, 1).stream()
        .noneMatch(d -> d.attempts() >= attempts)) {
      if (System.nanoTime() > deadline) throw new AssertionError("no attempt " + attempts);
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  private static void awaitState(TestOutlet site, long endpoint, String state) {
    var deadline = System.nanoTime() + WITHIN.toNanos();
    while (site.outlet.webhooks.deliveries(endpoint, 1).stream()
        .noneMatch(d -> d.state().equals(state))) {
      if (System.nanoTime() > deadline) throw new AssertionError("never " + state);
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  /** Writes through an outlet that is not serving (as a command-line tool would). */
  record Helper(Outlet outlet) implements AutoCloseable {
    long publish(String headline) {
      long section = outlet.database.read(
          h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'world'")
              .mapTo(Long.class)
              .one());
      long id = outlet.articleDesk.create(
          Actor.PROGRAM,
          new io.masthead.article.ArticleInput(
              "en",
              section,
              null,
              headline,
              "",
              "",
              List.of(),
              "Text.",
              List.of(),
              List.of(io.masthead.article.Credit.STAFF)));
      outlet.articleDesk.publish(Actor.PROGRAM, id);
      return id;
    }

    @Override
    public void close() {}
  }
}
