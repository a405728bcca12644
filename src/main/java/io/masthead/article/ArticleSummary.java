package io.masthead.article;

import io.masthead.section.Section;
import java.time.Instant;

/** What a listing shows of an article. */
public record ArticleSummary(
    long id,
    String edition,
    Section section,
    String slug,
    String headline,
    String standfirst,
    Instant publishedAt,
    Instant updatedAt) {

  public String cacheTag() {
    return Article.cacheTag(id);
  }
}
