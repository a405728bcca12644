package io.masthead.newsroom;

import io.masthead.article.ArticleStatus;
import java.util.ArrayList;
import java.util.List;

/** Who may do what to an article: the one rule the newsroom pages and the Admin API share. */
public final class ArticlePermissions {
  private ArticlePermissions() {}

  /** A contributor works on their own drafts only; an editor on everything. */
  public static List<String> actions(Staff me, ArticleStatus status, Long writerId) {
    var actions = new ArrayList<String>();
    boolean editor = me.may(Role.EDITOR);
    boolean own = writerId != null && writerId == me.id();
    if (editor || (own && status == ArticleStatus.DRAFT)) actions.add("save");
    if (status == ArticleStatus.DRAFT && (editor || own)) actions.add("submit");
    if (editor) {
      if (status != ArticleStatus.PUBLISHED) actions.add("publish");
      if (status != ArticleStatus.PUBLISHED) actions.add("schedule");
      if (status == ArticleStatus.REVIEW || status == ArticleStatus.SCHEDULED) actions.add("return");
      if (status == ArticleStatus.PUBLISHED || status == ArticleStatus.SCHEDULED) actions.add("unpublish");
    }
    return actions;
  }

}
