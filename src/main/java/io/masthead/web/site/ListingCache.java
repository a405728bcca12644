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
 * change log names their listing. Many pages show the same listings (the home page's section
 * blocks, feeds, listing pages), so a page render, when the page cache misses, rarely queries for
 * them; and what came before each article (its related stories). Thread-safe.
 */
final class ListingCache {
  private record Key(String listing, int offset, int limit) {}

  private final ArticleRepository articles;
  // Caffeine's upkeep runs on the reading thread (executor), here and below: handed to the common
  // pool, a read that scheduled it cost a wake-up (a quarter of a related list's lookups).
  private final Cache<Key, List<ArticleSummary>> pages = Caffeine.newBuilder()
      .maximumWeight(50_000) // summaries, about 20 MB
      .weigher((Key key, List<ArticleSummary> list) -> 1 + list.size())
      .executor(Runnable::run)
      .build();

  /**
   * What came before an article in a listing (ids, newest first) and the summaries of those
   * stories by id. An article's page is rendered again when its relative time moves on, when it
   * or a story it shows changes, and when memory let it go: what came before it rarely changed
   * meanwhile. Each story is among those of the next few in its tag, so its summary is read once
   * (on SQLite a summary is a walk past its article's bodies). About 2 and 8 MB.
   */
  private record Before(String listing, long articleId, int limit) {}

  private static final String EARLIER = Tags.earlier("");

  private final Cache<Before, List<Long>> earlierIds =
      Caffeine.newBuilder().maximumSize(20_000).executor(Runnable::run).build();
  private final Cache<Long, ArticleSummary> summaries =
      Caffeine.newBuilder().maximumSize(20_000).executor(Runnable::run).build();

  /** Bumped by every change: a load that overlapped one is used once but not kept. */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  ListingCache(ArticleRepository articles, ChangeLog changeLog) {
    this.articles = articles;
    changeLog.addListener(change -> {
      changes.incrementAndGet();
      var tags = change.tags();
      if (tags.stream()
          .anyMatch(tag ->
              Tags.codeOf(tag, "structure").isPresent() || Tags.rangeOf(tag).isPresent())) {
        pages.invalidateAll(); // a renamed section shows in every summary
        earlierIds.invalidateAll();
        summaries.invalidateAll();
        return;
      }
      pages.asMap().keySet().removeIf(key -> tags.contains(key.listing()));
      var named = new java.util.HashSet<Long>();
      var entered = new java.util.HashSet<String>();
      for (var tag : tags) {
        Tags.idOf(tag, "article").ifPresent(named::add);
        if (tag.startsWith(EARLIER)) entered.add(tag.substring(EARLIER.length()));
      }
      // An article that moved or left drops the lists it was in; one that entered behind
      // newer ones, those of its listing (Tags.earlier).
      earlierIds
          .asMap()
          .entrySet()
          .removeIf(entry -> named.contains(entry.getKey().articleId())
              || entered.contains(entry.getKey().listing())
              || entry.getValue().stream().anyMatch(named::contains));
      summaries.asMap().keySet().removeIf(named::contains);
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

  /**
   * The newest {@code limit} live stories of a listing published before the article at
   * {@code at} with id {@code id}, newest first. Pages showing them carry
   * {@link Tags#earlier}{@code (listing)} and each story's own tag.
   */
  List<ArticleSummary> earlier(String listing, java.time.Instant at, long id, int limit) {
    long before = changes.get();
    var key = new Before(listing, id, limit);
    var ids = earlierIds.getIfPresent(key);
    if (ids == null) {
      ids = articles.earlierIds(listing, at, id, limit);
      if (changes.get() == before) {
        earlierIds.put(key, ids);
        if (changes.get() != before) earlierIds.invalidate(key);
      }
    }
    var found = new java.util.HashMap<>(summaries.getAllPresent(ids));
    if (found.size() < ids.size()) {
      before = changes.get();
      var loaded =
          articles.listPublished(ids.stream().filter(i -> !found.containsKey(i)).toList());
      loaded.forEach(summary -> found.put(summary.id(), summary));
      if (changes.get() == before) {
        loaded.forEach(summary -> summaries.put(summary.id(), summary));
        // A change between the check and the puts: what it names may be among them.
        if (changes.get() != before) loaded.forEach(summary -> summaries.invalidate(summary.id()));
      }
    }
    return ids.stream().filter(found::containsKey).map(found::get).toList();
  }
}
