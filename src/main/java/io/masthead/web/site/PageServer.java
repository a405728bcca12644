package io.masthead.web.site;

import io.javalin.http.Context;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.web.CachedResponses;
import io.masthead.web.Exchange;
import io.masthead.web.PageCache;
import io.masthead.web.SurrogateKeys;
import io.masthead.web.VariantResponse;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * Serves cached pages: picks the reader's variant (starred or not) from the signed cookie,
 * answers 304 to a matching If-None-Match, and sends the pre-compressed bytes when the client
 * takes gzip. No render and no compression happen on a hit. Also the page cache's side of
 * {@link CachedResponses}: a GET whose path (and page number) is a cached page's key is answered
 * there, before Javalin's pipeline, by the same {@link #send}. Thread-safe.
 */
public final class PageServer implements CachedResponses.Source {
  // The headers every hit sends, encoded once.
  private static final HttpField VARY = new PreEncodedHttpField("Vary", "Accept-Encoding");
  private static final HttpField VARY_WITH_COOKIE =
      new PreEncodedHttpField("Vary", "Accept-Encoding, Cookie");
  private static final HttpField SHARED =
      new PreEncodedHttpField("Cache-Control", "public, max-age=60");
  private static final HttpField READERS_OWN =
      new PreEncodedHttpField("Cache-Control", "private, no-cache");

  private final PageCache cache;
  private final FavoriteService favorites;
  private final ReaderCookie readerCookie;

  public PageServer(PageCache cache, FavoriteService favorites, ReaderCookie readerCookie) {
    this.cache = cache;
    this.favorites = favorites;
    this.readerCookie = readerCookie;
  }

  public void serve(Context ctx, String key, Supplier<PageCache.Page> render) {
    var page = cache.get(key, render);
    page.route(io.masthead.web.Metrics.route(ctx));
    send(ctx, page);
  }

  /** The cached page under the key (in memory or on disk), without rendering; null for none. */
  public PageCache.Page cached(String key) {
    return cache.kept(key);
  }

  /**
   * The cached page whose key is this raw path and query: pages are kept under their decoded
   * path and a listing's page number ({@link SiteFrames#cacheKey}), and only the handler that
   * serves an address stores a page under its key, so the page is what that handler would send.
   * Any other query goes to the handler. Not for a reader whose favorites are not in memory
   * yet: reading them waits on the database, which the handler does on a thread of its own.
   */
  @Override
  public CachedResponses.Answer find(String rawPath, String rawQuery, Exchange request) {
    return answer(SiteFrames.cacheKey(rawPath, rawQuery), request, false);
  }

  /**
   * As {@link #find}, and on disk when memory has no page under the path (read back into
   * memory); for any reader, whose favorites may be read from the database here.
   */
  @Override
  public CachedResponses.Answer findKept(String rawPath, String rawQuery, Exchange request) {
    return answer(SiteFrames.cacheKey(rawPath, rawQuery), request, true);
  }

  /** {@code mayWait}: whether the disk and the database may be read on this thread. */
  private CachedResponses.Answer answer(String key, Exchange request, boolean mayWait) {
    if (key == null) return null;
    var page = mayWait ? cache.kept(key) : cache.find(key);
    if (page == null) return null;
    var reader = readerOf(request, page);
    if (!mayWait && reader.isPresent() && !favorites.knows(reader.getAsLong())) return null;
    return new CachedResponses.Answer(page.route(), exchange -> send(exchange, page, reader));
  }

  public OptionalLong reader(Context ctx) {
    return reader(Exchange.of(ctx));
  }

  private OptionalLong reader(Exchange request) {
    var cookie = request.cookie(ReaderCookie.NAME);
    return cookie == null ? OptionalLong.empty() : readerCookie.verify(cookie);
  }

  public void send(Context ctx, PageCache.Page page) {
    var exchange = Exchange.of(ctx);
    send(exchange, page, readerOf(exchange, page));
  }

  /** The reader the cookie names, looked for only where the page has a star to show them. */
  private OptionalLong readerOf(Exchange request, PageCache.Page page) {
    return page.hasStar() ? reader(request) : OptionalLong.empty();
  }

  /** {@code reader}: from {@link #readerOf}. */
  private void send(Exchange exchange, PageCache.Page page, OptionalLong reader) {
    var variant = page.plain();
    SurrogateKeys.set(exchange, page.surrogateKeys());
    if (page.hasStar()) {
      exchange.setHeader(VARY_WITH_COOKIE);
      if (reader.isPresent()) {
        // A reader with favorites gets a page only for them: browsers revalidate it by ETag.
        exchange.setHeader(READERS_OWN);
        if (favorites.isStarred(reader.getAsLong(), page.starredArticleId()))
          variant = page.starred();
      } else {
        exchange.setHeader(SHARED);
      }
    } else {
      exchange.setHeader(VARY).setHeader(SHARED);
    }
    VariantResponse.send(
        exchange, variant, page.contentType(), cache.compressionLevel(), page.lastModified());
  }
}
