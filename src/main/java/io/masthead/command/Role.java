package io.masthead.command;

import java.util.Locale;

/** What a member of staff may do; each role may do all that the ones before it may. */
public enum Role {
  /** Writes drafts and submits them for review. */
  CONTRIBUTOR,
  /** Edits anything, publishes, schedules, corrects, curates. */
  EDITOR,
  /** Also manages staff accounts, editions and settings. */
  ADMIN;

  public boolean atLeast(Role other) {
    return compareTo(other) >= 0;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Role ofCode(String code) {
    try {
      return valueOf(code.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "a role is contributor, editor or admin, not '" + code + "'");
    }
  }
}
