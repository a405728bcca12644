package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.parseId;
import static io.masthead.web.newsroom.FormFields.trimmed;
import static io.masthead.web.newsroom.NewsroomText.frame;
import static io.masthead.web.newsroom.NewsroomText.label;
import static io.masthead.web.newsroom.NewsroomText.shown;

import io.javalin.http.Context;
import io.masthead.audit.AuditLog;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.Passwords;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.newsroom.StaffService;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;
import io.masthead.web.newsroom.NewsroomViews.Option;
import java.util.Arrays;
import java.util.Optional;

/** The audit log, staff accounts (admins) and each person's API tokens. Thread-safe. */
public final class StaffPages {
  private final NewsroomAuth auth;
  private final StaffService staff;
  private final AuditLog audit;
  private final ApiTokens tokens;
  private final Editions editions;
  private final Templates templates;

  public StaffPages(
      NewsroomAuth auth,
      StaffService staff,
      AuditLog audit,
      ApiTokens tokens,
      Editions editions,
      Templates templates) {
    this.auth = auth;
    this.staff = staff;
    this.audit = audit;
    this.tokens = tokens;
    this.editions = editions;
    this.templates = templates;
  }

  public void auditLog(Context ctx) {
    var session = auth.require(ctx, Role.EDITOR);
    var zone = editions.defaultEdition().timeZone();
    var entries = audit.newest(200).stream()
        .map(e -> new NewsroomViews.AuditEntry(
            shown(e.at(), zone), e.who(), e.action(), e.subject(), e.detail()))
        .toList();
    render(
        ctx,
        200,
        "newsroom/audit.jte",
        new NewsroomViews.Audit(frame(session, "Audit log", "audit", null), entries));
  }

  public void staffList(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    render(ctx, 200, "newsroom/staff.jte", staffView(session, null, null));
  }

  /**
   * One account's change, by an admin: {@code action} is role (with {@code role}), disable,
   * enable or remove. Each signs the person out everywhere and revokes their tokens.
   */
  public void changeStaff(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    long id = parseId(ctx.pathParam("id"));
    var action = Optional.ofNullable(ctx.formParam("action")).orElse("");
    var me = session.staff().actor();
    try {
      switch (action) {
        case "role" -> {
          Role role;
          try {
            role = Role.ofCode(Optional.ofNullable(ctx.formParam("role")).orElse(""));
          } catch (IllegalArgumentException e) {
            throw new HttpProblem.BadRequest(e.getMessage());
          }
          staff.changeRole(me, id, role);
        }
        case "disable" -> staff.change(me, id, StaffService.Change.DISABLE);
        case "enable" -> staff.change(me, id, StaffService.Change.ENABLE);
        case "remove" -> staff.change(me, id, StaffService.Change.REMOVE);
        default -> throw new HttpProblem.BadRequest("no action " + action);
      }
    } catch (Refusal.NotAllowed e) {
      render(ctx, 409, "newsroom/staff.jte", staffView(session, e.getMessage(), null));
      return;
    }
    if (id == session.staff().id()) {
      ctx.status(303)
          .header("Location", "/newsroom/login"); // they changed their own account: sign in again
      return;
    }
    ctx.status(303).header("Location", "/newsroom/staff");
  }

  public void addStaff(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    try {
      var role = Role.ofCode(Optional.ofNullable(ctx.formParam("role")).orElse(""));
      var password = Passwords.generate();
      var added = staff.add(
          trimmed(ctx.formParam("email"), 254),
          trimmed(ctx.formParam("name"), 200),
          role,
          password,
          session.staff());
      render(
          ctx,
          201,
          "newsroom/staff.jte",
          staffView(
              session,
              null,
              added.email() + " can now sign in with the one-time password " + password
                  + " (shown once; ask them to change it)."));
    } catch (Refusal.Rejected
        | IllegalArgumentException e) { // a refused account, or an unknown role
      render(ctx, 422, "newsroom/staff.jte", staffView(session, e.getMessage(), null));
    }
  }

  private NewsroomViews.StaffList staffView(Session session, String error, String created) {
    var roles = Arrays.stream(Role.values())
        .map(r -> new Option(r.code(), label(r), r == Role.CONTRIBUTOR))
        .toList();
    return new NewsroomViews.StaffList(
        frame(session, "Staff", "staff", null), staff.list(), roles, error, created);
  }

  // ---- API tokens ----------------------------------------------------------------------------

  public void tokens(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    render(ctx, 200, "newsroom/tokens.jte", tokensView(session, null, null, null));
  }

  public void createToken(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var name = ctx.formParam("name");
    try {
      var token = tokens.create(session.staff(), name);
      render(ctx, 201, "newsroom/tokens.jte", tokensView(session, token, null, null));
    } catch (Refusal.Rejected e) {
      // The page again, its form as typed and the reason beside the field.
      render(ctx, 422, "newsroom/tokens.jte", tokensView(session, null, e.getMessage(), name));
    }
  }

  public void revokeToken(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    if (!tokens.revoke(session.staff(), parseId(ctx.pathParam("id"))))
      throw new HttpProblem.NotFound("no such token of yours");
    ctx.status(303).header("Location", "/newsroom/account/tokens");
  }

  private NewsroomViews.Tokens tokensView(
      Session session, String created, String error, String typedName) {
    var zone = editions.defaultEdition().timeZone();
    var list = tokens.list(session.staff()).stream()
        .map(t -> new NewsroomViews.TokenLine(
            t.id(),
            t.name(),
            shown(t.createdAt(), zone),
            t.lastUsedAt() == null ? "never" : shown(t.lastUsedAt(), zone),
            t.revoked()))
        .toList();
    return new NewsroomViews.Tokens(
        frame(session, "API tokens", "account", null), list, created, error, typedName);
  }

  private void render(Context ctx, int status, String template, Object view) {
    templates.sendPrivate(ctx, status, template, view);
  }
}
