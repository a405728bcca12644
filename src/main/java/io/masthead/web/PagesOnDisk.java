package io.masthead.web;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The page cache's second tier, on disk. Every page the cache keeps is also written to a folder,
 * and a page that memory had to let go is read back from there instead of being rendered again:
 * the long tail of a news site (old articles, each asked for now and then) is far larger than
 * the memory a small server gives its page cache, and the kernel's own file cache holds these
 * files without counting against the server's memory.
 *
 * <p>Volatile, like the memory tier: the folder is emptied when the server starts and whenever
 * it grows past its bound, and a page is never read back once a change touched one of its tags
 * after its render began. It keeps no index in memory: a page's file is named by a hash of its
 * key (the key itself is checked in the file), and what changes touched is one number per tag.
 * Pages only: a reader's starred variant is rendered again when asked for. Thread-safe.
 */
public final class PagesOnDisk {
  private static final Logger log = LoggerFactory.getLogger(PagesOnDisk.class);
  private static final int FORMAT = 0x4d485031; // "MHP1"
  /** Past this many tags touched since the folder was emptied, it is emptied again. */
  private static final int MAX_TOUCHED_TAGS = 200_000;

  private final Path folder;
  private final long maxBytes;
  private final AtomicLong bytesWritten = new AtomicLong();
  /** For each tag a change touched: the cache's invalidation count right after it. */
  private final ConcurrentHashMap<String, Long> touchedAt = new ConcurrentHashMap<>();
  /** Bumped when the folder is emptied: a write begun before must not land in the new one. */
  private final AtomicLong emptied = new AtomicLong();
  /** Held by a write's last step (read) and by emptying (write), so neither sees half the other. */
  private final java.util.concurrent.locks.ReadWriteLock emptying =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  /** Pages under {@code folder}, emptied now; at most about {@code maxBytes} of them. */
  public PagesOnDisk(Path folder, long maxBytes) {
    this.folder = folder;
    this.maxBytes = maxBytes;
    // Left behind by a server that stopped while it was deleting them.
    try (var old = Files.list(folder.getParent())) {
      old.filter(p -> p.getFileName().toString().startsWith(folder.getFileName() + ".old-"))
          .forEach(PagesOnDisk::deleteInBackground);
    } catch (IOException e) {
      // No parent folder yet: nothing was left behind.
    }
    empty();
  }

  /**
   * Keeps a page. {@code renderBegan}: the cache's invalidation count read before the page's
   * render began; {@code expires}: when the page is no longer fresh enough to serve.
   */
  void store(String key, PageCache.Page page, long renderBegan, Instant expires) {
    long generation = emptied.get();
    try {
      var bytes = new ByteArrayOutputStream(page.plain().gzip(6).length + 512);
      var out = new DataOutputStream(bytes);
      out.writeInt(FORMAT);
      out.writeUTF(key);
      out.writeLong(renderBegan);
      out.writeLong(expires.toEpochMilli());
      out.writeUTF(page.plain().etag());
      out.writeUTF(page.contentType());
      var lastModified = page.lastModified();
      out.writeLong(lastModified == null ? Long.MIN_VALUE : lastModified.at().getEpochSecond());
      out.writeBoolean(page.hasStar());
      out.writeLong(page.starredArticleId() == null ? Long.MIN_VALUE : page.starredArticleId());
      out.writeInt(page.tags().size());
      for (var tag : page.tags()) out.writeUTF(tag);
      var gzip = page.plain().gzip(6);
      out.writeInt(gzip.length);
      out.write(gzip);
      out.flush();
      var file = fileOf(key);
      // Named by the writing thread: no two threads write the same temporary file.
      var temporary = file.resolveSibling(
          file.getFileName() + "." + Thread.currentThread().threadId() + ".tmp");
      Files.write(temporary, bytes.toByteArray());
      emptying.readLock().lock();
      try {
        if (emptied.get() != generation) {
          Files.deleteIfExists(temporary); // the folder was emptied meanwhile: not into the new one
          return;
        }
        Files.move(
            temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        emptying.readLock().unlock();
      }
      if (bytesWritten.addAndGet(bytes.size()) > maxBytes) empty();
    } catch (IOException | RuntimeException e) {
      // A cache: a page not kept here is rendered again when asked for.
      log.debug("page {} not kept on disk: {}", key, e.toString());
    }
  }

  /**
   * The page kept under this key, if it is still good at {@code now}; null otherwise. A reader's
   * starred variant of it comes from {@code render} when asked for.
   */
  PageCache.Page find(String key, Instant now, Supplier<PageCache.Page> render) {
    var file = fileOf(key);
    byte[] bytes;
    try {
      // Most looks in a long tail find nothing: asked first, as an exception costs more.
      if (!Files.exists(file)) return miss();
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      return miss(); // gone meanwhile, or unreadable: rendered again
    }
    try (var in = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
      if (in.readInt() != FORMAT || !in.readUTF().equals(key)) return miss();
      long renderBegan = in.readLong();
      var expires = Instant.ofEpochMilli(in.readLong());
      if (!now.isBefore(expires)) return miss();
      var etag = in.readUTF();
      var contentType = in.readUTF();
      long lastModified = in.readLong();
      boolean hasStar = in.readBoolean();
      long starredArticleId = in.readLong();
      int tagCount = in.readInt();
      var tags = new HashSet<String>(tagCount * 2);
      for (int i = 0; i < tagCount; i++) {
        var tag = in.readUTF();
        var touched = touchedAt.get(tag);
        if (touched != null && touched > renderBegan) return miss();
        tags.add(tag);
      }
      var gzip = in.readNBytes(in.readInt());
      var page = new PageCache.Page(
          PageCache.Variant.stored(etag, gzip),
          hasStar ? () -> render.get().starred() : null,
          starredArticleId == Long.MIN_VALUE ? null : starredArticleId,
          tags,
          Duration.between(now, expires),
          contentType);
      if (lastModified != Long.MIN_VALUE) page.lastModified(Instant.ofEpochSecond(lastModified));
      hits.incrementAndGet();
      return page;
    } catch (IOException | RuntimeException e) {
      log.debug("page {} on disk unreadable: {}", key, e.toString());
      return miss();
    }
  }

  private PageCache.Page miss() {
    misses.incrementAndGet();
    return null;
  }

  /** A change touched these tags; {@code invalidation}: the cache's invalidation count after it. */
  void touched(Set<String> tags, long invalidation) {
    for (var tag : tags) touchedAt.merge(tag, invalidation, Math::max);
    if (touchedAt.size() > MAX_TOUCHED_TAGS) empty();
  }

  /** Pages read back from disk, and looks that found none (or none still good). */
  long hits() {
    return hits.get();
  }

  long misses() {
    return misses.get();
  }

  /**
   * Empties the folder: moves it aside at once and deletes it in the background (a million
   * pages take a while to delete, and the server need not wait for that).
   */
  private void empty() {
    emptying.writeLock().lock();
    try {
      emptied.incrementAndGet();
      bytesWritten.set(0);
      if (Files.exists(folder)) {
        var aside = folder.resolveSibling(folder.getFileName() + ".old-" + System.nanoTime());
        Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
        deleteInBackground(aside);
      }
      for (int i = 0; i < 256; i++)
        Files.createDirectories(folder.resolve(String.format("%02x", i)));
      // Only now: a tag touched before no longer matters, none of its pages is left.
      touchedAt.clear();
    } catch (IOException e) {
      log.warn("pages kept on disk could not be emptied: {}", e.toString());
    } finally {
      emptying.writeLock().unlock();
    }
  }

  private static void deleteInBackground(Path tree) {
    Thread.ofPlatform().name("pages-on-disk-cleaner").daemon(true).start(() -> delete(tree));
  }

  private static void delete(Path tree) {
    try (var files = Files.walk(tree)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      log.debug("{} not deleted: {}", tree, e.toString());
    }
  }

  /** A file per key, spread over 256 folders: 64 bits of hash; the key is checked in the file. */
  private Path fileOf(String key) {
    var utf8 = key.getBytes(StandardCharsets.UTF_8);
    var crc = new java.util.zip.CRC32C();
    crc.update(utf8);
    long hash = (crc.getValue() << 32) | (key.hashCode() & 0xffffffffL);
    var name = String.format("%016x", hash);
    return folder.resolve(name.substring(0, 2)).resolve(name.substring(2));
  }
}
