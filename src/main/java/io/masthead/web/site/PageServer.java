package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.web.PageCache;
import io.masthead.web.SurrogateKeys;
import io.masthead.web.VariantResponse;
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
    SurrogateKeys.set(ctx, page.surrogateKeys());
    if (page.hasStar()) {
      ctx.header("Vary", "Accept-Encoding, Cookie");
      var reader = reader(ctx);
      if (reader.isPresent()) {
        // A reader with favorites gets a page only for them: browsers revalidate it by ETag.
        ctx.header("Cache-Control", "private, no-cache");
        if (favorites.isStarred(reader.getAsLong(), page.starredArticleId()))
          variant = page.starred();
      } else {
        ctx.header("Cache-Control", "public, max-age=60");
      }
    } else {
      ctx.header("Vary", "Accept-Encoding");
      ctx.header("Cache-Control", "public, max-age=60");
    }
    VariantResponse.send(
        ctx, variant, page.contentType(), cache.compressionLevel(), page.lastModified());
  }
}
