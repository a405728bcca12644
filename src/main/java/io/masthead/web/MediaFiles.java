package io.masthead.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.javalin.http.Context;
import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
import io.masthead.media.Images;
import io.masthead.media.MediaCatalog;
import io.masthead.media.Rendition;
import io.masthead.media.Renditions;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves renditions at {@code /media/{id}/{key}/{crop}-{width}.{format}}: made on first request,
 * then from disk (and the most asked-for from memory), cached by browsers and CDNs for a year
 * ({@code immutable}: the address changes when the picture's crop changes), with ETag and 304.
 * An address with an old key moves to the current one. Thread-safe.
 */
public final class MediaFiles implements CachedResponses.Source {
  /** The route renditions are served under (for /metrics). */
  public static final String ROUTE = "/media/{id}/{key}/{name}";

  private static final Logger log = LoggerFactory.getLogger(MediaFiles.class);
  private static final org.eclipse.jetty.http.HttpField FOREVER =
      new org.eclipse.jetty.http.PreEncodedHttpField(
          org.eclipse.jetty.http.HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");

  private final MediaCatalog catalog;
  private final Renditions renditions;

  /**
   * A rendition ready to send, by address; the most asked-for are kept. Its bytes are its file
   * mapped into memory, read-only: the kernel's page cache holds them (as it does for nginx), and
   * they go to the socket with no copy through the heap, which a byte array took on every
   * response (a tenth of a cached rendition's CPU). Rendition files are replaced by a rename and
   * never rewritten in place, so a mapping stays whole even when its file is replaced.
   */
  private record Ready(
      long mediaId,
      java.nio.ByteBuffer bytes,
      org.eclipse.jetty.http.HttpField etag,
      String contentType) {}

  private final Cache<String, Ready> ready = Caffeine.newBuilder()
      .maximumWeight(64L * 1024 * 1024)
      .weigher((String path, Ready r) -> r.bytes().capacity() + path.length())
      .build();

  public MediaFiles(MediaCatalog catalog, Renditions renditions) {
    this.catalog = catalog;
    this.renditions = renditions;
  }

  /** Forgets the renditions of the pictures a change names (their addresses may now move). */
  public void invalidate(java.util.Set<String> tags) {
    for (var tag : tags) {
      io.masthead.change.Tags.mediaIdOf(tag)
          .ifPresent(id -> ready.asMap().values().removeIf(r -> r.mediaId() == id));
    }
  }

  public void rendition(Context ctx) throws IOException {
    var hit = ready.getIfPresent(ctx.path());
    if (hit == null) {
      hit = prepare(ctx);
      if (hit == null) return; // answered: moved
      ready.put(ctx.path(), hit);
    }
    send(Exchange.of(ctx), hit);
  }

  /** A rendition kept in memory under this raw path, for {@link CachedResponses}. */
  @Override
  public CachedResponses.Answer find(String rawPath, String rawQuery, Exchange request) {
    if (rawQuery != null || !rawPath.startsWith("/media/")) return null;
    var hit = ready.getIfPresent(rawPath);
    return hit == null ? null : new CachedResponses.Answer(ROUTE, exchange -> send(exchange, hit));
  }

  private static void send(Exchange exchange, Ready hit) {
    exchange.setHeader(FOREVER).setHeader(hit.etag());
    var asked = exchange.header("If-None-Match");
    if (asked != null && VariantResponse.matches(asked, hit.etag().getValue())) {
      exchange.status(304);
      return;
    }
    exchange.send(hit.contentType(), hit.bytes());
  }

  /** The rendition an address names, made if need be; null when the answer was a move. */
  private Ready prepare(Context ctx) throws IOException {
    var rendition = Rendition.parse(ctx.path())
        .orElseThrow(() -> new HttpProblem.NotFound("no such rendition: " + ctx.path()));
    var media = catalog
        .find(rendition.mediaId())
        .orElseThrow(() -> new HttpProblem.NotFound("no picture " + rendition.mediaId()));
    if (!rendition.key().equals(media.key())) {
      // The picture was cropped anew since this address was made: its current rendition.
      ctx.status(301)
          .header("Cache-Control", "public, max-age=3600")
          .header("Location", media.url(rendition.crop(), rendition.width(), rendition.format()));
      return null;
    }
    if (rendition.format() == ImageFormat.WEBP && !Images.canWriteWebp())
      throw new HttpProblem.NotFound("WebP renditions are off on this server");
    try {
      java.nio.ByteBuffer bytes;
      try (var file = java.nio.channels.FileChannel.open(renditions.file(media, rendition))) {
        bytes = file.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, file.size());
      }
      return new Ready(
          media.id(),
          bytes,
          new org.eclipse.jetty.http.PreEncodedHttpField(
              org.eclipse.jetty.http.HttpHeader.ETAG,
              "\"" + rendition.key() + "-" + rendition.crop().code() + "-" + rendition.width() + "-"
                  + rendition.format().extension() + "\""),
          rendition.format().mimeType());
    } catch (NoSuchFileException e) {
      log.warn("the original of picture {} is missing ({})", media.id(), e.getFile());
      throw new HttpProblem.NotFound("the original of picture " + media.id() + " is missing");
    }
  }

  /** {@code /media/{id}}: where a body's picture points before a page expands it; the whole picture. */
  public void picture(Context ctx) {
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      throw new HttpProblem.NotFound("no picture " + ctx.pathParam("id"));
    }
    var media = catalog.find(id).orElseThrow(() -> new HttpProblem.NotFound("no picture " + id));
    int width = media.widthUpTo(Crop.FULL, 1200);
    ctx.status(302)
        .header("Cache-Control", "public, max-age=300")
        .header("Location", media.url(Crop.FULL, width, ImageFormat.JPEG));
  }
}
