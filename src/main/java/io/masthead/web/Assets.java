package io.masthead.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The site's own CSS and script, read once from the class path and served from memory,
 * compressed, with a version in their address so browsers may keep them for a year.
 */
public final class Assets {
  private record Asset(String contentType, PageCache.Variant bytes) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();
  private final String version;

  public Assets() {
    add("site.css", "text/css; charset=utf-8");
    add("site.js", "text/javascript; charset=utf-8");
    add("newsroom.css", "text/css; charset=utf-8");
    add("newsroom.js", "text/javascript; charset=utf-8");
    add("icon.svg", "image/svg+xml");
    var all = new StringBuilder();
    assets.values().forEach(a -> all.append(a.bytes().etag()));
    this.version = PageCache.etag(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(3, 13);
  }

  private void add(String name, String contentType) {
    try (InputStream in = Assets.class.getResourceAsStream("/assets/" + name)) {
      if (in == null) throw new IllegalStateException("missing asset " + name);
      assets.put(name, new Asset(contentType, PageCache.Variant.of(in.readAllBytes())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes whenever an asset does; part of every asset address. */
  public String version() {
    return version;
  }

  /** {@code /favicon.ico}, which browsers ask for by themselves: the site's icon. */
  public void favicon(Context ctx) {
    ctx.header("Cache-Control", "public, max-age=86400");
    ctx.redirect("/assets/icon.svg?v=" + version, io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
  }

  public void serve(Context ctx) {
    var asset = assets.get(ctx.pathParam("name"));
    if (asset == null) throw new HttpProblem.NotFound("no asset");
    var variant = asset.bytes();
    ctx.header(
        "Cache-Control",
        ("v=" + version).equals(ctx.queryString())
            ? "public, max-age=31536000, immutable"
            : "public, max-age=300");
    ctx.header("Vary", "Accept-Encoding");
    VariantResponse.send(ctx, variant, asset.contentType(), 9);
  }
}
