package io.masthead.article;

import java.time.Instant;
import java.util.List;

/**
 * An article of an archive written in bulk ({@link ArticleDesk#importArchive}): everything is
 * already decided, its id, status, times and rendered body, and its ids are the outlet's own.
 *
 * @param sectionPath the article's section and the sections above it, top first
 * @param oldSlug an earlier address that answers with a 301, or null
 * @param correction a correction notice, or null
 */
public record ArchivedArticle(
    long id,
    ArticleDraft draft,
    String slug,
    String oldSlug,
    String bodyHtml,
    int wordCount,
    ArticleStatus status,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    List<Long> sectionPath,
    String correction) {

  public ArchivedArticle {
    sectionPath = List.copyOf(sectionPath);
  }
}
