package io.masthead.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Rendered pages for anonymous readers, kept in memory already compressed, with their ETags.
 * An entry carries the tags of everything it shows ({@code article:42}, {@code section:7});
 * {@link #invalidate} drops every entry that carries a tag, which the change log calls after
 * each commit. A page with a favorites star holds a second, starred variant, so that the
 * reader's state never needs a render. Pages that memory lets go for want of room may be kept on
 * disk ({@link PageSpill}) and served from there. Thread-safe.
 */
public final class PageCache implements AutoCloseable {

  /**
   * One representation of a page: a weak ETag and the bytes, plain or gzipped. A page kept in
   * the cache keeps only its gzip ({@link #compact}), a quarter of the memory; the rare client
   * that takes no gzip gets it inflated. A page rendered with the cache off is compressed only
   * if the client takes gzip. Thread-safe.
   */
  public static final class Variant {
    private final String etag;
    /** The ETag header, encoded once: sent with every hit. */
    private final org.eclipse.jetty.http.HttpField etagField;

    private volatile byte[] html;
    private volatile byte[] gzip;
    /** The level {@link #gzip} was made at; 0 while there is none. */
    private volatile int level;
    /** Times the kept page was asked for; counted without a lock, as a heuristic. */
    private int asked;
    /** Whether its better compression waits in the background queue. */
    private volatile boolean queued;

    private Variant(byte[] html) {
      this(PageCache.etag(html));
      this.html = html;
    }

    private Variant(String etag) {
      this.etag = etag;
      this.etagField = new org.eclipse.jetty.http.PreEncodedHttpField("ETag", etag);
    }

    private Variant(String etag, byte[] gzip, int level) {
      this(etag);
      this.gzip = gzip;
      this.level = level;
    }

    public static Variant of(byte[] html) {
      return new Variant(html);
    }

    /** A kept page read back from elsewhere ({@link PageSpill}): its gzip at this level. */
    static Variant kept(String etag, byte[] gzip, int level) {
      return new Variant(etag, gzip, level);
    }

    /** The gzip, when the plain bytes are no longer kept; else null. */
    byte[] keptGzip() {
      return html == null ? gzip : null;
    }

    int level() {
      return level;
    }

    public byte[] html() {
      var plain = html;
      return plain != null ? plain : Gzip.decompress(gzip);
    }

    public String etag() {
      return etag;
    }

    /** {@link #etag} as a response header. */
    public org.eclipse.jetty.http.HttpField etagField() {
      return etagField;
    }

    /** The gzip of the bytes, made at this level on first demand and kept. */
    public byte[] gzip(int level) {
      var compressed = gzip;
      if (compressed == null) {
        compressed = Gzip.compress(html, level); // a race compresses twice, harmlessly
        this.level = level;
        gzip = compressed;
      }
      return compressed;
    }

    /** Compresses now and lets the plain bytes go: for pages that stay in memory. */
    void compact(int level) {
      gzip(level);
      html = null;
    }

    /**
     * Counts one more request for the page and says whether it should now be compressed better:
     * from its {@link #POPULAR}th request on, until that is done or waiting in the queue. A page
     * the full queue turned away asks again at its next request, so that a burst of pages that
     * became popular together is through in one pass, not in waves.
     */
    boolean wantsBetter(int better) {
      if (level >= better || queued) return false;
      if (asked < POPULAR) asked++; // stops there: no overflow, however long the queue stays full
      return queued = asked >= POPULAR; // the caller queues it, or calls turnedAway
    }

    /** The full queue did not take it: its next request asks again. */
    void turnedAway() {
      queued = false;
    }

    /**
     * Compresses the bytes again at a better level, when that is smaller. The ETag stays: it
     * names the content, and both gzips inflate to the same bytes. A response being sent keeps
     * the array it took.
     */
    void recompress(int better) {
      var current = gzip;
      if (current == null || level >= better) return;
      var smaller = Gzip.compress(html(), better);
      if (smaller.length < current.length) gzip = smaller;
      level = better;
    }

    long weight() {
      var compressed = gzip;
      var plain = html;
      return (compressed == null ? 0 : compressed.length) + (plain == null ? 0 : plain.length);
    }
  }

  /**
   * How a page's starred variant is made from its plain bytes: its one star form swapped for the
   * starred one. Data, not a function, so that a page memory let go can be written to disk whole
   * ({@link PageSpill}) and its starred variant made again from there.
   */
  public record StarSwap(byte[] plainForm, byte[] starredForm) {
    /** The page with its one plain form replaced by the starred one. */
    public byte[] apply(byte[] page) {
      int at = indexOf(page, plainForm, 0);
      if (at < 0 || indexOf(page, plainForm, at + 1) >= 0)
        throw new IllegalStateException("the star form is not in the page exactly once");
      var swapped = new byte[page.length - plainForm.length + starredForm.length];
      System.arraycopy(page, 0, swapped, 0, at);
      System.arraycopy(starredForm, 0, swapped, at, starredForm.length);
      System.arraycopy(
          page,
          at + plainForm.length,
          swapped,
          at + starredForm.length,
          page.length - at - plainForm.length);
      return swapped;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
      outer:
      for (int i = from; i <= haystack.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
        return i;
      }
      return -1;
    }
  }

  /**
   * A cacheable page. The starred variant (for a reader who starred {@code starredArticleId})
   * is made from the plain one by {@code starSwap} on first demand; null for pages without a
   * star. {@code freshFor} is how long the page may be served before the relative times in it
   * need a new render.
   */
  public static final class Page {
    private final Variant plain;
    private final StarSwap starSwap;
    private volatile Variant starred;
    private final Long starredArticleId;
    private final Set<String> tags;
    private final Duration freshFor;
    private final String contentType;

    public Page(
        Variant plain,
        StarSwap starSwap,
        Long starredArticleId,
        Set<String> tags,
        Duration freshFor) {
      this(plain, starSwap, starredArticleId, tags, freshFor, "text/html; charset=utf-8");
    }

    /** A page of another type than HTML (a feed). */
    public Page(
        Variant plain,
        StarSwap starSwap,
        Long starredArticleId,
        Set<String> tags,
        Duration freshFor,
        String contentType) {
      this.plain = plain;
      this.starSwap = starSwap;
      this.starredArticleId = starredArticleId;
      this.tags = Set.copyOf(tags);
      this.freshFor = freshFor;
      this.contentType = contentType;
      this.surrogateKeys = SurrogateKeys.Values.of(tags);
    }

    private final SurrogateKeys.Values surrogateKeys;

    /** The page's tags as {@link SurrogateKeys} sends them, made once. */
    public SurrogateKeys.Values surrogateKeys() {
      return surrogateKeys;
    }

    public String contentType() {
      return contentType;
    }

    private volatile String route;

    /** The route pattern of the handler that serves the page, for /metrics; null until known. */
    public String route() {
      return route;
    }

    public void route(String pattern) {
      if (route == null) route = pattern;
    }

    private volatile VariantResponse.LastModified lastModified;

    /** When what the page shows last changed, for Last-Modified (feeds); null for none. */
    public VariantResponse.LastModified lastModified() {
      return lastModified;
    }

    public Page lastModified(java.time.Instant when) {
      this.lastModified = when == null ? null : VariantResponse.LastModified.of(when);
      return this;
    }

    public Variant plain() {
      return plain;
    }

    public boolean hasStar() {
      return starSwap != null;
    }

    StarSwap starSwap() {
      return starSwap;
    }

    public Variant starred() {
      var variant = starred;
      if (variant == null && starSwap != null) {
        variant = Variant.of(starSwap.apply(plain.html()));
        variant.compact(6); // made only for a page that is served again and again
        starred = variant;
      }
      return variant;
    }

    /**
     * When it expires (0 until it is kept), and whether it was read back from disk ({@link
     * PageSpill}), where it still is.
     */
    private volatile long expiresAtMillis;

    private volatile boolean onDisk;

    long expiresAtMillis() {
      return expiresAtMillis;
    }

    boolean onDisk() {
      return onDisk;
    }

    /** A page read back from disk: as it was when it was kept. */
    void readBack(long expiresAtMillis) {
      this.expiresAtMillis = expiresAtMillis;
      this.onDisk = true;
    }

    /** Whether it was kept by {@link PageCache#get} (so its expiry is known). */
    boolean spillable() {
      return expiresAtMillis > 0;
    }

    public Long starredArticleId() {
      return starredArticleId;
    }

    public Set<String> tags() {
      return tags;
    }

    public Duration freshFor() {
      return freshFor;
    }

    long weight() {
      var other = starred;
      var swap = starSwap;
      return plain.weight()
          + (other == null ? 0 : other.weight())
          + (swap == null ? 0 : swap.plainForm().length + swap.starredForm().length)
          + 200L * tags.size();
    }
  }

  /**
   * Requests after which a kept page is compressed again, better: a page first takes level 1
   * (a third of level 6's time, ~12 % more bytes), since most pages of a long tail are asked for
   * once or twice before memory lets them go; a page asked for this often is sent many more
   * times, and takes level 6 (the level of nginx's {@code gzip_static} files in bench/run).
   */
  static final int POPULAR = 8;

  private static final int FIRST_LEVEL = 1;
  private static final int KEPT_LEVEL = 6;

  private final boolean enabled;

  private final Cache<String, Page> pages;

  /** The cache's hit and miss counts; {@link #find} counts its hits here itself. */
  private final StatsCounter stats = new ConcurrentStatsCounter();
  /** Bumped by every invalidation: a render that overlapped one must not be stored. */
  private final AtomicLong invalidations = new AtomicLong();
  /**
   * Where popular pages are compressed again: off the request's thread, one at a time. It takes a
   * task, or answers false when its queue is full.
   */
  private final Predicate<Runnable> recompressions;

  private final java.time.Clock clock;
  /** Where pages memory let go are kept; null for none. */
  private final PageSpill spill;

  public PageCache(boolean enabled, long maxBytes) {
    this(enabled, maxBytes, java.time.Clock.systemUTC());
  }

  /** Entries expire by {@code clock}, so that a page's freshness follows the outlet's time. */
  public PageCache(boolean enabled, long maxBytes, java.time.Clock clock) {
    this(enabled, maxBytes, clock, (PageSpill) null);
  }

  /**
   * As above, with the pages memory lets go for want of room kept on disk in {@code spill}
   * (null: none), which this cache closes with itself.
   */
  public PageCache(boolean enabled, long maxBytes, java.time.Clock clock, PageSpill spill) {
    this(enabled, maxBytes, clock, backgroundRecompressions(), spill);
  }

  /** {@code recompressions} runs the better compression of popular pages (tests: by hand). */
  PageCache(
      boolean enabled, long maxBytes, java.time.Clock clock, Predicate<Runnable> recompressions) {
    this(enabled, maxBytes, clock, recompressions, null);
  }

  /**
   * The cache's upkeep (its record of reads, expiries and evictions) runs on the thread whose
   * read or write calls for it: a hit that fills the read buffer sorts it then and there (a few
   * dozen entries). Handed to a pool, as Caffeine does by default, a wake-up and a lock shared
   * with the cached path cost more than the work (~6 % of a cached page's CPU). An eviction only
   * offers the page to the disk's writer, which never blocks.
   */
  PageCache(
      boolean enabled,
      long maxBytes,
      java.time.Clock clock,
      Predicate<Runnable> recompressions,
      PageSpill spill) {
    this.enabled = enabled;
    this.recompressions = recompressions;
    this.clock = clock;
    this.spill = enabled ? spill : null;
    var builder = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Page page) -> (int) Math.min(Integer.MAX_VALUE, page.weight()))
        .expireAfter(Expiry.<String, Page>creating((key, page) -> page.freshFor()))
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(Runnable::run)
        .recordStats(() -> stats);
    if (this.spill != null) {
      // Only what memory let go for room: an expired page is stale, a dropped one changed.
      builder.evictionListener((String key, Page page, RemovalCause cause) -> {
        if (cause == RemovalCause.SIZE && key != null && page != null)
          this.spill.offer(key, page, invalidations.get());
      });
    }
    this.pages = builder.build();
  }

  /**
   * One daemon thread that ends when idle, behind a queue of 256 pages; a page the full queue
   * turns away asks again at its next request. Its compressions take CPU from requests, so there
   * is never more than one at a time, and it works at most a quarter of its time: after a start
   * every popular page asks at once (3,000 article pages, about a second of CPU), and unpaced
   * that burst cut the cached pages' rate by a quarter for ten seconds.
   */
  private static Predicate<Runnable> backgroundRecompressions() {
    var queue = new ArrayBlockingQueue<Runnable>(256);
    var executor = new ThreadPoolExecutor(
        1,
        1,
        10,
        TimeUnit.SECONDS,
        queue,
        Thread.ofPlatform().name("page-recompress").daemon().factory(),
        new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    return task -> {
      // Looked at first: while the queue is full, most requests of popular pages would throw.
      if (queue.remainingCapacity() == 0) return false;
      try {
        executor.execute(() -> {
          long start = System.nanoTime();
          task.run();
          LockSupport.parkNanos(3 * (System.nanoTime() - start));
        });
        return true;
      } catch (RejectedExecutionException filledMeanwhile) {
        return false;
      }
    };
  }

  /**
   * The cached page under this key (in memory, else on disk), or a new render of it, stored
   * unless it raced a change.
   */
  public Page get(String key, Supplier<Page> render) {
    if (!enabled) return render.get();
    var cached = pages.getIfPresent(key);
    if (cached != null) return asked(key, cached);
    var spilled = spilled(key);
    if (spilled != null) return spilled;
    return render(key, render);
  }

  /** A new render of the page, stored unless it raced a change; the one on disk is forgotten. */
  Page render(String key, Supplier<Page> render) {
    if (!enabled) return render.get();
    long before = invalidations.get();
    var page = render.get();
    if (invalidations.get() == before) {
      page.plain().compact(FIRST_LEVEL);
      page.expiresAtMillis = clock.millis() + page.freshFor().toMillis();
      // Before the put, which may let the page go to disk at once (memory keeps what is asked for
      // most): forgotten after, the page just written was the one forgotten.
      if (spill != null) spill.forget(key);
      pages.put(key, page);
      // An invalidation between the check and the put would leave a stale page: look again.
      if (invalidations.get() != before) pages.asMap().remove(key, page);
    }
    return page;
  }

  /**
   * The cached page under this key, or null. Only a hit counts in /metrics: a request that
   * misses here goes on to {@link #get}, which counts it, so a miss counted here too made
   * /metrics show twice the misses there were (a long-tail hit rate of 0.40 for 0.6). The map
   * view's get is the cache's own lookup (expiry, eviction's record of the read) without the
   * counting; it is one lookup where a quiet look then a counted one were two (~3 % of a cached
   * answer's CPU). Memory only: this runs on Jetty's selector threads, which must not wait on a
   * disk ({@link #kept} looks there too).
   */
  public Page find(String key) {
    if (!enabled) return null;
    var page = pages.asMap().get(key);
    if (page == null) return null;
    stats.recordHits(1);
    return asked(key, page);
  }

  /** As {@link #find}, and on disk when memory has no page under the key. */
  public Page kept(String key) {
    var page = find(key);
    return page != null ? page : spilled(key);
  }

  /**
   * The page kept on disk under this key, counted as a hit; null for none. It goes back into
   * memory, whose policy decides whether it stays there (where a request finds it before
   * Javalin's pipeline) or goes (it is still on disk, and not written again).
   */
  private Page spilled(String key) {
    if (spill == null) return null;
    long since = invalidations.get(); // every invalidation numbered below is over: see invalidate
    var page = spill.find(key);
    if (page == null) return null;
    stats.recordHits(1);
    pages.put(key, page);
    // A change that dropped it while it was read back may have looked at memory before the put.
    if (spill.droppedSince(page, since)) pages.asMap().remove(key, page);
    return page;
  }

  /** Counts a request for a kept page; from the {@link #POPULAR}th, it is compressed better. */
  private Page asked(String key, Page page) {
    var plain = page.plain();
    if (!plain.wantsBetter(KEPT_LEVEL)) return page;
    boolean taken = recompressions.test(() -> {
      plain.recompress(KEPT_LEVEL);
      // Put again, to be weighed again; unless a change dropped or replaced it meanwhile.
      pages.asMap().replace(key, page, page);
    });
    if (!taken) plain.turnedAway();
    return page;
  }

  /**
   * Drops every cached page that shows something carrying one of these tags. One at a time, so
   * that every invalidation numbered below the count just read is over: a page on its way
   * between memory and disk is checked only against the ones from that count on.
   */
  public synchronized void invalidate(Set<String> tags) {
    long seq = invalidations.incrementAndGet();
    // Remembered before memory is looked at: the pages on disk, and a page on its way between
    // memory and disk, are checked against it when they are read back.
    if (spill != null) spill.remember(seq, tags);
    pages.asMap().entrySet().removeIf(e -> e.getValue().tags().stream().anyMatch(tags::contains));
  }

  /** Runs the cache's pending upkeep (evictions) now (tests). */
  void cleanUp() {
    pages.cleanUp();
  }

  /** Stops writing pages to disk and deletes what is there. */
  @Override
  public void close() {
    if (spill != null) spill.close();
  }

  /** Hits, misses, size and weight, for /metrics. */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics.monitor(
        registry, pages, "pages");
    io.micrometer.core.instrument.Gauge.builder(
            "masthead.page.cache.bytes",
            pages,
            c -> c.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L))
        .description("bytes the cached pages take")
        .register(registry);
    if (spill == null) return;
    io.micrometer.core.instrument.Gauge.builder("masthead.page.spill.pages", spill, PageSpill::size)
        .description("pages kept on disk, let go by memory")
        .register(registry);
    io.micrometer.core.instrument.Gauge.builder(
            "masthead.page.spill.bytes", spill, PageSpill::bytes)
        .description("bytes of the page files on disk")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "masthead.page.spill.hits", spill, PageSpill::hits)
        .description("requests answered by a page read back from disk (also in cache_gets hit)")
        .register(registry);
  }

  /**
   * The level of a gzip made as it is sent (the cache off, a render not kept): 1, nginx's
   * default, since it is made again for every request.
   */
  public int compressionLevel() {
    return FIRST_LEVEL;
  }

  /**
   * A weak ETag from two checksums and the length: it only has to tell versions of one page
   * apart, so no cryptographic hash is needed, and CRC32C runs on the CPU's own instruction.
   */
  static String etag(byte[] bytes) {
    var crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    var adler = new java.util.zip.Adler32();
    adler.update(bytes);
    return "W/\"" + Long.toHexString(crc.getValue()) + Long.toHexString(adler.getValue())
        + Integer.toHexString(bytes.length) + "\"";
  }
}
