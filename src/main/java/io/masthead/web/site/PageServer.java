package io.masthead.web.site;

import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.web.PageCache;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Serves cached pages: picks the reader's variant (starred or not) from the signed cookie,
 * answers 304 to a matching If-None-Match, and sends the pre-compressed bytes when the client
 * takes gzip. No render and no compression happen on a hit. Thread-safe.
 */
public final class PageServer {
  private final PageCache cache;
  private final FavoriteService favorites;
  private final ReaderCookie readerCookie;

  public PageServer(PageCache cache, FavoriteService favorites, ReaderCookie readerCookie) {
    this.cache = cache;
    this.favorites = favorites;
    this.readerCookie = readerCookie;
  }

  public void serve(Context ctx, String key, Supplier<PageCache.Page> render) {
    send(ctx, cache.get(key, render));
  }

  /** The cached page under the key, without rendering; null when there is none. */
  public PageCache.Page cached(String key) {
    return cache.find(key);
  }

  public OptionalLong reader(Context ctx) {
    var value = ctx.cookie(ReaderCookie.NAME);
    return value == null ? OptionalLong.empty() : readerCookie.verify(value);
  }

  public void send(Context ctx, PageCache.Page page) {
    var variant = page.plain();
    if (page.hasStar()) {
      ctx.header("Vary", "Accept-Encoding, Cookie");
      var reader = reader(ctx);
      if (reader.isPresent()) {
        // A reader with favorites gets a page only for them: browsers revalidate it by ETag.
        ctx.header("Cache-Control", "private, no-cache");
        if (favorites.isStarred(reader.getAsLong(), page.starredArticleId())) variant = page.starred();
      } else {
        ctx.header("Cache-Control", "public, max-age=60");
      }
    } else {
      ctx.header("Vary", "Accept-Encoding");
      ctx.header("Cache-Control", "public, max-age=60");
    }
    ctx.header("ETag", variant.etag());
    var ifNoneMatch = ctx.header("If-None-Match");
    if (ifNoneMatch != null && matches(ifNoneMatch, variant.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType("text/html; charset=utf-8");
    var acceptEncoding = ctx.header("Accept-Encoding");
    if (acceptEncoding != null && acceptsGzip(acceptEncoding)) {
      ctx.header("Content-Encoding", "gzip");
      write(ctx, variant.gzip(cache.compressionLevel()));
    } else {
      write(ctx, variant.html());
    }
  }

  /**
   * Writes the bytes straight to the connection. Javalin's ctx.result copies them through a new
   * 32 KiB buffer per response, which at the rate cached pages are served was most of the
   * garbage the server made.
   */
  private static void write(Context ctx, byte[] body) {
    var response = ctx.res();
    response.setContentLength(body.length);
    try {
      response.getOutputStream().write(body);
    } catch (IOException e) {
      // The reader closed the connection mid-page: there is no one left to answer.
    }
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch.strip().equals("*")) return true;
    var bare = etag.startsWith("W/") ? etag.substring(2) : etag;
    for (var candidate : ifNoneMatch.split(",")) {
      var c = candidate.strip();
      if (c.startsWith("W/")) c = c.substring(2);
      if (c.equals(bare)) return true;
    }
    return false;
  }

  static boolean acceptsGzip(String acceptEncoding) {
    for (var part : acceptEncoding.split(",")) {
      var p = part.strip().toLowerCase(java.util.Locale.ROOT);
      if (p.equals("gzip") || p.equals("*") || (p.startsWith("gzip;") && !p.replace(" ", "").contains("q=0") )) return true;
      if (p.startsWith("gzip;") && p.replace(" ", "").matches("gzip;q=0\\.0*[1-9].*")) return true;
    }
    return false;
  }
}
