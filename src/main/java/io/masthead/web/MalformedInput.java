package io.masthead.web;

import io.javalin.http.Context;

/**
 * Refuses, with a 400, paths, query strings and form bodies whose percent-escapes are broken
 * ({@code %u002e}, a lone {@code %}) or do not decode to UTF-8 (a slug cut in the middle of a
 * letter), before any handler reads a parameter: otherwise the first read of one would throw deep
 * inside the framework and the reader would get a 500. A multipart body is refused with a 415
 * except at the two addresses that take uploads (the media library's form and the Admin API's
 * media): parsing one unasked fails inside the server.
 */
public final class MalformedInput {
  private MalformedInput() {}

  /** The addresses that take multipart/form-data uploads. */
  private static final java.util.Set<String> UPLOADS =
      java.util.Set.of("/newsroom/media", "/api/v1/admin/media", "/newsroom/import");

  public static void check(Context ctx) {
    var rawPath = ctx.req().getRequestURI();
    if (rawPath != null && !wellFormed(rawPath))
      throw new HttpProblem.BadRequest("the address is not well-formed");
    var query = ctx.queryString();
    if (query != null && !wellFormed(query))
      throw new HttpProblem.BadRequest("the query string is not well-formed");
    var type = ctx.contentType();
    if (type != null
        && type.regionMatches(true, 0, "multipart/", 0, 10)
        && !UPLOADS.contains(ctx.path())) {
      throw new HttpProblem.UnsupportedMediaType("send forms as application/x-www-form-urlencoded");
    }
    if (type != null
        && type.startsWith("application/x-www-form-urlencoded")
        && !wellFormed(ctx.body())) {
      throw new HttpProblem.BadRequest("the form is not well-formed");
    }
  }

  /** Every "%" starts two hex digits, and the decoded bytes are UTF-8. */
  static boolean wellFormed(String encoded) {
    // Nothing to decode: the common case, on every request.
    if (encoded.indexOf('%') < 0) return true;
    var bytes = new byte[encoded.length()];
    int length = PercentEscapes.decode(encoded, bytes);
    if (length == PercentEscapes.NOT_ASCII) return true; // raw non-ASCII: the server decoded it
    return length != PercentEscapes.BROKEN && PercentEscapes.isUtf8(bytes, length);
  }
}
