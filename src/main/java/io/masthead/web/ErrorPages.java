package io.masthead.web;

import io.masthead.web.site.SitePages;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure becomes a page in the reader's edition (or JSON for a client that asks for
 * it) in this one place. The reader sees a status and a reference, never a stack trace; the
 * log gets one line with the same reference.
 */
public final class ErrorPages {
  private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);
  static final String RENDERED = "masthead.error-rendered";

  private final SitePages site;

  public ErrorPages(SitePages site) {
    this.site = site;
  }

  public void problem(HttpProblem problem, Context ctx) {
    log.debug("{} {} -> {} ({})", ctx.method(), ctx.path(), problem.status(), problem.getMessage());
    if (isApi(ctx)) {
      // API clients get the reason: these messages are ours, written for them.
      json(ctx, problem.status(), java.util.Map.of("status", problem.status(), "error", problem.getMessage()));
      return;
    }
    render(ctx, problem.status(), null);
  }

  /** A JSON error body for API clients, in one place. */
  public void json(Context ctx, int status, Object body) {
    ctx.attribute(RENDERED, true);
    ctx.status(status).header("Cache-Control", "no-store").removeHeader("ETag");
    try {
      ctx.contentType("application/json; charset=utf-8").result(JSON.writeValueAsBytes(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

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
    ctx.attribute(RENDERED, true);
    ctx.status(status);
    ctx.header("Cache-Control", "no-store");
    ctx.removeHeader("Content-Encoding");
    ctx.removeHeader("ETag");
    var accept = ctx.header("Accept");
    if (isApi(ctx) || (accept != null && accept.contains("application/json") && !accept.contains("text/html"))) {
      ctx.contentType("application/json").result("{\"status\":" + status + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}");
      return;
    }
    byte[] page;
    try {
      var edition = site.editions().isEmpty() ? null : site.editionOfPath(ctx.path()).orElse(null);
      page = edition == null ? fallback(status) : site.errorPage(edition, status, reference);
    } catch (RuntimeException e) {
      log.error("the error page itself failed [{}]", reference, e);
      page = fallback(status);
    }
    ctx.contentType("text/html; charset=utf-8").result(page);
  }

  private static byte[] fallback(int status) {
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Error " + status
        + "</title></head><body><main><h1>Error " + status + "</h1><p><a href=\"/\">Home</a></p></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
