package io.masthead.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Rendered pages for anonymous readers, kept in memory already compressed, with their ETags.
 * An entry carries the tags of everything it shows ({@code article:42}, {@code section:7});
 * {@link #invalidate} drops every entry that carries a tag, which the change log calls after
 * each commit. A page with a favorites star holds a second, starred variant, so that the
 * reader's state never needs a render. Thread-safe.
 */
public final class PageCache {

  /** One encoding-ready representation: the bytes, their gzip and a weak ETag. */
  public record Variant(byte[] html, byte[] gzip, String etag) {
    public static Variant of(byte[] html) {
      return new Variant(html, PageCache.gzip(html), PageCache.etag(html));
    }
  }

  /**
   * A cacheable page. {@code starred} is null for pages without a star; {@code freshFor} is
   * how long it may be served before the relative times in it need a new render.
   */
  public record Page(Variant plain, Variant starred, Long starredArticleId, Set<String> tags, Duration freshFor) {
    public Page {
      tags = Set.copyOf(tags);
    }

    long weight() {
      long bytes = plain.html.length + plain.gzip.length;
      if (starred != null) bytes += starred.html.length + starred.gzip.length;
      return bytes + 200L * tags.size();
    }
  }

  private final boolean enabled;
  private final Cache<String, Page> pages;
  /** Bumped by every invalidation: a render that overlapped one must not be stored. */
  private final AtomicLong invalidations = new AtomicLong();

  public PageCache(boolean enabled, long maxBytes) {
    this.enabled = enabled;
    this.pages = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Page page) -> (int) Math.min(Integer.MAX_VALUE, page.weight()))
        .expireAfter(Expiry.<String, Page>creating((key, page) -> page.freshFor()))
        .build();
  }

  /** The cached page under this key, or a new render of it, stored unless it raced a change. */
  public Page get(String key, Supplier<Page> render) {
    if (!enabled) return render.get();
    var cached = pages.getIfPresent(key);
    if (cached != null) return cached;
    long before = invalidations.get();
    var page = render.get();
    if (invalidations.get() == before) {
      pages.put(key, page);
      // An invalidation between the check and the put would leave a stale page: look again.
      if (invalidations.get() != before) pages.asMap().remove(key, page);
    }
    return page;
  }

  /** The cached page under this key, or null. */
  public Page find(String key) {
    return enabled ? pages.getIfPresent(key) : null;
  }

  /** Drops every cached page that shows something carrying one of these tags. */
  public void invalidate(Set<String> tags) {
    invalidations.incrementAndGet();
    pages.asMap().entrySet().removeIf(e -> e.getValue().tags().stream().anyMatch(tags::contains));
  }

  public void clear() {
    invalidations.incrementAndGet();
    pages.invalidateAll();
  }

  public long size() {
    return pages.estimatedSize();
  }

  static byte[] gzip(byte[] bytes) {
    var out = new ByteArrayOutputStream(bytes.length / 3 + 64);
    try (var gzip = new GZIPOutputStream(out) {{ def.setLevel(Deflater.BEST_COMPRESSION); }}) {
      gzip.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String etag(byte[] bytes) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
