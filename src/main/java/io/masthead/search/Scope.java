package io.masthead.search;

/**
 * Which articles an index holds and who searches it: readers search the published ones; the
 * newsroom searches every article in any status, drafts too, in an index of its own (so nothing
 * of a draft, not even a spelling suggestion, can reach a reader).
 */
public enum Scope {
  READER("search"),
  NEWSROOM("search-newsroom");

  /** The folder under the data directory, and the prefix of the change-log follower's name. */
  final String name;

  Scope(String name) {
    this.name = name;
  }

  /** Whether this scope's indexes hold an article in this status ({@code published} …). */
  boolean holds(String status) {
    return this == NEWSROOM || "published".equals(status);
  }
}
