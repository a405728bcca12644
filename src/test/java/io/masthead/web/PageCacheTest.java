package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageCacheTest {
  final PageCache cache = new PageCache(true, 10_000_000);
  final AtomicInteger renders = new AtomicInteger();

  PageCache.Page render(String text, Set<String> tags) {
    renders.incrementAndGet();
    return new PageCache.Page(
        PageCache.Variant.of(text.getBytes(StandardCharsets.UTF_8)),
        null,
        null,
        tags,
        Duration.ofMinutes(5));
  }

  @Test
  void a_page_is_rendered_once_and_dropped_only_by_its_own_tags() {
    cache.get("/a", () -> render("a", Set.of("article:1", "section:2")));
    cache.get("/a", () -> render("a", Set.of("article:1")));
    cache.get("/b", () -> render("b", Set.of("article:3")));
    assertThat(renders).hasValue(2);
    cache.invalidate(Set.of("section:2"));
    assertThat(cache.find("/a")).isNull();
    assertThat(cache.find("/b")).isNotNull();
  }

  @Test
  void metrics_count_each_request_once_whether_it_was_found_or_rendered() {
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    cache.bindMetrics(registry);
    // As a request goes: looked for before Javalin, then rendered by its handler on a miss.
    for (int i = 0; i < 3; i++) {
      if (cache.find("/a") == null) cache.get("/a", () -> render("a", Set.of("article:1")));
    }
    assertThat(
            registry.get("cache.gets").tag("result", "miss").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("cache.gets").tag("result", "hit").functionCounter().count())
        .isEqualTo(2);
  }

  @Test
  void a_page_past_its_freshness_is_not_found_and_is_rendered_again() {
    var clock =
        new io.masthead.testing.MutableClock(java.time.Instant.parse("2026-12-03T10:00:00Z"));
    var cache = new PageCache(true, 10_000_000, clock, task -> false);
    cache.get("/a", () -> render("a", Set.of("article:1")));
    clock.advance(Duration.ofMinutes(4));
    assertThat(cache.find("/a")).isNotNull();
    clock.advance(Duration.ofMinutes(2));
    assertThat(cache.find("/a")).isNull();
    cache.get("/a", () -> render("a", Set.of("article:1")));
    assertThat(renders).hasValue(2);
  }

  @Test
  void a_render_that_raced_a_change_is_served_but_not_kept() {
    var page = cache.get("/a", () -> {
      var p = render("old", Set.of("article:1"));
      cache.invalidate(Set.of("article:1"));
      return p;
    });
    assertThat(page).isNotNull();
    assertThat(cache.find("/a")).isNull();
  }

  @Test
  void variants_carry_gzip_and_distinct_weak_etags() {
    var a = PageCache.Variant.of("hello".getBytes(StandardCharsets.UTF_8));
    var b = PageCache.Variant.of("hello!".getBytes(StandardCharsets.UTF_8));
    assertThat(a.etag()).startsWith("W/\"").isNotEqualTo(b.etag());
    assertThat(a.gzip(6)[0]).isEqualTo((byte) 0x1f);
    assertThat(a.gzip(6)).isSameAs(a.gzip(6)); // compressed once
  }

  @Test
  void a_cached_page_keeps_only_its_gzip_and_still_serves_plain_bytes() {
    var page = cache.get("/c", () -> render("plain text of a page", Set.of("article:9")));
    assertThat(page.plain().weight()).isEqualTo(page.plain().gzip(6).length);
    assertThat(new String(page.plain().html(), StandardCharsets.UTF_8))
        .isEqualTo("plain text of a page");
  }

  /** A page of the size of an article page, compressible as HTML is. */
  static String articleLike() {
    var html = new StringBuilder("<!doctype html><html lang=\"en\"><body><main>");
    var random = new java.util.Random(7);
    for (int i = 0; i < 600; i++)
      html.append("<p class=\"story\"><a href=\"/world/2026/")
          .append(random.nextInt(12) + 1)
          .append("/story-")
          .append(random.nextInt(100_000))
          .append("\">Port operators review the plan ")
          .append(random.nextInt(1000))
          .append("</a></p>\n");
    return html.append("</main></body></html>").toString();
  }

  @Test
  void a_kept_page_is_compressed_fast_and_again_better_once_it_is_popular() {
    var later = new java.util.ArrayList<Runnable>();
    var cache = new PageCache(true, 10_000_000, java.time.Clock.systemUTC(), later::add);
    var text = articleLike();
    var page = cache.get("/p", () -> render(text, Set.of("article:1")));
    var first = page.plain().gzip(6);
    var etag = page.plain().etag();
    assertThat(first).isEqualTo(Gzip.compress(text.getBytes(StandardCharsets.UTF_8), 1));

    for (int i = 1; i < PageCache.POPULAR; i++) cache.find("/p");
    assertThat(later).isEmpty(); // a page asked for a few times stays as it was made
    cache.find("/p");
    assertThat(later).hasSize(1);
    later.getFirst().run();

    var better = cache.find("/p").plain().gzip(6);
    assertThat(better.length).isLessThan(first.length);
    assertThat(Gzip.decompress(better)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(cache.find("/p").plain().etag()).isEqualTo(etag);
    for (int i = 0; i < 1000; i++) cache.find("/p");
    assertThat(later).hasSize(1); // compressed better once
  }

  @Test
  void a_popular_page_the_full_queue_turned_away_asks_again_at_its_next_request() {
    var later = new java.util.ArrayList<Runnable>();
    var queueFull = new java.util.concurrent.atomic.AtomicBoolean(true);
    var cache = new PageCache(
        true, 10_000_000, java.time.Clock.systemUTC(), task -> !queueFull.get() && later.add(task));
    var text = articleLike();
    cache.get("/p", () -> render(text, Set.of("article:1")));
    for (int i = 0; i < PageCache.POPULAR + 10; i++) cache.find("/p");
    assertThat(later).isEmpty();

    queueFull.set(false);
    cache.find("/p");
    assertThat(later).hasSize(1);
    for (int i = 0; i < 10; i++) cache.find("/p");
    assertThat(later).hasSize(1); // asked once while it waits
    later.getFirst().run();
    assertThat(cache.find("/p").plain().gzip(6))
        .isEqualTo(Gzip.compress(text.getBytes(StandardCharsets.UTF_8), 6));
  }

  @Test
  void a_page_dropped_by_a_change_before_its_better_compression_stays_dropped() {
    var later = new java.util.ArrayList<Runnable>();
    var cache = new PageCache(true, 10_000_000, java.time.Clock.systemUTC(), later::add);
    cache.get("/p", () -> render(articleLike(), Set.of("article:1")));
    for (int i = 0; i < PageCache.POPULAR; i++) cache.find("/p");
    cache.invalidate(Set.of("article:1"));
    later.getFirst().run();
    assertThat(cache.find("/p")).isNull();
  }
}
