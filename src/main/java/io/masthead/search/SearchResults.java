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
   * An article found. {@code snippet} is HTML: the text is escaped and the matched words are in
   * {@code <mark>}; {@code byline} the names as shown.
   */
  public record Hit(long articleId, String snippet, List<String> byline) {
    public Hit {
      byline = List.copyOf(byline);
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
