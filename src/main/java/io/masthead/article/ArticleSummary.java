package io.masthead.article;

import io.masthead.section.Section;
import java.time.Instant;

/** What a listing shows of an article; {@code leadMediaId} is its picture, or null. */
public record ArticleSummary(
    long id,
    String edition,
    Section section,
    String slug,
    String headline,
    String standfirst,
    Instant publishedAt,
    Instant updatedAt,
    Long leadMediaId) {

  public String cacheTag() {
    return Article.cacheTag(id);
  }
}
