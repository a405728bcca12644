package io.masthead.article;

import java.util.List;

/**
 * An article as a writer gives it, from the editor's form, the Admin API's JSON, the wire desk
 * or an importer: not yet checked. {@link ArticleDesk} checks it field by field and turns it into
 * an {@link ArticleDraft}; every field may be null or blank here, and is refused there.
 *
 * @param tagNames tags by name; a name the edition has no tag for yet makes one
 * @param slug the address asked for, or blank for one made from the headline
 * @param leadMediaId the picture of the library shown at the top and in listings; null for none
 */
public record ArticleInput(
    String edition,
    Long sectionId,
    Long seriesId,
    String headline,
    String standfirst,
    String slug,
    List<String> tagNames,
    String body,
    List<Long> authorIds,
    List<Credit> credits,
    Long leadMediaId) {

  public ArticleInput {
    edition = edition == null ? "" : edition;
    headline = headline == null ? "" : headline;
    standfirst = standfirst == null ? "" : standfirst;
    slug = slug == null ? "" : slug;
    body = body == null ? "" : body;
    tagNames = tagNames == null ? List.of() : List.copyOf(tagNames);
    authorIds = authorIds == null ? List.of() : List.copyOf(authorIds);
    credits = credits == null ? List.of() : List.copyOf(credits);
  }

  /** An input without a lead image. */
  public ArticleInput(
      String edition,
      Long sectionId,
      Long seriesId,
      String headline,
      String standfirst,
      String slug,
      List<String> tagNames,
      String body,
      List<Long> authorIds,
      List<Credit> credits) {
    this(
        edition,
        sectionId,
        seriesId,
        headline,
        standfirst,
        slug,
        tagNames,
        body,
        authorIds,
        credits,
        null);
  }

  /** The article's current content as input, to change a few fields of it. */
  public static ArticleInput of(Article a) {
    return new ArticleInput(
        a.edition(),
        a.section().id(),
        a.series() == null ? null : a.series().id(),
        a.headline(),
        a.standfirst(),
        a.slug(),
        a.tags().stream().map(t -> t.name()).toList(),
        a.bodyMarkdown(),
        a.byline().stream()
            .filter(b -> b.author() != null)
            .map(b -> b.author().id())
            .toList(),
        a.byline().stream().filter(b -> b.credit() != null).map(b -> b.credit()).toList(),
        a.leadMediaId());
  }

  /** The input with other tags. */
  public ArticleInput withTags(List<String> names) {
    return new ArticleInput(
        edition,
        sectionId,
        seriesId,
        headline,
        standfirst,
        slug,
        names,
        body,
        authorIds,
        credits,
        leadMediaId);
  }

  /** The input with another lead image (null for none). */
  public ArticleInput withLeadMedia(Long mediaId) {
    return new ArticleInput(
        edition,
        sectionId,
        seriesId,
        headline,
        standfirst,
        slug,
        tagNames,
        body,
        authorIds,
        credits,
        mediaId);
  }
}
