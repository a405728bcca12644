package io.masthead.web;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The tags of a cacheable response as CDNs take them: {@code Surrogate-Key}, space-separated
 * (Fastly; Varnish's xkey through {@code ops/varnish/masthead.vcl}), and {@code Cache-Tag},
 * comma-separated (Cloudflare, Akamai). They are the page cache's own tags, so the purge
 * dispatcher ({@code cdn.CdnPurger}) drops from a CDN what a change drops from the page cache.
 */
public final class SurrogateKeys {
  private SurrogateKeys() {}

  /** Sets both headers (none for no tags). */
  public static void set(Context ctx, Collection<String> tags) {
    if (tags.isEmpty()) return;
    set(ctx, surrogateKey(tags), cacheTag(tags));
  }

  /** Sets both headers from values made once ({@link #surrogateKey}, {@link #cacheTag}). */
  public static void set(Context ctx, String surrogateKey, String cacheTag) {
    if (surrogateKey.isEmpty()) return;
    ctx.header("Surrogate-Key", surrogateKey);
    ctx.header("Cache-Tag", cacheTag);
  }

  public static String surrogateKey(Collection<String> tags) {
    return String.join(" ", new TreeSet<>(tags));
  }

  public static String cacheTag(Collection<String> tags) {
    return String.join(",", new TreeSet<>(tags));
  }
}
