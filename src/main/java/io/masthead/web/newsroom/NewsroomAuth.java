package io.masthead.web.newsroom;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.masthead.command.Role;
import io.masthead.newsroom.Sessions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.web.HttpProblem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Who is asking, and may they: every newsroom handler starts with {@link #require}, which
 * finds the session from its cookie, checks the role on the server, and for every form post
 * checks the session's CSRF token. Thread-safe.
 */
public final class NewsroomAuth {
  private final Sessions sessions;
  private final boolean secureCookies;

  public NewsroomAuth(Sessions sessions, boolean secureCookies) {
    this.sessions = sessions;
    this.secureCookies = secureCookies;
  }

  /** Thrown when nobody is signed in: a page asks them to, an API call gets 401. */
  public static final class SignInNeeded extends RuntimeException {
    SignInNeeded() {
      super("sign-in needed", null, false, false);
    }
  }

  /** The signed-in member of staff, who must have at least {@code role}; form posts must carry the CSRF token. */
  public Session require(Context ctx, Role role) {
    var session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElseThrow(SignInNeeded::new);
    if (!session.staff().may(role))
      throw new HttpProblem.Forbidden(session.staff().email() + " is not " + role.code());
    if (!"GET".equals(ctx.method().name()) && !"HEAD".equals(ctx.method().name())) {
      if (!Sessions.csrfMatches(session, ctx.formParam("csrf"))) {
        throw new HttpProblem.Forbidden("the form's CSRF token is missing or wrong");
      }
    }
    ctx.header("Cache-Control", "private, no-store");
    return session;
  }

  /**
   * {@link #require} for an upload: the session and role are checked before the body is read (no
   * one signed out makes the server read and store 160 MB), the CSRF token after, with {@code
   * readBody} reading the multipart body in between.
   */
  public Session requireForUpload(Context ctx, Role role, Runnable readBody) {
    var session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElseThrow(SignInNeeded::new);
    if (!session.staff().may(role))
      throw new HttpProblem.Forbidden(session.staff().email() + " is not " + role.code());
    readBody.run();
    return require(ctx, role);
  }

  public void signIn(Context ctx, String token) {
    ctx.cookie(new Cookie(
        Sessions.COOKIE,
        token,
        "/",
        (int) Sessions.LIFETIME.toSeconds(),
        secureCookies,
        true,
        null,
        SameSite.LAX));
  }

  public void signOut(Context ctx) {
    sessions.end(ctx.cookie(Sessions.COOKIE));
    ctx.cookie(new Cookie(Sessions.COOKIE, "", "/", 0, secureCookies, true, null, SameSite.LAX));
  }

  /** The longest address kept to come back to after signing in; a longer one loses its query (or all of it). */
  static final int MAX_NEXT = 2_000;

  /** Where to send someone who is not signed in: the sign-in page, then back here. */
  public static String signInAddress(Context ctx) {
    var here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    var next = URLEncoder.encode(here, StandardCharsets.UTF_8);
    if (next.length() > MAX_NEXT) next = URLEncoder.encode(ctx.path(), StandardCharsets.UTF_8);
    if (next.length() > MAX_NEXT) next = URLEncoder.encode("/newsroom/", StandardCharsets.UTF_8);
    return "/newsroom/login?next=" + next;
  }
}
