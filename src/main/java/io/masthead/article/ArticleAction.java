package io.masthead.article;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person can do to an article from the editor: save it, and move it through the workflow. */
public enum ArticleAction {
  SAVE,
  SUBMIT,
  PUBLISH,
  SCHEDULE,
  RETURN,
  UNPUBLISH;

  /** As the editor's buttons and the Admin API name it: "save", "publish" … */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ArticleAction> ofCode(String code) {
    return Arrays.stream(values()).filter(a -> a.code().equals(code)).findFirst();
  }
}
