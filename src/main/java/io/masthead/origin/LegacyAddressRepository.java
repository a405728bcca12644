package io.masthead.origin;

import io.masthead.storage.Database;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The addresses pages had on an outlet's old site, and where each one is now. An address is kept
 * in one normal form: the percent-decoded path without its trailing slash, plus, for the query
 * styles WordPress answers on any path ({@code ?p=123}, {@code ?page_id=}, {@code ?cat=},
 * {@code ?tag=}), that one parameter. Thread-safe.
 */
public final class LegacyAddressRepository {
  /** The query parameters that name a page by themselves on a WordPress site. */
  public static final List<String> NAMING_PARAMETERS =
      List.of("p", "page_id", "cat", "tag", "attachment_id", "author");

  public static final int MAX_ADDRESS = 1000;

  /** Where an old address leads: an article (by id, followed to its address now) or a fixed path. */
  public record Target(Long articleId, String path) {}

  private final Database database;

  public LegacyAddressRepository(Database database) {
    this.database = database;
  }

  /** Where the old address {@code path?query} leads now, if it is one. */
  public Optional<Target> find(String path, String query) {
    var address = normalise(path, query);
    if (address.isEmpty()) return Optional.empty();
    return database.read(h -> h.createQuery(
            "SELECT article_id, target FROM legacy_address WHERE address = :address")
        .bind("address", address.get())
        .map((rs, ctx) -> {
          long id = rs.getLong(1);
          return new Target(rs.wasNull() ? null : id, rs.getString(2));
        })
        .findOne());
  }

  /** Points old addresses (URLs or paths) at fixed paths of the site, in one transaction. */
  public void pointAtPaths(java.util.Map<String, String> pathByOldAddress) {
    if (pathByOldAddress.isEmpty()) return;
    database.useTransaction(
        h -> pathByOldAddress.forEach((address, path) -> pointAtPath(h, List.of(address), path)));
  }

  /** How many old addresses lead somewhere. */
  public long count() {
    return database.read(h ->
        h.createQuery("SELECT COUNT(*) FROM legacy_address").mapTo(Long.class).one());
  }

  /** Points each of these old addresses (full URLs or paths) at the article, in the caller's transaction. */
  public static void pointAtArticle(Handle h, Collection<String> addresses, long articleId) {
    for (var address : normalised(addresses)) {
      h.createUpdate("""
              INSERT INTO legacy_address (address, article_id) VALUES (:address, :article)
              ON CONFLICT (address) DO UPDATE SET article_id = excluded.article_id, target = NULL""").bind("address", address).bind("article", articleId).execute();
    }
  }

  /** Points each of these old addresses at a fixed path of the site (a section's, a tag's…). */
  public static void pointAtPath(Handle h, Collection<String> addresses, String path) {
    for (var address : normalised(addresses)) {
      if (address.equals(path)) continue; // the page answers there itself
      h.createUpdate("""
              INSERT INTO legacy_address (address, target) VALUES (:address, :target)
              ON CONFLICT (address) DO UPDATE SET target = excluded.target, article_id = NULL""").bind("address", address).bind("target", path).execute();
    }
  }

  private static Set<String> normalised(Collection<String> addresses) {
    var out = new java.util.LinkedHashSet<String>();
    for (var a : addresses) fromUrl(a).ifPresent(out::add);
    return out;
  }

  /** The normal form of an address given as a full URL ({@code https://old.example/a/b/}) or a path. */
  public static Optional<String> fromUrl(String url) {
    if (url == null || url.isBlank()) return Optional.empty();
    try {
      var uri = URI.create(url.strip().replace(" ", "%20"));
      var path = uri.getRawPath();
      return normalise(path == null || path.isEmpty() ? "/" : path, uri.getRawQuery());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The normal form of {@code path} (raw or decoded) and {@code query} (raw), or empty when the
   * address cannot be one of an old site's pages (no path; a query naming nothing).
   */
  public static Optional<String> normalise(String path, String query) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') return Optional.empty();
    String decoded;
    try {
      decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (decoded.endsWith("/index.php")) decoded = decoded.substring(0, decoded.length() - 9);
    while (decoded.length() > 1 && decoded.endsWith("/"))
      decoded = decoded.substring(0, decoded.length() - 1);
    var naming = namingParameter(query);
    var address = naming == null ? decoded : decoded + "?" + naming;
    if (naming == null && decoded.equals("/")) return Optional.empty();
    return address.length() > MAX_ADDRESS ? Optional.empty() : Optional.of(address);
  }

  /** The first parameter of the query that names a page by itself ("p=123"), or null. */
  private static String namingParameter(String query) {
    if (query == null || query.isEmpty()) return null;
    for (var pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) continue;
      var name = pair.substring(0, eq);
      if (!NAMING_PARAMETERS.contains(name)) continue;
      String value;
      try {
        value =
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
      } catch (IllegalArgumentException e) {
        continue;
      }
      if (!value.isEmpty()) return name + "=" + value;
    }
    return null;
  }
}
