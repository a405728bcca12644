package io.masthead.edition;

import com.ibm.icu.util.ULocale;
import java.time.ZoneId;

/**
 * A language edition of the outlet: its own sections, feeds and interface language, served
 * under a URL prefix ({@code ""} for the default edition, {@code "/ar"} for Arabic).
 */
public record Edition(
    String code,
    String name,
    String language,
    Direction direction,
    String urlPrefix,
    boolean isDefault,
    ZoneId timeZone,
    int position) {

  /**
   * The first path segments the site itself uses under every edition's address, which no
   * section and no edition may take.
   */
  public static final java.util.Set<String> SITE_SEGMENTS = java.util.Set.of(
      "series",
      "tag",
      "author",
      "favorites",
      "newsroom",
      "api",
      "assets",
      "healthz",
      "search",
      "feed",
      "feed.atom",
      "feed.json",
      "corrections",
      "sitemap.xml",
      "sitemaps",
      "news-sitemap.xml",
      "robots.txt",
      "favicon.ico",
      "manifest.webmanifest");

  public enum Direction {
    LTR,
    RTL;

    public String attribute() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Edition {
    if (!code.matches("[a-z][a-z0-9-]{0,15}"))
      throw new IllegalArgumentException("bad edition code: " + code);
    if (isDefault != urlPrefix.isEmpty()) {
      throw new IllegalArgumentException("the default edition, and only it, has no URL prefix");
    }
    if (!urlPrefix.isEmpty() && !urlPrefix.matches("/[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("bad URL prefix: " + urlPrefix);
    }
  }

  public ULocale locale() {
    return ULocale.forLanguageTag(language);
  }

  public boolean rtl() {
    return direction == Direction.RTL;
  }

  /** An address inside this edition: {@code path("/world/")} is {@code /ar/world/} in Arabic. */
  public String path(String path) {
    return urlPrefix + path;
  }

  public String homePath() {
    return urlPrefix + "/";
  }

  /** The cache and change-log tag of everything edition-wide (navigation, banners). */
  public String structureTag() {
    return io.masthead.change.Tags.structure(code);
  }

  /** The listing of every published article of the edition; also the home page's tag. */
  public String listingKey() {
    return io.masthead.change.Tags.edition(code);
  }
}
