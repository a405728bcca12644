package io.masthead.search;

import java.time.Instant;
import java.util.List;

/**
 * What the index knows of one published article, read from the database (the source of truth).
 * {@code sectionPath} is the section and the sections above it, top first, so a search narrowed to
 * a section finds its subsections' articles too; {@code people} are the byline's authors and desk
 * credits ({@code credit:staff}), each with the name shown. {@code publishedAt} is the creation
 * time of an article never published (the newsroom's index holds drafts); {@code leadMediaId} its
 * picture, or null.
 */
public record Indexable(
    long id,
    String edition,
    String slug,
    String headline,
    String standfirst,
    String bodyText,
    String status,
    List<Named> sectionPath,
    Named series,
    List<Named> tags,
    List<Named> people,
    Instant publishedAt,
    Instant updatedAt,
    Long leadMediaId) {

  public Indexable {
    sectionPath = List.copyOf(sectionPath);
    tags = List.copyOf(tags);
    people = List.copyOf(people);
  }

  /** An id (or code) and the name a reader sees. */
  public record Named(String key, String name) {}

  public Named section() {
    return sectionPath.getLast();
  }
}
