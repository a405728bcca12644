package io.masthead.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.masthead.article.ArticleDesk;
import io.masthead.command.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a status and a page in the reader's edition (or JSON for an API client)
 * in this one place: a {@link HttpProblem} the web layer raised, a {@link Refusal} a command
 * answered with (each {@link Refusal.Kind} has one status), or anything else, which is a bug: a
 * 500 with a reference, never a stack trace; the log gets one line with the same reference.
 */
public final class ErrorPages {
  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String RENDERED = "masthead.error-rendered";
  private static final String FEED_ERRORS = "masthead.feed-errors";

  /** The errors of this request are a feed's: answered as JSON Feed or as XML, not as a page. */
  public static void answerAsFeed(Context ctx, boolean json) {
    ctx.attribute(FEED_ERRORS, json ? "json" : "xml");
  }

  /** Where an address the site does not answer has moved to (an imported site's old addresses). */
  @FunctionalInterface
  public interface Moved {
    /** The path now, as a Location header carries it, for the raw path and query asked for. */
    java.util.Optional<String> movedTo(String path, String query);

    Moved NOWHERE = (path, query) -> java.util.Optional.empty();
  }

  private final SiteErrorPages site;
  private final Moved moved;

  public ErrorPages(SiteErrorPages site) {
    this(site, Moved.NOWHERE);
  }

  public ErrorPages(SiteErrorPages site, Moved moved) {
    this.site = site;
    this.moved = moved;
  }

  /**
   * Answers 301 when the address asked for is one of an imported site's old ones (checked only
   * when a reader's page would be 404, so the site's own addresses never pay for it).
   */
  public boolean redirectIfMoved(Context ctx) {
    var method = ctx.method().name();
    if (!method.equals("GET") && !method.equals("HEAD")) return false;
    var path = ctx.path();
    if (isApi(ctx) || path.startsWith("/newsroom/") || path.startsWith("/assets/")) return false;
    java.util.Optional<String> target;
    try {
      target = moved.movedTo(path, ctx.queryString());
    } catch (RuntimeException e) {
      log.warn("looking up the old address {} failed", path, e);
      return false;
    }
    if (target.isEmpty()) return false;
    ctx.attribute(RENDERED, true);
    ctx.removeHeader("Content-Encoding");
    ctx.removeHeader("ETag");
    ctx.status(301)
        .header("Location", target.get())
        .header("Cache-Control", "public, max-age=3600")
        .result("");
    return true;
  }

  public void problem(HttpProblem problem, Context ctx) {
    log.debug("{} {} -> {} ({})", ctx.method(), ctx.path(), problem.status(), problem.getMessage());
    if (isApi(ctx)) {
      // API clients get the reason: these messages are ours, written for them.
      json(
          ctx, problem.status(), Map.of("status", problem.status(), "error", problem.getMessage()));
      return;
    }
    render(ctx, problem.status(), null);
  }

  /** The status of each kind of refusal: the one table of it. */
  public static int status(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 422;
      case NOT_FOUND -> 404;
      case FORBIDDEN -> 403;
      case CONFLICT -> 409;
      case BUSY -> 503;
      case TOO_LARGE -> 413;
      case UNSUPPORTED -> 415;
    };
  }

  /** A command wrote nothing: the status of its kind, and for API clients the reason and, for bad input, each field's problem. */
  public void refusal(Refusal refusal, Context ctx) {
    int status = status(refusal.kind());
    log.debug("{} {} -> {} ({})", ctx.method(), ctx.path(), status, refusal.getMessage());
    if (refusal.kind() == Refusal.Kind.BUSY)
      ctx.header("Retry-After", Integer.toString(Refusal.Busy.RETRY_AFTER_SECONDS));
    if (!isApi(ctx)) {
      render(ctx, status, null);
      return;
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("status", status);
    switch (refusal) {
      case Refusal.Invalid invalid -> {
        body.put("error", "the input has problems; see each field");
        body.put("problems", invalid.byField());
      }
      case ArticleDesk.Conflict conflict -> {
        body.put("error", conflict.getMessage());
        body.put("currentVersion", conflict.current().version());
      }
      default -> body.put("error", refusal.getMessage());
    }
    json(ctx, status, body);
  }

  /** A JSON error body for API clients, in one place. */
  public void json(Context ctx, int status, Object body) {
    ctx.attribute(RENDERED, true);
    ctx.status(status).header("Cache-Control", "no-store").removeHeader("ETag");
    try {
      ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isApi(Context ctx) {
    return ctx.path().startsWith("/api/");
  }

  public void unexpected(Exception e, Context ctx) {
    var reference = RequestIds.of(ctx);
    log.error("{} {} failed [{}]", ctx.method(), ctx.path(), reference, e);
    render(ctx, 500, reference);
  }

  /** For statuses set without an exception, such as Javalin's 404 for an unknown address. */
  public void status(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(RENDERED))) return;
    render(ctx, ctx.statusCode(), null);
  }

  private void render(Context ctx, int status, String reference) {
    if (status == 404 && redirectIfMoved(ctx)) return;
    ctx.attribute(RENDERED, true);
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.removeHeader("Content-Encoding");
    ctx.removeHeader("ETag");
    String feed = ctx.attribute(FEED_ERRORS);
    if (feed != null) {
      // A feed reader gets a body it can parse, not an HTML page.
      if (feed.equals("json")) {
        ctx.contentType("application/feed+json; charset=utf-8")
            .result("{\"status\":" + status + "}");
      } else {
        ctx.contentType("application/xml; charset=utf-8")
            .result(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error status=\"" + status + "\"/>\n");
      }
      return;
    }
    var accept = ctx.header("Accept");
    if (isApi(ctx)
        || (accept != null
            && accept.contains("application/json")
            && !accept.contains("text/html"))) {
      ctx.contentType("application/json")
          .result("{\"status\":" + status
              + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}");
      return;
    }
    byte[] page;
    try {
      page = site.errorPage(ctx.path(), status, reference);
      if (page == null) page = fallback(status);
    } catch (RuntimeException e) {
      log.error("the error page itself failed [{}]", reference, e);
      page = fallback(status);
    }
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static byte[] fallback(int status) {
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status
            + "</title></head><body><main><h1>Error " + status
            + "</h1><p><a href=\"/\">Home</a></p></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
