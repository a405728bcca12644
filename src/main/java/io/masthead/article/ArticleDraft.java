package io.masthead.article;

import io.masthead.text.Slug;
import java.util.List;

/**
 * What a writer gives for an article: everything but its status and times. {@code slug} may be
 * null (made from the headline); {@code seriesId} is null outside a series.
 */
public record ArticleDraft(
    String edition,
    long sectionId,
    Long seriesId,
    String slug,
    String headline,
    String standfirst,
    String bodyMarkdown,
    List<BylineRef> byline,
    List<Long> tagIds,
    Long leadMediaId) {

  /** A byline entry by id: an author's or a desk credit. */
  public record BylineRef(Long authorId, Credit credit) {
    public BylineRef {
      if ((authorId == null) == (credit == null))
        throw new IllegalArgumentException("an author or a credit");
    }

    public static BylineRef author(long id) {
      return new BylineRef(id, null);
    }

    public static BylineRef credit(Credit credit) {
      return new BylineRef(null, credit);
    }
  }

  public ArticleDraft {
    if (headline == null || headline.isBlank())
      throw new IllegalArgumentException("a headline is needed");
    standfirst = standfirst == null ? "" : standfirst;
    bodyMarkdown = bodyMarkdown == null ? "" : bodyMarkdown;
    byline = List.copyOf(byline);
    tagIds = List.copyOf(tagIds);
  }

  /** A draft without a lead image. */
  public ArticleDraft(
      String edition,
      long sectionId,
      Long seriesId,
      String slug,
      String headline,
      String standfirst,
      String bodyMarkdown,
      List<BylineRef> byline,
      List<Long> tagIds) {
    this(
        edition,
        sectionId,
        seriesId,
        slug,
        headline,
        standfirst,
        bodyMarkdown,
        byline,
        tagIds,
        null);
  }

  public Slug slugOrFromHeadline() {
    return slug == null || slug.isBlank() ? Slug.fromText(headline) : new Slug(slug);
  }
}
