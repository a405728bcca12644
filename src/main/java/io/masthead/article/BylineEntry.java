package io.masthead.article;

import io.masthead.author.Author;

/** One name in a byline: an author (linked to their page) or a desk credit. Exactly one is set. */
public record BylineEntry(Author author, Credit credit) {
  public BylineEntry {
    if ((author == null) == (credit == null))
      throw new IllegalArgumentException("an author or a credit, not both");
  }

  public static BylineEntry of(Author author) {
    return new BylineEntry(author, null);
  }

  public static BylineEntry of(Credit credit) {
    return new BylineEntry(null, credit);
  }
}
