package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.NewsroomText.frame;
import static io.masthead.web.newsroom.NewsroomText.notice;
import static io.masthead.web.newsroom.NewsroomText.shown;

import io.javalin.http.Context;
import io.masthead.article.Article;
import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleRepository;
import io.masthead.article.RevisionRepository;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import java.util.Arrays;
import java.util.Optional;

/** An article's revisions: the list, a comparison of one with the current text, and restoring one. Thread-safe. */
public final class RevisionPages {
  private final NewsroomAuth auth;
  private final Editions editions;
  private final ArticleRepository articles;
  private final RevisionRepository revisionRepository;
  private final ArticleDesk desk;
  private final Templates templates;

  public RevisionPages(
      NewsroomAuth auth,
      Editions editions,
      ArticleRepository articles,
      RevisionRepository revisions,
      ArticleDesk desk,
      Templates templates) {
    this.auth = auth;
    this.editions = editions;
    this.articles = articles;
    this.revisionRepository = revisions;
    this.desk = desk;
    this.templates = templates;
  }

  public void revisions(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    var zone = editions.get(article.edition()).timeZone();
    var lines = revisionRepository.list(article.id()).stream()
        .map(r -> new NewsroomViews.RevisionLine(
            r.version(),
            shown(r.savedAt(), zone),
            r.savedBy().isEmpty() ? "Masthead" : r.savedBy(),
            r.draft().headline()))
        .toList();
    render(
        ctx,
        200,
        "newsroom/revisions.jte",
        new NewsroomViews.Revisions(
            frame(session, "Revisions", "articles", notice(ctx)),
            article.id(),
            article.headline(),
            article.version(),
            lines));
  }

  public void diff(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    int version = (int) parseId(ctx.pathParam("version"));
    var revision = revisionRepository
        .find(article.id(), version)
        .orElseThrow(() -> new HttpProblem.NotFound("no such revision"));
    var before = revision.draft();
    // The slug as the revision saved it (always set), valid or not: revisions from before slugs
    // were checked open too.
    var lines = new SideBySide()
        .field("Headline", before.headline(), article.headline())
        .field("Standfirst", before.standfirst(), article.standfirst())
        .field("Slug", before.slug(), article.slug())
        .text(
            Arrays.asList(before.bodyMarkdown().split("\n", -1)),
            Arrays.asList(article.bodyMarkdown().split("\n", -1)))
        .lines();
    var zone = editions.get(article.edition()).timeZone();
    render(
        ctx,
        200,
        "newsroom/diff.jte",
        new NewsroomViews.Diff(
            frame(session, "Revision " + version, "articles", null),
            article.id(),
            version,
            article.version(),
            revision.savedBy().isEmpty() ? "Masthead" : revision.savedBy(),
            shown(revision.savedAt(), zone),
            lines));
  }

  public void restore(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var article = article(ctx);
    int version = (int) parseId(ctx.pathParam("version"));
    int expected;
    try {
      expected = Integer.parseInt(Optional.ofNullable(ctx.formParam("current")).orElse(""));
    } catch (NumberFormatException e) {
      throw new HttpProblem.BadRequest("current must be a number");
    }
    try {
      desk.restore(session.staff().actor(), article.id(), version, expected);
    } catch (ArticleDesk.Conflict conflict) {
      ctx.status(303)
          .header("Location", "/newsroom/articles/" + article.id() + "/revisions?notice=conflict");
      return;
    }
    ctx.status(303).header("Location", "/newsroom/articles/" + article.id() + "?notice=restored");
  }

  private Article article(Context ctx) {
    long id = parseId(ctx.pathParam("id"));
    return articles.find(id).orElseThrow(() -> new HttpProblem.NotFound("no article " + id));
  }

  private void render(Context ctx, int status, String template, Object view) {
    templates.sendPrivate(ctx, status, template, view);
  }
}
