package io.masthead.web;

import io.javalin.http.Context;
import java.net.URI;

/**
 * CSRF protection for every state-changing request, without tokens (so cached pages can carry
 * forms): a browser says where a request comes from in {@code Sec-Fetch-Site} or {@code
 * Origin}, and a cross-site one is refused. Requests with neither header do not come from a
 * browser, so no reader's cookies can be abused by them. This is the check Go's
 * {@code http.CrossOriginProtection} makes; token-based CSRF joins it where there are sessions.
 */
public final class CrossOriginProtection {
  private CrossOriginProtection() {}

  public static void check(Context ctx) {
    var method = ctx.method().name();
    if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) return;
    var fetchSite = ctx.header("Sec-Fetch-Site");
    if (fetchSite != null) {
      if (fetchSite.equals("same-origin") || fetchSite.equals("none")) return;
      throw new HttpProblem.Forbidden(
          "cross-site request refused (Sec-Fetch-Site: " + fetchSite + ")");
    }
    var origin = ctx.header("Origin");
    if (origin == null) return;
    var host = ctx.header("Host");
    try {
      var uri = URI.create(origin);
      var originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      if (host != null && host.equalsIgnoreCase(originHost)) return;
    } catch (IllegalArgumentException e) {
      // an Origin that is no address is no origin of ours
    }
    throw new HttpProblem.Forbidden("cross-origin request refused (Origin: " + origin + ")");
  }
}
