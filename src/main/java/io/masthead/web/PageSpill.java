package io.masthead.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page cache's second tier: pages that memory let go for want of room, kept on the local disk
 * until they expire or a change drops them, as nginx's {@code proxy_cache} keeps its pages in
 * files. A news site's long tail (old articles that search engines and shared links bring back
 * one reader at a time) is many times larger than the memory a server gives its page cache; a
 * page read back from disk costs a file read instead of a render (~40 µs against ~500 µs of CPU),
 * and the operating system's file cache, not the heap, holds the pages read often.
 *
 * <p>Pages are appended to segment files under one directory, emptied at the first write: a page
 * kept while the server was down may show what has changed since. When the segments pass their
 * budget the oldest is deleted with every page in it, so the disk holds the pages spilled most
 * recently. An index in memory maps each page's key to where its bytes are, with what the page's
 * answer needs besides them (ETag, tags, type, expiry): about 300 bytes a page.
 *
 * <p>Writes happen on one background thread ({@link #offer} only queues, behind at most 1,024
 * pages), reads on the caller's thread; a page the full queue turns away is rendered again when
 * next asked for. Thread-safe.
 */
public final class PageSpill implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PageSpill.class);

  /** Segments the budget is cut into: dropping the oldest frees an eighth of the disk. */
  static final int SEGMENTS = 8;

  /**
   * Invalidations remembered, to tell whether a page written to disk was dropped by a change
   * while it waited in the queue. A page made before the oldest of them is not written (a
   * newsroom publishing every second fills this in over an hour; a page is fresh for 30 minutes
   * at most).
   */
  static final int REMEMBERED_INVALIDATIONS = 4096;

  /** Where a page's bytes are, and what its answer needs besides them. */
  private record Entry(
      int segment,
      long offset,
      int gzipLength,
      int plainFormLength,
      int starredFormLength,
      int level,
      String etag,
      String[] tags,
      String contentType,
      Long starredArticleId,
      String route,
      VariantResponse.LastModified lastModified,
      long expiresAtMillis) {

    int length() {
      return gzipLength + plainFormLength + starredFormLength;
    }

    boolean carriesAny(Set<String> dropped) {
      for (var tag : tags) if (dropped.contains(tag)) return true;
      return false;
    }
  }

  private final Path directory;
  private final long segmentBytes;
  private final Clock clock;
  private final ConcurrentHashMap<String, Entry> index = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, FileChannel> segments = new ConcurrentHashMap<>();
  private final ConcurrentNavigableMap<Long, Set<String>> invalidations =
      new ConcurrentSkipListMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Executor writes;
  private volatile boolean closed;

  // Guarded by this (written by one thread but for tests): the segment appended to and where.
  private int current = -1;
  private long position;

  /**
   * A spill of at most {@code budgetBytes} under {@code directory}, created and emptied of
   * earlier spill files on the first write (a command that never writes leaves it alone).
   */
  public PageSpill(Path directory, long budgetBytes, Clock clock) {
    this(directory, budgetBytes, clock, backgroundWrites());
  }

  /** {@code writes} runs each page's write (tests: on the calling thread). */
  PageSpill(Path directory, long budgetBytes, Clock clock, Executor writes) {
    if (budgetBytes < SEGMENTS) throw new IllegalArgumentException("budget too small");
    this.directory = directory;
    this.segmentBytes = budgetBytes / SEGMENTS;
    this.clock = clock;
    this.writes = writes;
  }

  /** One daemon thread that ends when idle, behind a queue of 1,024 pages. */
  private static ExecutorService backgroundWrites() {
    var executor = new ThreadPoolExecutor(
        1,
        1,
        10,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1024),
        Thread.ofPlatform().name("page-spill").daemon().factory(),
        new ThreadPoolExecutor.AbortPolicy());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  private static void deleteSegmentFiles(Path directory) {
    if (!Files.isDirectory(directory)) return;
    try (var files = Files.newDirectoryStream(directory, "*.spill")) {
      for (var file : files) Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty the page spill " + directory, e);
    }
  }

  /**
   * Queues a page memory let go, to be written unless a change drops it first; {@code seq} is
   * the invalidation count when its render began ({@link PageCache}). Never blocks: a full
   * queue drops the page.
   */
  void offer(String key, PageCache.Page page) {
    if (closed || !page.spillable()) return;
    try {
      writes.execute(() -> {
        try {
          write(key, page);
        } catch (IOException | RuntimeException e) {
          // A full or read-only disk fails every write: said once, then quietly rendered again.
          if (failures.getAndIncrement() == 0)
            log.warn("page cache: cannot keep pages on disk in {}: {}", directory, e.toString());
          else log.debug("page cache: cannot keep {} on disk: {}", key, e.toString());
        }
      });
    } catch (RejectedExecutionException full) {
      // rendered again when next asked for
    }
  }

  /**
   * Records an invalidation ({@code seq}: its number) and drops every page on disk that carries
   * one of its tags. Called for every invalidation, in order, before the pages are looked at.
   */
  void invalidated(long seq, Set<String> tags) {
    invalidations.put(seq, Set.copyOf(tags));
    invalidations.headMap(seq - REMEMBERED_INVALIDATIONS, true).clear();
    index.entrySet().removeIf(e -> e.getValue().carriesAny(tags));
  }

  /** Forgets the page under this key (memory has a newer one). */
  void forget(String key) {
    index.remove(key);
  }

  /**
   * The page under this key, read back from disk; null when there is none, it expired or its
   * segment is gone.
   */
  PageCache.Page find(String key) {
    var entry = index.get(key);
    if (entry == null) return null;
    if (clock.millis() >= entry.expiresAtMillis()) {
      index.remove(key, entry);
      return null;
    }
    var stored = read(entry);
    if (stored == null) {
      index.remove(key, entry);
      return null;
    }
    hits.incrementAndGet();
    var variant = PageCache.Variant.kept(
        entry.etag(), Arrays.copyOfRange(stored, 0, entry.gzipLength()), entry.level());
    PageCache.StarSwap swap = null;
    if (entry.plainFormLength() > 0) {
      int at = entry.gzipLength();
      swap = new PageCache.StarSwap(
          Arrays.copyOfRange(stored, at, at + entry.plainFormLength()),
          Arrays.copyOfRange(stored, at + entry.plainFormLength(), stored.length));
    }
    var page = new PageCache.Page(
        variant,
        swap,
        entry.starredArticleId(),
        Set.of(entry.tags()),
        Duration.ofMillis(entry.expiresAtMillis() - clock.millis()),
        entry.contentType());
    page.route(entry.route());
    page.lastModified(entry.lastModified());
    return page;
  }

  private byte[] read(Entry entry) {
    var channel = segments.get(entry.segment());
    if (channel == null) return null;
    var stored = new byte[entry.length()];
    var buffer = ByteBuffer.wrap(stored);
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, entry.offset() + buffer.position()) < 0) return null;
      }
      return stored;
    } catch (IOException e) {
      // A segment dropped meanwhile, or a reader interrupted (which closes the channel for all):
      // the page is rendered again; a closed channel of a live segment is opened again.
      if (!channel.isOpen() && !closed) reopen(entry.segment(), channel);
      return null;
    }
  }

  private void reopen(int segment, FileChannel closedChannel) {
    segments.computeIfPresent(segment, (n, channel) -> {
      if (channel != closedChannel) return channel;
      try {
        return FileChannel.open(file(n), StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (IOException e) {
        return channel;
      }
    });
  }

  /** Pages on disk. */
  public int size() {
    return index.size();
  }

  /** Bytes of the live segments. */
  public long bytes() {
    return bytes.get();
  }

  /** Pages read back from disk since the start. */
  public long hits() {
    return hits.get();
  }

  private synchronized void write(String key, PageCache.Page page) throws IOException {
    if (closed) return;
    long born = page.born();
    var oldest = invalidations.isEmpty() ? null : invalidations.firstKey();
    // Invalidations before the oldest remembered may have dropped it: not known, not written.
    if (oldest != null && born < oldest - 1) return;
    var plain = page.plain();
    var gzip = plain.keptGzip();
    if (gzip == null) return;
    var swap = page.starSwap();
    var plainForm = swap == null ? new byte[0] : swap.plainForm();
    var starredForm = swap == null ? new byte[0] : swap.starredForm();
    long expires = page.madeAtMillis() + page.freshFor().toMillis();
    if (clock.millis() >= expires) return;
    int length = gzip.length + plainForm.length + starredForm.length;
    if (length > segmentBytes) return;
    var channel = segmentFor(length);
    long offset = position;
    // At explicit positions: a write that fails halfway leaves the next one to write over it.
    long at = offset;
    for (var part : new byte[][] {gzip, plainForm, starredForm}) {
      var buffer = ByteBuffer.wrap(part);
      while (buffer.hasRemaining()) at += channel.write(buffer, at);
    }
    position += length;
    bytes.addAndGet(length);
    var entry = new Entry(
        current,
        offset,
        gzip.length,
        plainForm.length,
        starredForm.length,
        plain.level(),
        plain.etag(),
        page.tags().toArray(String[]::new),
        page.contentType(),
        page.starredArticleId(),
        page.route(),
        page.lastModified(),
        expires);
    index.put(key, entry);
    // A change that dropped the page after memory let it go found nothing here to drop; it is
    // in the remembered invalidations, put there before the index was looked at.
    for (var dropped : invalidations.tailMap(born, false).values()) {
      if (entry.carriesAny(dropped)) {
        index.remove(key, entry);
        return;
      }
    }
  }

  /** The channel to append {@code length} bytes to, starting a segment when this one is full. */
  private FileChannel segmentFor(int length) throws IOException {
    var channel = current < 0 ? null : segments.get(current);
    if (channel != null && position + length <= segmentBytes) return channel;
    if (current < 0) deleteSegmentFiles(directory);
    Files.createDirectories(directory);
    int next = current + 1;
    channel = FileChannel.open(
        file(next),
        StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    segments.put(next, channel);
    current = next;
    position = 0;
    int dropped = next - SEGMENTS;
    if (dropped >= 0) drop(dropped);
    return channel;
  }

  private void drop(int segment) throws IOException {
    index.values().removeIf(e -> e.segment() == segment);
    var channel = segments.remove(segment);
    if (channel != null) {
      bytes.addAndGet(-channel.size());
      channel.close();
    }
    Files.deleteIfExists(file(segment));
  }

  private Path file(int segment) {
    return directory.resolve("pages-" + segment + ".spill");
  }

  /** Stops the writer and deletes the segment files: what they hold is not kept across starts. */
  @Override
  public void close() {
    closed = true;
    if (writes instanceof ExecutorService executor) executor.shutdownNow();
    synchronized (this) { // a write under way ends first
      index.clear();
      for (var channel : segments.values()) {
        try {
          channel.close();
        } catch (IOException e) {
          log.debug("page spill: closing a segment: {}", e.toString());
        }
      }
      segments.clear();
      deleteSegmentFiles(directory);
    }
  }
}
