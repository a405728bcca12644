package io.masthead.web.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleSummary;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import java.util.List;

/**
 * Pages of listings ("the newest 20 in section:7 from offset 40"), kept in memory until the
 * change log names their listing. Many pages show the same listings (related stories, section
 * blocks), so a page render, when the page cache misses, rarely queries for them. Thread-safe.
 */
final class ListingCache {
  private record Key(String listing, int offset, int limit) {}

  private final ArticleRepository articles;
  private final Cache<Key, List<ArticleSummary>> pages = Caffeine.newBuilder()
      .maximumWeight(50_000) // summaries, about 20 MB
      .weigher((Key key, List<ArticleSummary> list) -> 1 + list.size())
      .build();

  /** Bumped by every change: a load that overlapped one is used once but not kept. */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  ListingCache(ArticleRepository articles, ChangeLog changeLog) {
    this.articles = articles;
    changeLog.addListener(change -> {
      changes.incrementAndGet();
      if (change.tags().stream().anyMatch(tag -> Tags.codeOf(tag, "structure").isPresent())) {
        pages.invalidateAll(); // a renamed section shows in every summary
      } else {
        pages.asMap().keySet().removeIf(key -> change.tags().contains(key.listing()));
      }
    });
  }

  List<ArticleSummary> list(String listing, int offset, int limit) {
    var key = new Key(listing, offset, limit);
    var cached = pages.getIfPresent(key);
    if (cached != null) return cached;
    long before = changes.get();
    var loaded = articles.list(listing, offset, limit);
    if (changes.get() == before) {
      pages.put(key, loaded);
      if (changes.get() != before) pages.asMap().remove(key, loaded);
    }
    return loaded;
  }
}
