package io.masthead.web;

import io.javalin.http.Context;
import java.util.Collection;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The tags of a cacheable response as CDNs take them: {@code Surrogate-Key}, space-separated
 * (Fastly; Varnish's xkey through {@code ops/varnish/masthead.vcl}), and {@code Cache-Tag},
 * comma-separated (Cloudflare, Akamai). They are the page cache's own tags, so the purge
 * dispatcher ({@code cdn.CdnPurger}) drops from a CDN what a change drops from the page cache.
 */
public final class SurrogateKeys {
  private SurrogateKeys() {}

  /**
   * Both headers of one set of tags, sorted and encoded once (a cached page sends its own on
   * every hit); null for no tags.
   */
  public record Values(HttpField surrogateKey, HttpField cacheTag) {
    private static final Values NONE = new Values(null, null);

    public static Values of(Collection<String> tags) {
      if (tags.isEmpty()) return NONE;
      var sorted = new TreeSet<>(tags);
      return new Values(
          new PreEncodedHttpField("Surrogate-Key", String.join(" ", sorted)),
          new PreEncodedHttpField("Cache-Tag", String.join(",", sorted)));
    }
  }

  /** Sets both headers (none for no tags). */
  public static void set(Context ctx, Collection<String> tags) {
    if (!tags.isEmpty()) set(Exchange.of(ctx), Values.of(tags));
  }

  /** Sets both headers from values made once (a cached page keeps its own). */
  public static void set(Exchange exchange, Values values) {
    if (values.surrogateKey() == null) return;
    exchange.setHeader(values.surrogateKey()).setHeader(values.cacheTag());
  }
}
