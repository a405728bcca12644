package io.masthead.article;

import io.masthead.change.Tags;
import io.masthead.section.SectionRepository;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The {@code listing} rows of articles: one per listing a live article appears in, kept in the
 * same transaction as the article, so that every listing page is one range scan of one index.
 */
public final class ListingRepository {
  private ListingRepository() {}

  /** The listings the article is in now. */
  static List<String> current(Handle h, long articleId) {
    return h.createQuery("SELECT listing FROM listing WHERE article_id = :id")
        .bind("id", articleId)
        .mapTo(String.class)
        .list();
  }

  /** Rewrites the listing rows of one article from its current state; returns the listings it belongs in when live. */
  static Set<String> refresh(Handle h, Article article) {
    long articleId = article.id();
    h.createUpdate("DELETE FROM listing WHERE article_id = :id")
        .bind("id", articleId)
        .execute();
    var keys = keys(h, article);
    if (article.isLive()) {
      var batch = h.prepareBatch(
          "INSERT INTO listing (listing, published_at, article_id) VALUES (:listing, :at, :id)");
      for (var key : keys)
        batch
            .bind("listing", key)
            .bind("at", article.publishedAt())
            .bind("id", articleId)
            .add();
      batch.execute();
    }
    return keys;
  }

  /** Every listing the article belongs in when it is live. */
  static Set<String> keys(Handle h, Article article) {
    var tree = SectionRepository.tree(h, article.edition());
    return keys(
        article.edition(),
        tree.pathTo(tree.get(article.section().id())).stream().map(s -> s.id()).toList(),
        article.series() == null ? null : article.series().id(),
        article.tags().stream().map(t -> t.id()).toList(),
        article.byline().stream()
            .filter(b -> b.author() != null)
            .map(b -> b.author().id())
            .toList());
  }

  /**
   * The one rule for where a live article is listed: its edition, its section and every section
   * above it, its series, its tags and its authors.
   */
  public static Set<String> keys(
      String edition,
      Collection<Long> sectionPath,
      Long seriesId,
      Collection<Long> tagIds,
      Collection<Long> authorIds) {
    var keys = new LinkedHashSet<String>();
    keys.add(Tags.edition(edition));
    sectionPath.forEach(id -> keys.add(Tags.section(id)));
    if (seriesId != null) keys.add(Tags.series(seriesId));
    tagIds.forEach(id -> keys.add(Tags.tag(id)));
    authorIds.forEach(id -> keys.add(Tags.author(id)));
    return keys;
  }
}
