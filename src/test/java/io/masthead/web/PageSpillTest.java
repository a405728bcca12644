package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page cache's disk tier: pages memory let go for want of room are served from disk, byte
 * for byte, until they expire or a change drops them, even a change that came while the page
 * waited to be written.
 */
class PageSpillTest {
  @TempDir
  Path data;

  final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
  final AtomicInteger renders = new AtomicInteger();
  /** Writes waiting, for the test that puts a change between eviction and write. */
  final ArrayList<Runnable> writes = new ArrayList<>();

  PageSpill spill;
  PageCache cache;

  /** A cache with room in memory for a few pages and {@code diskBytes} of disk. */
  void open(long diskBytes) {
    open(diskBytes, 100_000);
  }

  void open(long diskBytes, int maxPagesOnDisk) {
    open(diskBytes, maxPagesOnDisk, Runnable::run);
  }

  /**
   * {@code writing} runs the writes to disk; evictions run on the calling thread, so that a page
   * memory let go has been handed to it when the call returns.
   */
  void open(long diskBytes, int maxPagesOnDisk, java.util.concurrent.Executor writing) {
    spill = new PageSpill(data.resolve("page-cache"), diskBytes, clock, writing, maxPagesOnDisk);
    cache = new PageCache(true, 3_000, clock, task -> false, spill);
  }

  @AfterEach
  void close() {
    if (cache != null) cache.close();
  }

  PageCache.Page render(String key, Set<String> tags) {
    renders.incrementAndGet();
    var html = ("<!doctype html><main>" + key + "<form>add</form>" + "x".repeat(500) + "</main>")
        .getBytes(StandardCharsets.UTF_8);
    return new PageCache.Page(
        PageCache.Variant.of(html),
        new PageCache.StarSwap(
            "<form>add</form>".getBytes(StandardCharsets.UTF_8),
            "<form>remove</form>".getBytes(StandardCharsets.UTF_8)),
        42L,
        tags,
        Duration.ofMinutes(30));
  }

  /** Asks for ten pages, so that memory lets most of them go, and writes them to disk. */
  void fill() {
    for (int i = 0; i < 10; i++) {
      var key = "/world/" + i;
      cache.get(key, () -> render(key, Set.of("article:" + key.hashCode(), "section:world")));
    }
    cache.cleanUp();
  }

  /** A key whose page is on disk, not in memory. */
  String spilledKey() {
    for (int i = 0; i < 10; i++) {
      var key = "/world/" + i;
      if (cache.find(key) == null && spill.find(key) != null) return key;
    }
    throw new AssertionError("no page was written to disk");
  }

  @Test
  void a_page_memory_let_go_is_served_from_disk_as_it_was_made_without_a_render() {
    open(1 << 20);
    fill();
    assertThat(spill.size()).isPositive();
    for (int i = 0; i < 10; i++) assertThat(cache.kept("/world/" + i)).isNotNull();
    var key = spilledKey();
    var original = render(key, Set.of()).plain();
    renders.set(0);

    var page = cache.get(key, () -> render(key, Set.of()));

    assertThat(renders).hasValue(0);
    assertThat(page.plain().etag()).isEqualTo(original.etag());
    assertThat(page.plain().html()).isEqualTo(original.html());
    assertThat(page.tags()).contains("section:world");
    assertThat(page.surrogateKeys().surrogateKey().getValue()).contains("section:world");
    assertThat(page.starredArticleId()).isEqualTo(42L);
    assertThat(new String(page.starred().html(), StandardCharsets.UTF_8))
        .contains("<form>remove</form>")
        .doesNotContain("<form>add</form>");
    assertThat(cache.kept(key)).isNotNull();
    assertThat(spill.hits()).isPositive();
  }

  @Test
  void a_change_drops_the_pages_on_disk_that_show_it_and_only_those() {
    open(1 << 20);
    fill();
    var key = spilledKey();
    cache.invalidate(Set.of("article:" + key.hashCode()));
    assertThat(spill.find(key)).isNull();
    for (int i = 0; i < 10; i++) {
      var other = "/world/" + i;
      cache.get(other, () -> render(other, Set.of("article:" + other.hashCode(), "section:world")));
    }
    assertThat(renders).hasValue(11); // the changed page only

    cache.invalidate(Set.of("section:world"));
    for (int i = 0; i < 10; i++) assertThat(spill.find("/world/" + i)).isNull();
    assertThat(spill.size()).isZero(); // each forgotten when it was looked for
  }

  @Test
  void a_change_while_the_page_waited_to_be_written_keeps_it_from_being_served() {
    open(1 << 20, 100_000, writes::add);
    for (int i = 0; i < 10; i++) {
      var key = "/world/" + i;
      cache.get(key, () -> render(key, Set.of("article:" + key.hashCode(), "section:world")));
    }
    cache.cleanUp();
    assertThat(writes).isNotEmpty(); // memory let pages go; none is written yet
    cache.invalidate(Set.of("section:world"));
    writes.forEach(Runnable::run);
    assertThat(spill.size()).isPositive();
    for (int i = 0; i < 10; i++) assertThat(cache.kept("/world/" + i)).isNull();
  }

  @Test
  void a_page_on_disk_older_than_the_remembered_changes_is_rendered_again() {
    open(1 << 20);
    fill();
    var key = spilledKey();
    for (int i = 0; i <= PageSpill.REMEMBERED_INVALIDATIONS; i++)
      cache.invalidate(Set.of("tag:elsewhere-" + i));
    assertThat(spill.find(key)).isNull();
  }

  @Test
  void a_page_on_disk_expires_with_its_freshness() {
    open(1 << 20);
    fill();
    var key = spilledKey();
    clock.advance(Duration.ofMinutes(31));
    assertThat(cache.kept(key)).isNull();
    cache.get(key, () -> render(key, Set.of()));
    assertThat(renders).hasValue(11);
  }

  @Test
  void a_new_render_replaces_the_page_on_disk() {
    open(1 << 20);
    fill();
    var key = spilledKey();
    cache.render(key, () -> render(key, Set.of("article:1")));
    assertThat(spill.find(key)).isNull();
    assertThat(cache.find(key)).isNotNull();
  }

  /** Bytes a test page takes on disk: its record. */
  int recordBytes() {
    var page = render("/world/0", Set.of("article:1", "section:world"));
    page.plain().compact(1);
    return PageSpill.Record.of("/world/0", page).length;
  }

  @Test
  void the_disk_keeps_to_its_budget_by_dropping_the_oldest_pages() throws Exception {
    long budget = PageSpill.SEGMENTS * (recordBytes() + 20L); // a segment holds one page
    open(budget);
    for (int round = 0; round < 5; round++) fill();
    assertThat(spill.size()).isPositive();
    assertThat(spill.bytes()).isPositive().isLessThanOrEqualTo(budget);
    try (var files = Files.list(data.resolve("page-cache"))) {
      assertThat(files.count()).isLessThanOrEqualTo(PageSpill.SEGMENTS);
    }
    assertThat(spill.size()).isLessThanOrEqualTo(PageSpill.SEGMENTS);
  }

  @Test
  void the_index_keeps_to_its_count_of_pages_whatever_the_disk_allows() {
    open(PageSpill.SEGMENTS * (recordBytes() + 20L), 3);
    for (int round = 0; round < 5; round++) fill();
    assertThat(spill.size()).isBetween(1, 3 + 1); // the segment being written is never dropped
  }

  @Test
  void a_disk_it_cannot_write_to_leaves_the_pages_to_be_rendered_again() throws Exception {
    Files.writeString(data.resolve("page-cache"), "not a directory");
    open(1 << 20);
    fill();
    assertThat(spill.size()).isZero();
    for (int i = 0; i < 10; i++) {
      var key = "/world/" + i;
      assertThat(cache.get(key, () -> render(key, Set.of())).plain().html()).isNotEmpty();
    }
  }

  @Test
  void a_damaged_file_has_its_pages_rendered_again_not_an_error() throws Exception {
    open(1 << 20);
    fill();
    var key = spilledKey();
    try (var files = Files.list(data.resolve("page-cache"))) {
      for (var file : files.toList()) {
        var garbage = new byte[(int) Files.size(file)];
        java.util.Arrays.fill(garbage, (byte) 0x7f);
        Files.write(file, garbage);
      }
    }
    assertThat(cache.kept(key)).isNull();
    assertThat(cache.get(key, () -> render(key, Set.of())).plain().html()).isNotEmpty();
    assertThat(renders).hasValue(11);
  }

  @Test
  void closing_deletes_the_pages_on_disk() throws Exception {
    open(1 << 20);
    fill();
    try (var files = Files.list(data.resolve("page-cache"))) {
      assertThat(files.count()).isPositive();
    }
    cache.close();
    cache = null;
    try (var files = Files.list(data.resolve("page-cache"))) {
      assertThat(files.count()).isZero();
    }
  }
}
