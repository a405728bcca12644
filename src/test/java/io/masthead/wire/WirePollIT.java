package io.masthead.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.masthead.command.Actor;
import io.masthead.testing.MutableClock;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources that deliver by themselves: an agency's server polled with conditional GETs (a local
 * server here: 200, 304, an hour of 503, then back), and a drop folder read as files land in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WirePollIT {
  TestOutlet site;
  // Whole milliseconds, as the database keeps times.
  MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  HttpServer agency;
  volatile int status = 200;
  volatile byte[] feed = WireParsersTest.fixture("northwire-rss.xml");
  volatile String etag = "\"v1\"";
  final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path folder) throws IOException {
    site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 5, Map.of(), clock);
    agency = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    agency.createContext("/feed.xml", exchange -> {
      var conditional = exchange.getRequestHeaders().getFirst("If-None-Match");
      asked.add(conditional == null ? "plain" : conditional);
      if (status != 200) {
        exchange.sendResponseHeaders(status, -1);
      } else if (etag.equals(conditional)) {
        exchange.sendResponseHeaders(304, -1);
      } else {
        exchange.getResponseHeaders().add("ETag", etag);
        exchange.sendResponseHeaders(200, feed.length);
        exchange.getResponseBody().write(feed);
      }
      exchange.close();
    });
    agency.start();
  }

  @AfterAll
  void stop() {
    agency.stop(0);
    site.close();
  }

  static void await(Supplier<Boolean> condition, Supplier<String> state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + state.get());
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  WireSource source(long id) {
    return site.outlet.wire.source(id).orElseThrow();
  }

  @Test
  void an_agency_server_is_polled_conditionally_backs_off_while_down_and_comes_back() {
    var url = "http://127.0.0.1:" + agency.getAddress().getPort() + "/feed.xml";
    long id = site.outlet.wireDesk.addSource(
        Actor.PROGRAM, new WireDesk.SourceInput("Northwire", "rss", url, "", 60, true));
    await(() -> source(id).items() == 2, () -> source(id).toString());
    assertThat(asked).containsExactly("plain");
    assertThat(source(id).lastError()).isEmpty();

    // Later (past its minute, and past any claim a slow poll left): asked with the ETag,
    // answered 304, nothing changes.
    clock.advance(Duration.ofMinutes(3));
    await(() -> asked.size() == 2, asked::toString);
    assertThat(asked.get(1)).isEqualTo("\"v1\"");
    await(
        () -> !source(id).lastPollAt().isBefore(clock.instant()),
        () -> source(id).toString());
    assertThat(source(id).items()).isEqualTo(2);

    // Two more nodes look at the same moment: the poll is claimed once, the agency asked once.
    clock.advance(Duration.ofMinutes(3));
    int askedBefore = asked.size();
    var others = List.of(
        new WirePoller(site.outlet.wire, site.outlet.wireDesk, clock, "node-b"),
        new WirePoller(site.outlet.wire, site.outlet.wireDesk, clock, "node-c"));
    var racing = others.stream().map(p -> Thread.ofPlatform().start(p::pollDue)).toList();
    for (var t : racing) {
      try {
        t.join();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
    await(
        () -> !source(id).lastPollAt().isBefore(clock.instant()),
        () -> source(id).toString());
    assertThat(asked.size() - askedBefore).isEqualTo(1);
    others.forEach(WirePoller::close);

    // Down for an hour: each failure says why, and the waits grow to at most ten minutes.
    status = 503;
    var start = clock.instant();
    int polls = asked.size();
    while (clock.instant().isBefore(start.plus(Duration.ofHours(1)))) {
      clock.advance(Duration.ofMinutes(5));
      var before = clock.instant();
      // Each step either polls (and fails) or is still waiting out its back-off.
      if (source(id).nextPollAt().isAfter(before)) continue;
      int seen = asked.size();
      await(
          () -> asked.size() > seen
              && source(id).lastPollAt() != null
              && !source(id).lastPollAt().isBefore(before),
          () -> source(id).toString());
    }
    assertThat(asked.size() - polls).isBetween(6, 12);
    var down = source(id);
    assertThat(down.lastError()).isEqualTo("The server answered 503 (its own error).");
    assertThat(down.failures()).isGreaterThanOrEqualTo(6);
    assertThat(Duration.between(down.lastPollAt(), down.nextPollAt()))
        .isLessThanOrEqualTo(WirePoller.LONGEST_WAIT);

    // Back, with an update: within the longest wait it is read again.
    status = 200;
    feed = WireParsersTest.fixture("northwire-rss-update.xml");
    etag = "\"v2\"";
    clock.advance(WirePoller.LONGEST_WAIT.plusSeconds(1));
    await(() -> source(id).failures() == 0, () -> source(id).toString());
    assertThat(source(id).lastError()).isEmpty();
    var quake =
        site.outlet.wire.items(new WireRepository.Filter(id, null, null, null), 10, 0).stream()
            .filter(i -> i.guid().equals("northwire:2026:quake-halvern"))
            .findFirst()
            .orElseThrow();
    assertThat(quake.version()).isEqualTo(2);
  }

  @Test
  void files_dropped_in_a_folder_are_read_and_moved_aside(@TempDir Path drop) throws IOException {
    long id = site.outlet.wireDesk.addSource(
        Actor.PROGRAM,
        new WireDesk.SourceInput("Kestrel", "ninjs", "", drop.toString(), null, true));
    assertThat(source(id).everySeconds()).isEqualTo(1);
    // Written under a dot name, then renamed, as uploads by FTP or SFTP are made to land.
    var partial = drop.resolve(".quake.json.part");
    Files.write(partial, WireParsersTest.fixture("kestrel-ninjs1.json"));
    Files.move(partial, drop.resolve("quake.json"));
    Files.writeString(drop.resolve("broken.json"), "{\"uri\": ", StandardCharsets.UTF_8);
    // The outlet's clock stands still in this test: it is moved on, so the folder is looked at
    // again once the files have settled.
    await(
        () -> {
          clock.advance(Duration.ofSeconds(1));
          return Files.exists(drop.resolve("processed/quake.json"))
              && Files.exists(drop.resolve("rejected/broken.json"));
        },
        () -> source(id).toString());
    assertThat(source(id).items()).isEqualTo(1);
    assertThat(source(id).rejected()).isEqualTo(1);
    assertThat(source(id).failures()).isZero();
    assertThat(source(id).lastError()).contains("broken.json").contains("Not valid JSON");
    assertThat(Files.exists(drop.resolve("quake.json"))).isFalse();

    // A folder that is not there is said in plain words.
    long missing = site.outlet.wireDesk.addSource(
        Actor.PROGRAM,
        new WireDesk.SourceInput(
            "Nowhere", "ninjs", "", drop.resolve("nope").toString(), null, true));
    await(() -> !source(missing).lastError().isEmpty(), () -> source(missing).toString());
    assertThat(source(missing).lastError()).contains("does not exist");
  }
}
