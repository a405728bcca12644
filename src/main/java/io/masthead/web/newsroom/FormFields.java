package io.masthead.web.newsroom;

import io.masthead.web.HttpProblem;

/** Reading form fields: the few rules every newsroom form shares. */
final class FormFields {
  private FormFields() {}

  /** Null for a missing or blank field, else the field without surrounding space. */
  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  /** The field without surrounding space, cut to {@code max} characters; "" when missing. */
  static String trimmed(String text, int max) {
    if (text == null) return "";
    var t = text.strip();
    return t.length() > max ? t.substring(0, max) : t;
  }

  /** A whole number from a form or query, or {@code fallback} when it is missing or not one. */
  static int intOr(String text, int fallback) {
    if (text == null) return fallback;
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A positive id, or a 400. */
  static long parseId(String text) {
    try {
      long id = Long.parseLong(text);
      if (id < 1) throw new NumberFormatException();
      return id;
    } catch (NumberFormatException | NullPointerException e) {
      throw new HttpProblem.BadRequest("not an id: " + text);
    }
  }

  /** The edition a form or address names; the default edition when it names none; else a 400. */
  static io.masthead.edition.Edition edition(io.masthead.edition.Editions editions, String code) {
    if (code == null || code.isBlank()) return editions.defaultEdition();
    return editions
        .find(code.strip())
        .orElseThrow(() -> new HttpProblem.BadRequest("no edition " + code));
  }
}
