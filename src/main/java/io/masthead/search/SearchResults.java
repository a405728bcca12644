package io.masthead.search;

import java.util.List;

/**
 * One page of results: how many matched, the hits of this page (best first or newest first), the
 * facets with their counts over every match, and a spelling suggestion when nothing matched.
 */
public record SearchResults(
    long total, List<Hit> hits, List<Facet> facets, String suggestion, String problem) {

  public SearchResults {
    hits = List.copyOf(hits);
    facets = List.copyOf(facets);
  }

  /**
   * An article found, with what a results page shows of it, from the index alone (no database
   * read per search). {@code snippet} is HTML: the text is escaped and the matched words are in
   * {@code <mark>}; {@code byline} the names as shown; {@code updatedAt} may be null.
   */
  public record Hit(
      long articleId,
      String slug,
      String headline,
      String standfirst,
      long sectionId,
      java.time.Instant publishedAt,
      java.time.Instant updatedAt,
      String snippet,
      List<String> byline,
      Long leadMediaId) {
    public Hit {
      byline = List.copyOf(byline);
    }

    /** The hit as listings show an article, in its section of the edition's tree; empty when the tree has no such section. */
    public java.util.Optional<io.masthead.article.ArticleSummary> summary(
        String edition, io.masthead.section.SectionTree sections) {
      return sections
          .find(sectionId)
          .map(section -> new io.masthead.article.ArticleSummary(
              articleId,
              edition,
              section,
              slug,
              headline,
              standfirst,
              publishedAt,
              updatedAt,
              leadMediaId));
    }
  }

  /** One facet ({@code section}, {@code author}, {@code tag}, {@code year}) and its values. */
  public record Facet(String dimension, List<Value> values) {
    public Facet {
      values = List.copyOf(values);
    }
  }

  /** A value of a facet: the key a filter takes, the name shown, how many matches have it. */
  public record Value(String key, String label, long count) {}

  /** Why nothing was searched: the query had no words left once cleaned. */
  public static SearchResults nothingToSearch() {
    return new SearchResults(0, List.of(), List.of(), null, "empty");
  }

  public boolean empty() {
    return total == 0;
  }
}
