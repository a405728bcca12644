package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.trimmed;
import static io.masthead.web.newsroom.NewsroomText.frame;
import static io.masthead.web.newsroom.NewsroomText.safeNext;

import io.javalin.http.Context;
import io.masthead.command.Role;
import io.masthead.newsroom.Passwords;
import io.masthead.newsroom.Sessions;
import io.masthead.newsroom.SignInLimiter;
import io.masthead.newsroom.StaffService;
import io.masthead.web.Templates;

/**
 * Signing in and out, and changing one's password. Sign-in attempts are limited per account and
 * per address ({@link SignInLimiter}). Thread-safe.
 */
public final class SignInPages {
  private final NewsroomAuth auth;
  private final Sessions sessions;
  private final SignInLimiter limiter;
  private final StaffService staff;
  private final Templates templates;

  private final io.masthead.web.ClientAddress clientAddress;

  public SignInPages(
      NewsroomAuth auth,
      Sessions sessions,
      SignInLimiter limiter,
      StaffService staff,
      Templates templates,
      io.masthead.web.ClientAddress clientAddress) {
    this.clientAddress = clientAddress;
    this.auth = auth;
    this.sessions = sessions;
    this.limiter = limiter;
    this.staff = staff;
    this.templates = templates;
  }

  public void loginForm(Context ctx) {
    if (sessions.find(ctx.cookie(Sessions.COOKIE)).isPresent()) {
      ctx.redirect(safeNext(ctx.queryParam("next")));
      return;
    }
    render(
        ctx,
        200,
        "newsroom/login.jte",
        new NewsroomViews.Login("", safeNext(ctx.queryParam("next")), null, 200));
  }

  public void login(Context ctx) {
    var email = trimmed(ctx.formParam("email"), 254);
    var password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
    var next = safeNext(ctx.formParam("next"));
    var address = clientAddress.of(ctx);
    var wait = limiter.tryNow(email, address);
    if (!wait.isZero()) {
      long seconds = Math.max(1, wait.toSeconds());
      long minutes = (seconds + 59) / 60;
      ctx.header("Retry-After", Long.toString(seconds));
      var when = seconds < 60
          ? seconds + (seconds == 1 ? " second." : " seconds.")
          : minutes + (minutes == 1 ? " minute." : " minutes.");
      render(
          ctx,
          429,
          "newsroom/login.jte",
          new NewsroomViews.Login(
              email, next, "Too many failed sign-ins. Try again in " + when, 429));
      return;
    }
    var found = staff.authenticate(email, password);
    if (found.isEmpty()) {
      render(
          ctx,
          401,
          "newsroom/login.jte",
          new NewsroomViews.Login(email, next, "That email and password do not match.", 401));
      return;
    }
    limiter.succeeded(email, address);
    auth.signIn(ctx, sessions.start(found.get()));
    ctx.status(303).header("Location", next);
  }

  public void logout(Context ctx) {
    auth.require(ctx, Role.CONTRIBUTOR);
    auth.signOut(ctx);
    ctx.status(303).header("Location", "/newsroom/login");
  }

  public void passwordForm(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    render(
        ctx,
        200,
        "newsroom/password.jte",
        new NewsroomViews.Password(frame(session, "Change your password", "account", null), null));
  }

  public void changePassword(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var me = session.staff();
    var current = ctx.formParam("current");
    var fresh = ctx.formParam("password");
    String error = null;
    if (staff.authenticate(me.email(), current == null ? "" : current).isEmpty())
      error = "Your current password is not right.";
    else if (Passwords.problemWith(fresh) != null) error = Passwords.problemWith(fresh);
    else if (!fresh.equals(ctx.formParam("repeat"))) error = "The two new passwords differ.";
    if (error != null) {
      render(
          ctx,
          422,
          "newsroom/password.jte",
          new NewsroomViews.Password(
              frame(session, "Change your password", "account", null), error));
      return;
    }
    staff.setPassword(me.id(), fresh, me);
    auth.signIn(ctx, sessions.start(me)); // other sessions were ended; this one goes on
    ctx.status(303).header("Location", "/newsroom/?notice=password");
  }

  private void render(Context ctx, int status, String template, Object view) {
    templates.sendPrivate(ctx, status, template, view);
  }
}
