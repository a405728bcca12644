package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
  void a_render_that_raced_a_change_is_served_but_not_kept() {
    var page = cache.get("/a", () -> {
      var p = render("old", Set.of("article:1"));
      cache.invalidate(Set.of("article:1"));
      return p;
    });
    assertThat(page).isNotNull();
    assertThat(cache.find("/a")).isNull();
  }

  @Nested
  class OnDisk {
    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:00Z"));
    PagesOnDisk disk;
    PageCache tiers;

    @BeforeEach
    void open() {
      disk = new PagesOnDisk(folder.resolve("pages"), 10_000_000);
      tiers = new PageCache(true, 10_000_000, clock, disk);
    }

    PageCache.Page starredRender(String text, Set<String> tags) {
      renders.incrementAndGet();
      return new PageCache.Page(
          PageCache.Variant.of(text.getBytes(StandardCharsets.UTF_8)),
          () -> PageCache.Variant.of(("starred " + text).getBytes(StandardCharsets.UTF_8)),
          7L,
          tags,
          Duration.ofMinutes(5));
    }

    @Test
    void a_page_memory_let_go_comes_back_from_disk_as_it_was_without_a_render() {
      var first = tiers.get("/world/a", () -> starredRender("a page", Set.of("article:7")));
      first.lastModified(Instant.parse("2026-12-01T08:00:00Z"));
      tiers.dropFromMemory();
      var back = tiers.get("/world/a", () -> starredRender("a page", Set.of("article:7")));
      assertThat(renders).hasValue(1);
      assertThat(back.plain().etag()).isEqualTo(first.plain().etag());
      assertThat(back.plain().gzip(6)).isEqualTo(first.plain().gzip(6));
      assertThat(new String(back.plain().html(), StandardCharsets.UTF_8)).isEqualTo("a page");
      assertThat(back.tags()).isEqualTo(first.tags());
      assertThat(back.starredArticleId()).isEqualTo(7L);
      assertThat(back.contentType()).isEqualTo(first.contentType());
      assertThat(disk.hits()).isEqualTo(1);
      assertThat(tiers.find("/world/a")).isSameAs(back); // in memory again
      // A reader who starred it: that variant is rendered anew, the page is not kept twice.
      assertThat(new String(back.starred().html(), StandardCharsets.UTF_8))
          .isEqualTo("starred a page");
    }

    @Test
    void a_change_to_a_tag_of_the_page_after_its_render_keeps_it_from_coming_back() {
      tiers.get("/a", () -> render("a", Set.of("article:1", "section:world")));
      tiers.get("/b", () -> render("b", Set.of("article:2", "section:arts")));
      tiers.invalidate(Set.of("section:world"));
      tiers.dropFromMemory();
      assertThat(text(tiers.get("/a", () -> render("a2", Set.of("article:1"))))).isEqualTo("a2");
      assertThat(text(tiers.get("/b", () -> render("b2", Set.of("article:2"))))).isEqualTo("b");
      assertThat(renders).hasValue(3);
      // Rendered after the change: that one is kept, and comes back.
      tiers.dropFromMemory();
      assertThat(text(tiers.get("/a", () -> render("a3", Set.of("article:1"))))).isEqualTo("a2");
    }

    @Test
    void a_render_that_raced_a_change_is_not_kept_on_disk_either() {
      tiers.get("/a", () -> {
        var p = render("old", Set.of("article:1"));
        tiers.invalidate(Set.of("article:1"));
        return p;
      });
      tiers.dropFromMemory();
      assertThat(text(tiers.get("/a", () -> render("new", Set.of("article:1")))))
          .isEqualTo("new");
    }

    @Test
    void a_page_past_its_freshness_is_rendered_again() {
      tiers.get("/a", () -> render("then", Set.of("article:1")));
      tiers.dropFromMemory();
      clock.advance(Duration.ofMinutes(6));
      assertThat(text(tiers.get("/a", () -> render("now", Set.of("article:1")))))
          .isEqualTo("now");
    }

    @Test
    void pages_from_before_a_restart_are_never_served() {
      tiers.get("/a", () -> render("before", Set.of("article:1")));
      var restarted = new PageCache(
          true, 10_000_000, clock, new PagesOnDisk(folder.resolve("pages"), 10_000_000));
      assertThat(text(restarted.get("/a", () -> render("after", Set.of("article:1")))))
          .isEqualTo("after");
    }

    @Test
    void past_its_bound_the_disk_tier_starts_again_empty() {
      var small = new PagesOnDisk(folder.resolve("small"), 1);
      var cache = new PageCache(true, 10_000_000, clock, small);
      cache.get("/a", () -> render("a", Set.of("article:1")));
      cache.dropFromMemory();
      assertThat(text(cache.get("/a", () -> render("a again", Set.of("article:1")))))
          .isEqualTo("a again");
    }

    private String text(PageCache.Page page) {
      return new String(page.plain().html(), StandardCharsets.UTF_8);
    }
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
}
