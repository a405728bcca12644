package io.masthead.newsroom;

/** A member of staff as the newsroom knows them. */
public record Staff(long id, String email, String name, Role role, boolean disabled) {
  public boolean may(Role needed) {
    return !disabled && role.atLeast(needed);
  }
}
