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
 * them. (An article's related stories are what came before it, its own: not kept here.)
 * Thread-safe.
 */
final class ListingCache {
  private record Key(String listing, int offset, int limit) {}

  private final ArticleRepository articles;
  private final Cache<Key, List<ArticleSummary>> pages = Caffeine.newBuilder()
      .maximumWeight(50_000) // summaries, about 20 MB
      .weigher((Key key, List<ArticleSummary> list) -> 1 + list.size())
      .build();

  /**
   * Summaries by article id, for the stories that came before an article: each is among those
   * of the next few in its tag, so it is read once, not by each of their renders (on SQLite a
   * summary is a walk past its article's bodies).
   */
  private final Cache<Long, ArticleSummary> summaries =
      Caffeine.newBuilder().maximumSize(20_000).build(); // about 8 MB

  /** Bumped by every change: a load that overlapped one is used once but not kept. */
  private final java.util.concurrent.atomic.AtomicLong changes =
      new java.util.concurrent.atomic.AtomicLong();

  ListingCache(ArticleRepository articles, ChangeLog changeLog) {
    this.articles = articles;
    changeLog.addListener(change -> {
      changes.incrementAndGet();
      if (change.tags().stream()
          .anyMatch(tag ->
              Tags.codeOf(tag, "structure").isPresent() || Tags.rangeOf(tag).isPresent())) {
        pages.invalidateAll(); // a renamed section shows in every summary
        summaries.invalidateAll();
      } else {
        pages.asMap().keySet().removeIf(key -> change.tags().contains(key.listing()));
        summaries.asMap().keySet().removeIf(id -> change.tags().contains(Tags.article(id)));
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

  /**
   * The newest {@code limit} live stories of a listing published before the article at
   * {@code at} with id {@code id}, newest first. Pages showing them carry
   * {@link Tags#earlier}{@code (listing)} and each story's own tag.
   */
  List<ArticleSummary> earlier(String listing, java.time.Instant at, long id, int limit) {
    var ids = articles.earlierIds(listing, at, id, limit);
    var found = new java.util.HashMap<>(summaries.getAllPresent(ids));
    if (found.size() < ids.size()) {
      long before = changes.get();
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
