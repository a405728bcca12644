package io.masthead.web.site;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.masthead.edition.Edition;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.web.HttpProblem;
import io.masthead.web.Templates;

/**
 * The favorites page and the star. Starring is a plain form post that works without
 * JavaScript (303 back to the article); with JavaScript the same post asks for JSON and the
 * star toggles in place. Thread-safe.
 */
public final class FavoritesPages {
  private static final int COOKIE_MAX_AGE = 60 * 60 * 24 * 400;

  private final SiteFrames site;
  private final PageServer server;
  private final FavoriteService favorites;
  private final ReaderCookie readerCookie;
  private final Templates templates;
  private final boolean secureCookies;

  public FavoritesPages(
      SiteFrames site,
      PageServer server,
      FavoriteService favorites,
      ReaderCookie readerCookie,
      Templates templates,
      boolean secureCookies) {
    this.site = site;
    this.server = server;
    this.favorites = favorites;
    this.readerCookie = readerCookie;
    this.templates = templates;
    this.secureCookies = secureCookies;
  }

  public void list(Context ctx, Edition edition) {
    var reader = server.reader(ctx);
    var stories = reader.isPresent()
        ? favorites.list(reader.getAsLong(), edition.code())
        : java.util.List.<io.masthead.article.ArticleSummary>of();
    var t = site.texts(edition);
    var view = new SiteViews.Favorites(
        site.favoritesChrome(edition),
        t.t("favorites.count", stories.size()),
        site.stories(edition, stories));
    templates.sendPrivate(ctx, 200, "site/favorites.jte", view);
  }

  /** Form fields: {@code article} (id), {@code starred} (true or false), {@code back} (a path here). */
  public void star(Context ctx, Edition edition) {
    long articleId;
    try {
      articleId = Long.parseLong(ctx.formParam("article"));
    } catch (NumberFormatException | NullPointerException e) {
      throw new HttpProblem.BadRequest("article must be an article id");
    }
    var wanted = ctx.formParam("starred");
    if (!"true".equals(wanted) && !"false".equals(wanted))
      throw new HttpProblem.BadRequest("starred must be true or false");
    var reader = server.reader(ctx).stream()
        .boxed()
        .filter(favorites::readerExists)
        .findFirst()
        .orElse(null);
    if (reader == null) {
      if (wanted.equals("false")) {
        answer(ctx, edition, false);
        return;
      }
      reader = favorites.newReader();
      ctx.cookie(new Cookie(
          ReaderCookie.NAME,
          readerCookie.sign(reader),
          "/",
          COOKIE_MAX_AGE,
          secureCookies,
          true,
          null,
          SameSite.LAX));
    }
    boolean starred;
    if (wanted.equals("true")) {
      if (!favorites.star(reader, articleId))
        throw new HttpProblem.NotFound("no published article " + articleId);
      starred = true;
    } else {
      favorites.unstar(reader, articleId);
      starred = false;
    }
    answer(ctx, edition, starred);
  }

  private void answer(Context ctx, Edition edition, boolean starred) {
    ctx.header("Cache-Control", "no-store");
    var accept = ctx.header("Accept");
    if (accept != null && accept.contains("application/json")) {
      ctx.contentType("application/json").result("{\"starred\":" + starred + "}");
      return;
    }
    ctx.status(303).header("Location", SitePaths.encode(safeBack(ctx.formParam("back"), edition)));
  }

  /** Only a path on this site: never "//elsewhere" or "https://elsewhere" (no open redirect). */
  static String safeBack(String back, Edition edition) {
    if (back == null
        || !back.startsWith("/")
        || back.startsWith("//")
        || back.contains("\\")
        || back.length() > 600
        || back.chars().anyMatch(c -> c < 0x20)) {
      return edition.homePath();
    }
    return back;
  }
}
