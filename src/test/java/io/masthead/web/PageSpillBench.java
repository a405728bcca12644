package io.masthead.web;

import io.masthead.testing.TempFolders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The long tail's hit: a page memory let go, read back from the page cache's disk tier ({@link
 * PageSpill#find}: the index looked up, the record read from its segment with one positioned
 * read, parsed, and its tags checked against the invalidations remembered since), and the same
 * lookup for a page that is not there (a render follows). 20,000 article pages of ~9 KB (their
 * gzip kept beside them) on disk, half with Arabic keys, 1,000 invalidations remembered, a
 * different page each time; the files are in the OS's cache, as a server's hot pages are. bench/ab
 * --long-tail puts a disk hit at ~60 µs of server CPU on the way through Jetty: a rise here is a
 * rise there. Run with {@code bench/jmh PageSpillBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class PageSpillBench {
  private static final int PAGES = 20_000;

  private Path folder;
  private PageCache cache;
  private PageSpill spill;
  private final List<String> keys = new ArrayList<>();
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    folder = Files.createTempDirectory("masthead-page-spill-bench");
    var clock = Clock.systemUTC();
    // Writes on the calling thread and room in memory for no page: each one goes to disk.
    spill = new PageSpill(folder, 1L << 30, clock, Runnable::run, 200_000);
    cache = new PageCache(true, 3_000, clock, task -> false, spill);
    var html = ("<!doctype html><html lang=\"en\"><head><title>Headline</title></head><body>"
            + "<main><article><h1>Coastal alliance members review port agreement</h1>"
            + "<p>Officials said on Monday that the water-sharing pact would be reviewed.</p>"
                .repeat(120)
            + "</article></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < PAGES; i++) {
      long id = i;
      var key = i % 2 == 0
          ? "/world/2026/11/18/coastal-alliance-members-review-port-agreement-" + i
          : "/ar/العالم/2026/11/18/تحالف-الساحل-" + i;
      var tags = Set.of("article:" + i, "section:" + (i % 20), "tag:" + (i % 60), "home:en");
      cache.get(
          key,
          () -> new PageCache.Page(
              PageCache.Variant.of(html),
              new PageCache.StarSwap(
                  "<main>".getBytes(StandardCharsets.UTF_8),
                  "<main class=\"starred\">".getBytes(StandardCharsets.UTF_8)),
              id,
              tags,
              Duration.ofHours(6)));
      keys.add(key);
    }
    cache.cleanUp();
    // Changes that touched none of these pages, as a newsroom's recent ones mostly did not.
    for (int i = 0; i < 1_000; i++) cache.invalidate(Set.of("article:" + (PAGES + i)));
    keys.removeIf(key -> spill.find(key) == null); // a page memory kept
    if (keys.size() < PAGES * 9 / 10) {
      throw new IllegalStateException("only " + keys.size() + " pages of " + PAGES + " on disk");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    cache.close();
    TempFolders.delete(folder);
  }

  @Benchmark
  public PageCache.Page readBack() {
    var page = spill.find(keys.get(next++ % keys.size()));
    if (page == null) throw new IllegalStateException("a page is not on disk");
    return page;
  }

  @Benchmark
  public PageCache.Page notThere() {
    return spill.find("/world/2026/11/18/never-kept-" + (next++ % PAGES));
  }
}
