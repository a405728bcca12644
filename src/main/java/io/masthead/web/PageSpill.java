package io.masthead.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
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
 * recently. An index in memory ({@link SpillIndex}) maps the hash of each page's key to where its
 * record is, its expiry and the invalidation count it was let go under (about 50 bytes of heap a
 * page, and never more pages than a sixteenth of the heap holds); the record on disk has the rest.
 * A change does not look for its pages on disk: a page read back is checked against the
 * invalidations remembered since it left memory, by its tags in the record, and one older than
 * those is rendered again.
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
   * Invalidations remembered, to tell whether a page on its way between memory and disk (which
   * takes milliseconds) was dropped by a change meanwhile, which looked for it in neither.
   */
  static final int REMEMBERED_INVALIDATIONS = 4096;

  /**
   * A 64-bit FNV-1a hash of a key or a tag. Two tags that share one drop each other's pages
   * (harmless); two keys that share one are told apart by the key kept in the record.
   */
  static long hash(String text) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  private static long[] hashes(java.util.Collection<String> tags) {
    var hashes = new long[tags.size()];
    int i = 0;
    for (var tag : tags) hashes[i++] = hash(tag);
    return hashes;
  }

  /**
   * A page as it is written: its key, ETag, type, route, tags, Last-Modified, starred article,
   * gzip level, then its gzip and both star forms:
   * everything a {@link PageCache.Page} needs.
   */
  static final class Record {
    private static final long NONE = Long.MIN_VALUE;

    private Record() {}

    static byte[] of(String key, PageCache.Page page) {
      var plain = page.plain();
      var gzip = plain.keptGzip();
      var swap = page.starSwap();
      var texts = new ArrayList<byte[]>();
      texts.add(utf8(key));
      texts.add(utf8(plain.etag()));
      texts.add(utf8(page.contentType()));
      texts.add(utf8(page.route() == null ? "" : page.route()));
      for (var tag : page.tags()) texts.add(utf8(tag));
      var parts = swap == null
          ? new byte[][] {gzip}
          : new byte[][] {gzip, swap.plainForm(), swap.starredForm()};
      int length = 4 + 8 + 8 + 4 + 4;
      for (var text : texts) length += 4 + text.length;
      for (var part : parts) length += 4 + part.length;
      var buffer = ByteBuffer.allocate(length);
      buffer.putInt(texts.size());
      for (var text : texts) buffer.putInt(text.length).put(text);
      var lastModified = page.lastModified();
      buffer.putLong(lastModified == null ? NONE : lastModified.at().getEpochSecond());
      buffer.putLong(page.starredArticleId() == null ? NONE : page.starredArticleId());
      buffer.putInt(plain.level());
      buffer.putInt(parts.length);
      for (var part : parts) buffer.putInt(part.length).put(part);
      return buffer.array();
    }

    /** The page, or null when the record is another key's (their hashes are the same). */
    static PageCache.Page read(byte[] stored, String key, long expiresAtMillis, long now) {
      var buffer = ByteBuffer.wrap(stored);
      int count = length(buffer, 4);
      if (count < 4) throw new IllegalStateException("damaged page record");
      var texts = new String[count];
      for (int i = 0; i < count; i++) {
        var text = new byte[length(buffer, 1)];
        buffer.get(text);
        texts[i] = new String(text, StandardCharsets.UTF_8);
        if (i == 0 && !texts[0].equals(key)) return null;
      }
      long lastModified = buffer.getLong();
      long starred = buffer.getLong();
      int level = buffer.getInt();
      var parts = new byte[length(buffer, 4)][];
      if (parts.length != 1 && parts.length != 3)
        throw new IllegalStateException("damaged page record");
      for (int i = 0; i < parts.length; i++) {
        parts[i] = new byte[length(buffer, 1)];
        buffer.get(parts[i]);
      }
      var page = new PageCache.Page(
          PageCache.Variant.kept(texts[1], parts[0], level),
          parts.length == 3 ? new PageCache.StarSwap(parts[1], parts[2]) : null,
          starred == NONE ? null : starred,
          Set.of(Arrays.copyOfRange(texts, 4, count)),
          Duration.ofMillis(expiresAtMillis - now),
          texts[2]);
      page.readBack(expiresAtMillis);
      if (!texts[3].isEmpty()) page.route(texts[3]);
      if (lastModified != NONE) page.lastModified(Instant.ofEpochSecond(lastModified));
      return page;
    }

    private static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A count of items of {@code size} bytes that the rest of the record can hold. */
    private static int length(ByteBuffer buffer, int size) {
      int length = buffer.getInt();
      if (length < 0 || length > buffer.remaining() / size)
        throw new IllegalStateException("damaged page record");
      return length;
    }
  }

  private final Path directory;
  private final long segmentBytes;
  private final Clock clock;
  private final SpillIndex index;
  /** Pages the index may hold: its heap is bounded however large the disk budget. */
  private final int maxPages;

  private final ConcurrentHashMap<Integer, FileChannel> segments = new ConcurrentHashMap<>();
  /** A remembered invalidation: its number and its tags' hashes. */
  private record Remembered(long seq, long[] tags) {}

  /**
   * The remembered invalidations, oldest first: only to forget them from {@link #droppedAt}
   * ({@link #remember} is called one at a time).
   */
  private final ArrayDeque<Remembered> invalidations = new ArrayDeque<>();
  /** The hash of each tag a remembered invalidation carried: the newest one's number. */
  private final ConcurrentHashMap<Long, Long> droppedAt = new ConcurrentHashMap<>();

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final Executor writes;
  private volatile boolean closed;
  /** The newest invalidation no longer remembered; -1 for none. */
  private volatile long forgotten = -1;

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
    // A sixteenth of the heap for the index, beside the quarter memory's pages take.
    this(
        directory,
        budgetBytes,
        clock,
        writes,
        Math.max(1_000, SpillIndex.pagesIn(Runtime.getRuntime().maxMemory() / 16)));
  }

  /** {@code maxPages}: the most pages the index holds (tests: a few). */
  PageSpill(Path directory, long budgetBytes, Clock clock, Executor writes, int maxPages) {
    if (budgetBytes < SEGMENTS) throw new IllegalArgumentException("budget too small");
    this.directory = directory;
    this.segmentBytes = Math.min(budgetBytes / SEGMENTS, Integer.MAX_VALUE);
    this.clock = clock;
    this.writes = writes;
    this.maxPages = maxPages;
    this.index = new SpillIndex(maxPages);
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
   * Queues a page memory let go, to be written unless a change drops it first; {@code since} is
   * the invalidation count when memory let it go (the ones before were over, and found it there).
   * Never blocks: a full queue drops the page.
   */
  void offer(String key, PageCache.Page page, long since) {
    if (closed || !page.spillable()) return;
    if (page.onDisk() && index.contains(hash(key))) return; // read back, still there
    try {
      writes.execute(() -> {
        try {
          write(key, page, since);
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
   * Remembers an invalidation ({@code seq}: its number), before memory and disk are looked at:
   * called for every invalidation, in order.
   */
  void remember(long seq, Set<String> tags) {
    var hashes = hashes(tags);
    invalidations.addLast(new Remembered(seq, hashes));
    for (long tag : hashes) droppedAt.merge(tag, seq, Math::max);
    if (seq > REMEMBERED_INVALIDATIONS) {
      // Said forgotten before it is: a page checked meanwhile is rendered again, never kept.
      forgotten = seq - REMEMBERED_INVALIDATIONS;
      while (!invalidations.isEmpty() && invalidations.peekFirst().seq() <= forgotten) {
        var old = invalidations.removeFirst();
        for (long tag : old.tags()) droppedAt.remove(tag, old.seq());
      }
    }
  }

  /**
   * Whether an invalidation numbered {@code since} or later dropped the page, or may have: one
   * remembered that carries one of its tags, or any too old to be remembered.
   */
  boolean droppedSince(PageCache.Page page, long since) {
    for (var tag : page.tags()) {
      var at = droppedAt.get(hash(tag));
      if (at != null && at >= since) return true;
    }
    // Looked at after the tags: an invalidation forgotten meanwhile was first said forgotten.
    return since <= forgotten;
  }

  /** Forgets the page under this key (memory has a newer one). */
  void forget(String key) {
    index.remove(hash(key));
  }

  /**
   * The page under this key, read back from disk; null when there is none, it expired or its
   * segment is gone.
   */
  PageCache.Page find(String key) {
    long hash = hash(key);
    var entry = index.get(hash);
    if (entry == null) return null;
    long now = clock.millis();
    if (now >= entry.expiresAtMillis()) {
      index.remove(hash, entry);
      return null;
    }
    var stored = read(entry);
    if (stored == null) {
      index.remove(hash, entry);
      return null;
    }
    PageCache.Page page;
    try {
      page = Record.read(stored, key, entry.expiresAtMillis(), now);
    } catch (RuntimeException damaged) { // a file changed under us: the page is rendered again
      log.debug("page cache: unreadable record for {}: {}", key, damaged.toString());
      index.remove(hash, entry);
      return null;
    }
    if (page == null) return null;
    // A change since memory let it go did not look here: its tags (in the record) are checked now.
    if (droppedSince(page, entry.since())) {
      index.remove(hash, entry);
      return null;
    }
    hits.incrementAndGet();
    return page;
  }

  private byte[] read(SpillIndex.Slot entry) {
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

  private synchronized void write(String key, PageCache.Page page, long since) throws IOException {
    if (closed) return;
    if (page.plain().keptGzip() == null) return;
    long expires = page.expiresAtMillis();
    if (clock.millis() >= expires) return;
    var record = Record.of(key, page);
    int length = record.length;
    if (length > segmentBytes) return;
    var channel = segmentFor(length);
    if (index.size() >= maxPages) keepToMaxPages();
    int offset = (int) position;
    // At its own position: a write that fails halfway leaves the next one to write over it.
    long at = offset;
    var buffer = ByteBuffer.wrap(record);
    while (buffer.hasRemaining()) at += channel.write(buffer, at);
    position += length;
    bytes.addAndGet(length);
    // A change that dropped the page after memory let it go is found when it is read back.
    index.put(hash(key), new SpillIndex.Slot(current, offset, length, expires, since));
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

  /** Drops the oldest segments while the index holds more pages than it may (not the current). */
  private void keepToMaxPages() throws IOException {
    int oldest = current - SEGMENTS + 1;
    while (index.size() >= maxPages && oldest < current) {
      if (segments.containsKey(oldest)) drop(oldest);
      oldest++;
    }
  }

  private void drop(int segment) throws IOException {
    index.removeSegment(segment);
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
