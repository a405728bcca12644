package io.masthead.article;

import java.util.Locale;

public enum ArticleStatus {
  DRAFT,
  REVIEW,
  SCHEDULED,
  PUBLISHED,
  UNPUBLISHED;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ArticleStatus ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
