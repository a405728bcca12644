package io.masthead.web;

import io.javalin.http.Context;
import java.util.Locale;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Sends one representation of a page or an asset: its ETag, 304 to a matching If-None-Match,
 * the gzip when the client takes it, else the plain bytes. The caller sets Cache-Control and
 * Vary, which differ between pages, per-reader pages and assets.
 */
public final class VariantResponse {
  private VariantResponse() {}

  private static final HttpField GZIP = new PreEncodedHttpField("Content-Encoding", "gzip");

  public static void send(
      Context ctx, PageCache.Variant variant, String contentType, int gzipLevel) {
    send(Exchange.of(ctx), variant, contentType, gzipLevel, null);
  }

  /** A time as Last-Modified says it, formatted once when the page is made. */
  public record LastModified(java.time.Instant at, String header) {
    public static LastModified of(java.time.Instant when) {
      var at = when.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
      return new LastModified(
          at,
          java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
              at.atZone(java.time.ZoneOffset.UTC)));
    }
  }

  /**
   * As above, with a {@code Last-Modified} time (feeds): a client that sends no If-None-Match but
   * an If-Modified-Since at or after it gets a 304 (RFC 9110 §13.1.3; If-None-Match wins).
   */
  public static void send(
      Exchange exchange,
      PageCache.Variant variant,
      String contentType,
      int gzipLevel,
      LastModified lastModified) {
    exchange.setHeader(variant.etagField());
    var ifNoneMatch = exchange.header("If-None-Match");
    if (ifNoneMatch != null && matches(ifNoneMatch, variant.etag())) {
      exchange.status(304);
      return;
    }
    if (lastModified != null) {
      exchange.setHeader("Last-Modified", lastModified.header());
      var since = exchange.header("If-Modified-Since");
      if (ifNoneMatch == null && since != null && notModifiedSince(since, lastModified.at())) {
        exchange.status(304);
        return;
      }
    }
    var acceptEncoding = exchange.header("Accept-Encoding");
    if (acceptEncoding != null && acceptsGzip(acceptEncoding)) {
      exchange.setHeader(GZIP);
      exchange.send(contentType, variant.gzip(gzipLevel));
    } else {
      exchange.send(contentType, variant.html());
    }
  }

  /** Whether the client's copy, from {@code since}, is at least as new; a date we cannot read is not. */
  static boolean notModifiedSince(String since, java.time.Instant modified) {
    try {
      var date = java.time.ZonedDateTime.parse(
              since.strip(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant();
      return !modified.isAfter(date);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** Weak comparison (RFC 9110 §13.1.2): W/ prefixes do not matter, "*" matches anything. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch.strip().equals("*")) return true;
    var bare = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (var candidate : ifNoneMatch.split(",")) {
      var c = candidate.strip();
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.equals(bare)) return true;
    }
    return false;
  }

  /**
   * The answers for the Accept-Encoding values seen: browsers send a handful, and parsing one
   * costs more than the rest of sending a cached page. At most 256, then parsed each time.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> GZIP_ACCEPTED =
      new java.util.concurrent.ConcurrentHashMap<>();

  static boolean acceptsGzip(String acceptEncoding) {
    var known = GZIP_ACCEPTED.get(acceptEncoding);
    if (known != null) return known;
    boolean accepted = parseAcceptsGzip(acceptEncoding);
    if (GZIP_ACCEPTED.size() < 256) GZIP_ACCEPTED.put(acceptEncoding, accepted);
    return accepted;
  }

  /** Whether Accept-Encoding admits gzip: named with a q above 0, or not named and "*" admitted. */
  private static boolean parseAcceptsGzip(String acceptEncoding) {
    double gzip = -1;
    double any = -1;
    for (var part : acceptEncoding.split(",")) {
      var fields = part.split(";", -1); // -1: ";" alone is two empty fields, not none
      var coding = fields[0].strip().toLowerCase(Locale.ROOT);
      if (!coding.equals("gzip") && !coding.equals("*")) continue;
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        var parameter = fields[i].strip();
        if (parameter.regionMatches(true, 0, "q=", 0, 2)) q = quality(parameter.substring(2));
      }
      if (coding.equals("gzip")) gzip = q;
      else any = q;
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
  }

  private static double quality(String value) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      return 0; // a q we cannot read admits nothing
    }
  }
}
