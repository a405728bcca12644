package io.masthead.web.newsroom;

import io.javalin.http.Context;
import io.masthead.command.Role;
import io.masthead.edition.Edition;
import io.masthead.edition.EditionService;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.web.Templates;
import java.util.List;

/** Admins add editions and edit their names and time zones here. Thread-safe. */
public final class EditionsPage {
  public record View(NewsroomViews.Frame frame, List<Edition> editions, String error) {}

  private final NewsroomAuth auth;
  private final Editions editions;
  private final EditionService service;
  private final Templates templates;

  public EditionsPage(
      NewsroomAuth auth, Editions editions, EditionService service, Templates templates) {
    this.auth = auth;
    this.editions = editions;
    this.service = service;
    this.templates = templates;
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    render(
        ctx,
        200,
        session,
        null,
        ctx.queryParam("notice") != null
            ? "Saved. Every node serves the change within a second."
            : null);
  }

  public void add(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    try {
      var edition = service.add(
          session.staff().actor(),
          ctx.formParam("code"),
          ctx.formParam("name"),
          ctx.formParam("language"),
          ctx.formParam("direction"),
          ctx.formParam("timeZone"));
      ctx.status(303).header("Location", "/newsroom/editions?notice=added#" + edition.code());
    } catch (EditionService.Refused e) {
      render(ctx, 422, session, e.getMessage(), null);
    }
  }

  public void update(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    try {
      service.update(
          session.staff().actor(),
          ctx.pathParam("code"),
          ctx.formParam("name"),
          ctx.formParam("timeZone"));
      ctx.status(303).header("Location", "/newsroom/editions?notice=saved");
    } catch (EditionService.Refused e) {
      render(ctx, 422, session, e.getMessage(), null);
    }
  }

  private void render(Context ctx, int status, Session session, String error, String notice) {
    var view = new View(
        new NewsroomViews.Frame(
            session.staff(), session.csrfToken(), "Editions", "editions", notice),
        editions.all(),
        error);
    templates.sendPrivate(ctx, status, "newsroom/editions.jte", view);
  }
}
