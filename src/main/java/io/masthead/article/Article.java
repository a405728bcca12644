package io.masthead.article;

import io.masthead.section.Section;
import io.masthead.series.Series;
import io.masthead.tag.Tag;
import java.time.Instant;
import java.util.List;

/**
 * An article with everything its page shows. {@code series}, the times and {@code leadMediaId} (the
 * picture at its top) may be null.
 */
public record Article(
    long id,
    String edition,
    Section section,
    Series series,
    String slug,
    String headline,
    String standfirst,
    String bodyMarkdown,
    String bodyHtml,
    int wordCount,
    ArticleStatus status,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    int version,
    List<BylineEntry> byline,
    List<Tag> tags,
    List<Correction> corrections,
    Long leadMediaId) {

  public Article {
    byline = List.copyOf(byline);
    tags = List.copyOf(tags);
    corrections = List.copyOf(corrections);
  }

  public static String cacheTag(long id) {
    return io.masthead.change.Tags.article(id);
  }

  public String cacheTag() {
    return cacheTag(id);
  }

  public ArticleSummary summary() {
    return new ArticleSummary(
        id, edition, section, slug, headline, standfirst, publishedAt, updatedAt, leadMediaId);
  }

  public boolean isLive() {
    return status == ArticleStatus.PUBLISHED;
  }
}
