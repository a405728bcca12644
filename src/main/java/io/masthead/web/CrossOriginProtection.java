package io.masthead.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * CSRF protection for every state-changing request, without tokens (so cached pages can carry
 * forms): a browser says where a request comes from in {@code Sec-Fetch-Site} or {@code Origin},
 * and a cross-site one is refused. Requests with neither header do not come from a browser, so no
 * reader's cookies can be abused by them. This is the check Go's {@code
 * http.CrossOriginProtection} makes; token-based CSRF joins it where there are sessions.
 *
 * <p>An {@code Origin} must name this site exactly: scheme, host and port. It is compared with
 * the request's own scheme and {@code Host}, and with the site's public address (its base URL),
 * which differs from the request's behind a proxy that ends TLS. Thread-safe.
 */
public final class CrossOriginProtection {
  private final Optional<String> publicOrigin;

  /** {@code baseUrl}: the site's public address, such as {@code https://news.example}. */
  public CrossOriginProtection(String baseUrl) {
    this.publicOrigin = normalise(baseUrl);
  }

  public void check(Context ctx) {
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
    var given = normalise(origin);
    var host = ctx.header("Host");
    var own = host == null ? Optional.<String>empty() : normalise(ctx.scheme() + "://" + host);
    if (given.isPresent() && (given.equals(own) || given.equals(publicOrigin))) return;
    throw new HttpProblem.Forbidden("cross-origin request refused (Origin: " + origin + ")");
  }

  /** {@code scheme://host:port} in lower case with the port always named; empty for no address. */
  static Optional<String> normalise(String address) {
    try {
      var uri = new URI(address.strip());
      var scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
      if (scheme == null || uri.getHost() == null) return Optional.empty();
      int port = uri.getPort() != -1
          ? uri.getPort()
          : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
      if (port == -1) return Optional.empty();
      return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
    } catch (java.net.URISyntaxException e) {
      return Optional.empty(); // an Origin that is no address is no origin of ours
    }
  }
}
