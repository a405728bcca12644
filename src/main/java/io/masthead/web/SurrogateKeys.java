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

  /** Both header values of one set of tags, sorted once. */
  public record Values(String surrogateKey, String cacheTag) {
    public static Values of(Collection<String> tags) {
      var sorted = new TreeSet<>(tags);
      return new Values(String.join(" ", sorted), String.join(",", sorted));
    }
  }

  /** Sets both headers (none for no tags). */
  public static void set(Context ctx, Collection<String> tags) {
    if (!tags.isEmpty()) set(Exchange.of(ctx), Values.of(tags));
  }

  /** Sets both headers from values made once (a cached page keeps its own). */
  public static void set(Exchange exchange, Values values) {
    if (values.surrogateKey().isEmpty()) return;
    exchange.setHeader("Surrogate-Key", values.surrogateKey());
    exchange.setHeader("Cache-Tag", values.cacheTag());
  }
}
