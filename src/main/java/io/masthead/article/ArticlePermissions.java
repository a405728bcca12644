package io.masthead.article;

import io.masthead.command.Actor;
import io.masthead.command.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may do what to an article: the one rule that {@link ArticleDesk} enforces and that the
 * newsroom's buttons and the Admin API's answers are drawn from.
 */
public final class ArticlePermissions {
  private ArticlePermissions() {}

  /** A contributor works on their own drafts only; an editor on everything. */
  public static List<ArticleAction> actions(Actor actor, ArticleStatus status, Long writerId) {
    var actions = new ArrayList<ArticleAction>();
    boolean editor = actor.may(Role.EDITOR);
    boolean own = writerId != null && writerId.equals(actor.staffId());
    if (editor || (own && status == ArticleStatus.DRAFT)) actions.add(ArticleAction.SAVE);
    if (status == ArticleStatus.DRAFT && (editor || own)) actions.add(ArticleAction.SUBMIT);
    if (editor) {
      if (status != ArticleStatus.PUBLISHED) actions.add(ArticleAction.PUBLISH);
      if (status != ArticleStatus.PUBLISHED) actions.add(ArticleAction.SCHEDULE);
      if (status == ArticleStatus.REVIEW || status == ArticleStatus.SCHEDULED)
        actions.add(ArticleAction.RETURN);
      if (status == ArticleStatus.PUBLISHED || status == ArticleStatus.SCHEDULED)
        actions.add(ArticleAction.UNPUBLISH);
    }
    return actions;
  }
}
