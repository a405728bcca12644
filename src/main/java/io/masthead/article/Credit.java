package io.masthead.article;

import java.util.Locale;

/** A desk credit in a byline, shown in the edition's language ("Staff", "Agencies"). */
public enum Credit {
  STAFF,
  AGENCIES;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Credit ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
