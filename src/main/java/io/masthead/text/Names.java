package io.masthead.text;

import io.masthead.command.Refusal;

/** The checks every named thing shares (sections, series, tags, authors, editions): a name, and a slug. */
public final class Names {
  private Names() {}

  /** The name stripped; refused when blank or longer than {@code max}. */
  public static String required(String text, String whenMissing, int max) {
    if (text == null || text.isBlank()) throw new Refusal.Rejected(whenMissing);
    var clean = text.strip();
    if (clean.length() > max) throw new Refusal.Rejected("At most " + max + " characters.");
    return clean;
  }

  /** The slug given, which must be one, or one made from the name when none is given. */
  public static String slug(String given, String name) {
    if (given == null || given.isBlank()) return Slug.fromText(name).value();
    if (!Slug.isValid(given.strip()))
      throw new Refusal.Rejected(
          "A slug is lower-case letters and digits joined by single hyphens.");
    return given.strip();
  }

  /** What an optional text field stores: stripped, "" for none. */
  public static String optional(String text) {
    return text == null ? "" : text.strip();
  }
}
