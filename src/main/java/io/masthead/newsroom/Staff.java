package io.masthead.newsroom;

import io.masthead.command.Role;

/** A member of staff as the newsroom knows them. */
public record Staff(long id, String email, String name, Role role, boolean disabled) {
  /** This person as the actor of a command. */
  public io.masthead.command.Actor actor() {
    return new io.masthead.command.Actor(id, email, role);
  }

  public boolean may(Role needed) {
    return !disabled && role.atLeast(needed);
  }
}
