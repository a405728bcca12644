package io.masthead.web.routes;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.masthead.command.Refusal;
import io.masthead.edition.Edition;
import io.masthead.web.Assets;
import io.masthead.web.CrossOriginProtection;
import io.masthead.web.ErrorPages;
import io.masthead.web.Health;
import io.masthead.web.HttpProblem;
import io.masthead.web.MalformedInput;
import io.masthead.web.MediaFiles;
import io.masthead.web.Metrics;
import io.masthead.web.api.AdminApi;
import io.masthead.web.api.ContentApi;
import io.masthead.web.api.SearchApi;
import io.masthead.web.newsroom.ArticlePages;
import io.masthead.web.newsroom.EditionsPage;
import io.masthead.web.newsroom.FrontPageEditor;
import io.masthead.web.newsroom.MediaPages;
import io.masthead.web.newsroom.NewsroomAuth;
import io.masthead.web.newsroom.RevisionPages;
import io.masthead.web.newsroom.SignInPages;
import io.masthead.web.newsroom.StaffPages;
import io.masthead.web.newsroom.StructurePages;
import io.masthead.web.newsroom.WebhookPages;
import io.masthead.web.site.ArticleHandler;
import io.masthead.web.site.FavoritesPages;
import io.masthead.web.site.FeedPages;
import io.masthead.web.site.SearchPages;
import io.masthead.web.site.SitePages;
import io.masthead.web.site.SitemapPages;

/**
 * Every address of the program, top to bottom, and the one place where what a handler throws is
 * mapped to a response ({@link ErrorPages}).
 */
public final class Routes {
  private Routes() {}

  /** The handlers of the newsroom, grouped. */
  public record Newsroom(
      SignInPages signIn,
      ArticlePages articles,
      RevisionPages revisions,
      StaffPages staff,
      FrontPageEditor frontPage,
      StructurePages structure,
      EditionsPage editions,
      WebhookPages webhooks,
      MediaPages media,
      io.masthead.web.newsroom.ImportPages imports,
      io.masthead.web.newsroom.WirePages wire) {}

  public static void register(
      RoutesConfig routes,
      SitePages site,
      ArticleHandler articlePages,
      FeedPages feeds,
      SitemapPages sitemaps,
      FavoritesPages favorites,
      SearchPages search,
      Newsroom newsroom,
      ContentApi contentApi,
      SearchApi searchApi,
      AdminApi adminApi,
      io.masthead.web.api.WireApi wireApi,
      Assets assets,
      MediaFiles mediaFiles,
      ErrorPages errors,
      Health health,
      CrossOriginProtection crossOrigin,
      Metrics metrics) {
    routes.before(crossOrigin::check);
    routes.before(MalformedInput::check);
    routes.exception(HttpProblem.class, errors::problem);
    routes.exception(NewsroomAuth.SignInNeeded.class, (e, ctx) -> {
      if (ctx.method().name().equals("GET"))
        ctx.redirect(NewsroomAuth.signInAddress(ctx), HttpStatus.SEE_OTHER);
      else errors.problem(new HttpProblem.Unauthorized("sign in first"), ctx);
    });
    routes.exception(Refusal.class, errors::refusal);
    routes.exception(Exception.class, errors::unexpected);
    for (int status : new int[] {400, 404, 405, 410, 413, 414, 431})
      routes.error(status, errors::status);

    get(routes, "/healthz", health::check);
    get(routes, "/metrics", metrics::scrape);
    get(routes, "/assets/{name}", assets::serve);
    get(routes, "/robots.txt", sitemaps::robots);
    get(routes, "/sitemap.xml", sitemaps::index);
    get(routes, "/manifest.webmanifest", sitemaps::manifest);
    get(routes, "/news-sitemap.xml", sitemaps::news);
    get(routes, "/sitemaps/pages.xml", sitemaps::pages);
    get(routes, "/sitemaps/{name}", sitemaps::month);
    get(routes, "/favicon.ico", assets::favicon);
    get(routes, "/media/{id}", mediaFiles::picture);
    get(routes, MediaFiles.ROUTE, mediaFiles::rendition);

    // The API: public reads, and the Admin API for bearer tokens.
    get(
        routes,
        "/api/v1/openapi.json",
        ctx -> ctx.contentType("application/json; charset=utf-8")
            .header("Cache-Control", "public, max-age=300")
            .result(OPENAPI));
    get(routes, "/api/v1/articles", contentApi::articles);
    get(routes, "/api/v1/articles/{id}", contentApi::article);
    get(routes, "/api/v1/sections", contentApi::sections);
    get(routes, "/api/v1/series", contentApi::series);
    get(routes, "/api/v1/tags", contentApi::tags);
    get(routes, "/api/v1/authors", contentApi::authors);
    get(routes, "/api/v1/search", searchApi::search);
    routes.post("/api/v1/admin/articles", adminApi::create);
    get(routes, "/api/v1/admin/articles/{id}", adminApi::get);
    routes.patch("/api/v1/admin/articles/{id}", adminApi::update);
    routes.post("/api/v1/admin/articles/{id}/submit", adminApi::submit);
    routes.post("/api/v1/admin/articles/{id}/publish", adminApi::publish);
    routes.post("/api/v1/admin/articles/{id}/schedule", adminApi::schedule);
    routes.post("/api/v1/admin/articles/{id}/unpublish", adminApi::unpublish);
    routes.post("/api/v1/admin/media", adminApi::uploadMedia);
    get(routes, "/api/v1/admin/media/{id}", adminApi::getMedia);
    routes.patch("/api/v1/admin/media/{id}", adminApi::updateMedia);
    routes.post("/api/v1/admin/wire/sources", wireApi::addSource);
    get(routes, "/api/v1/admin/wire/sources", wireApi::sources);
    routes.post("/api/v1/admin/wire/sources/{id}/items", wireApi::push);
    get(routes, "/api/v1/admin/wire/items", wireApi::items);
    get(routes, "/api/v1/admin/wire/items/{id}", wireApi::item);
    get(routes, "/api/v1/admin/wire/items/{id}/versions/{version}/original", wireApi::original);
    get(routes, "/api/v1/admin/wire/clusters", wireApi::clusters);
    routes.post("/api/v1/admin/wire/clusters/{id}/draft", wireApi::draft);

    // The newsroom: every handler checks the role itself (NewsroomAuth.require).
    var signIn = newsroom.signIn();
    var articles = newsroom.articles();
    var revisions = newsroom.revisions();
    var staff = newsroom.staff();
    get(routes, "/newsroom/login", signIn::loginForm);
    routes.post("/newsroom/login", signIn::login);
    routes.post("/newsroom/logout", signIn::logout);
    get(routes, "/newsroom/account/password", signIn::passwordForm);
    routes.post("/newsroom/account/password", signIn::changePassword);
    get(routes, "/newsroom/", articles::dashboard);
    get(routes, "/newsroom/articles", articles::list);
    get(routes, "/newsroom/articles/new", articles::newArticle);
    routes.post("/newsroom/articles", articles::create);
    routes.post("/newsroom/preview", articles::preview);
    get(routes, "/newsroom/articles/{id}", articles::edit);
    routes.post("/newsroom/articles/{id}", articles::save);
    routes.post("/newsroom/articles/{id}/corrections", articles::correct);
    get(routes, "/newsroom/articles/{id}/revisions", revisions::revisions);
    get(routes, "/newsroom/articles/{id}/revisions/{version}", revisions::diff);
    routes.post("/newsroom/articles/{id}/revisions/{version}/restore", revisions::restore);
    get(routes, "/newsroom/front-page", newsroom.frontPage()::show);
    routes.post("/newsroom/front-page", newsroom.frontPage()::save);
    get(routes, "/newsroom/structure", newsroom.structure()::show);
    routes.post("/newsroom/structure/{kind}", newsroom.structure()::change);
    routes.post("/newsroom/structure/{kind}/{id}", newsroom.structure()::change);
    get(routes, "/newsroom/editions", newsroom.editions()::show);
    routes.post("/newsroom/editions", newsroom.editions()::add);
    routes.post("/newsroom/editions/{code}", newsroom.editions()::update);
    get(routes, "/newsroom/webhooks", newsroom.webhooks()::list);
    routes.post("/newsroom/webhooks", newsroom.webhooks()::register);
    get(routes, "/newsroom/webhooks/{id}", newsroom.webhooks()::show);
    routes.post("/newsroom/webhooks/{id}", newsroom.webhooks()::change);
    get(routes, "/newsroom/media", newsroom.media()::library);
    routes.post("/newsroom/media", newsroom.media()::upload);
    get(routes, "/newsroom/media/{id}", newsroom.media()::show);
    routes.post("/newsroom/media/{id}", newsroom.media()::save);
    get(routes, "/newsroom/import", newsroom.imports()::show);
    routes.post("/newsroom/import", newsroom.imports()::start);
    var wire = newsroom.wire();
    get(routes, "/newsroom/wire", wire::desk);
    get(routes, "/newsroom/wire/newest", wire::newest);
    get(routes, "/newsroom/wire/items/{id}", wire::item);
    get(routes, "/newsroom/wire/clusters/{id}", wire::cluster);
    routes.post("/newsroom/wire/clusters/{id}", wire::changeCluster);
    routes.post("/newsroom/wire/clusters/{id}/story", wire::writeStory);
    get(routes, "/newsroom/wire/sources", wire::sources);
    routes.post("/newsroom/wire/sources", wire::addSource);
    routes.post("/newsroom/wire/sources/{id}", wire::changeSource);
    routes.post("/newsroom/wire/rules", wire::saveRules);
    get(routes, "/newsroom/audit", staff::auditLog);
    get(routes, "/newsroom/staff", staff::staffList);
    routes.post("/newsroom/staff", staff::addStaff);
    routes.post("/newsroom/staff/{id}", staff::changeStaff);
    get(routes, "/newsroom/account/tokens", staff::tokens);
    routes.post("/newsroom/account/tokens", staff::createToken);
    routes.post("/newsroom/account/tokens/{id}/revoke", staff::revokeToken);

    // The reader's site: the default edition at "/", every other one under its prefix ("/ar/").
    // Prefixes are looked up per request, so an edition added in the newsroom is served at once.
    // Literal segments are registered before parameters: Javalin takes the first match.
    var editions = site.editions();
    // Articles before the other public routes: Javalin tries the routes in turn, and the site's
    // most asked page came last, after some hundred others (route matching was 6.3 % of a
    // rendered article's profile, 4.5 % now). Safe: no public route below has five or six
    // segments. The API's and the newsroom's above keep theirs: some have as many.
    get(
        routes,
        "/{section}/{year}/{month}/{day}/{slug}",
        ctx -> articlePages.article(
            ctx,
            editions.defaultEdition(),
            ctx.pathParam("section"),
            ctx.pathParam("year"),
            ctx.pathParam("month"),
            ctx.pathParam("day"),
            ctx.pathParam("slug")));
    get(
        routes,
        "/{edition}/{section}/{year}/{month}/{day}/{slug}",
        ctx -> articlePages.article(
            ctx,
            prefixed(editions, ctx),
            ctx.pathParam("section"),
            ctx.pathParam("year"),
            ctx.pathParam("month"),
            ctx.pathParam("day"),
            ctx.pathParam("slug")));
    get(routes, "/", ctx -> {
      // An imported WordPress site's "/?p=123" (and ?page_id=, ?cat=…) answer 301 to the page now.
      if (ctx.queryString() != null && errors.redirectIfMoved(ctx)) return;
      site.home(ctx, editions.defaultEdition());
    });
    get(routes, "/favorites", ctx -> favorites.list(ctx, editions.defaultEdition()));
    routes.post("/favorites", ctx -> favorites.star(ctx, editions.defaultEdition()));
    get(routes, "/search", ctx -> search.search(ctx, editions.defaultEdition()));
    get(
        routes,
        "/series/{slug}",
        ctx -> site.series(ctx, editions.defaultEdition(), ctx.pathParam("slug")));
    get(
        routes,
        "/tag/{slug}",
        ctx -> site.tag(ctx, editions.defaultEdition(), ctx.pathParam("slug")));
    get(
        routes,
        "/author/{slug}",
        ctx -> site.author(ctx, editions.defaultEdition(), ctx.pathParam("slug")));
    // Feeds: each listing page's address with /feed, /feed.atom or /feed.json after it.
    for (var format : FeedPages.Format.values()) {
      var feed = "/" + format.segment();
      feed(
          format,
          routes,
          "/corrections" + feed,
          ctx -> feeds.corrections(ctx, editions.defaultEdition(), format));
      feed(format, routes, feed, ctx -> feeds.edition(ctx, editions.defaultEdition(), format));
      feed(
          format,
          routes,
          "/series/{slug}" + feed,
          ctx -> feeds.series(ctx, editions.defaultEdition(), ctx.pathParam("slug"), format));
      feed(
          format,
          routes,
          "/tag/{slug}" + feed,
          ctx -> feeds.tag(ctx, editions.defaultEdition(), ctx.pathParam("slug"), format));
      feed(
          format,
          routes,
          "/author/{slug}" + feed,
          ctx -> feeds.author(ctx, editions.defaultEdition(), ctx.pathParam("slug"), format));
      feed(format, routes, "/{first}" + feed, ctx -> {
        var edition = editions.findByPrefix(ctx.pathParam("first"));
        if (edition.isPresent()) feeds.edition(ctx, edition.get(), format);
        else feeds.section(ctx, editions.defaultEdition(), ctx.pathParam("first"), format);
      });
    }
    get(routes, "/{first}/", ctx -> {
      var edition = editions.findByPrefix(ctx.pathParam("first"));
      if (edition.isEmpty()) {
        site.section(ctx, editions.defaultEdition(), ctx.pathParam("first"));
      } else if (!ctx.path().endsWith("/")) {
        ctx.redirect(edition.get().homePath(), HttpStatus.MOVED_PERMANENTLY); // "/ar" -> "/ar/"
      } else {
        site.home(ctx, edition.get());
      }
    });
    get(routes, "/{edition}/favorites", ctx -> favorites.list(ctx, prefixed(editions, ctx)));
    routes.post("/{edition}/favorites", ctx -> favorites.star(ctx, prefixed(editions, ctx)));
    get(routes, "/{edition}/search", ctx -> search.search(ctx, prefixed(editions, ctx)));
    get(
        routes,
        "/{edition}/series/{slug}",
        ctx -> site.series(ctx, prefixed(editions, ctx), ctx.pathParam("slug")));
    get(
        routes,
        "/{edition}/tag/{slug}",
        ctx -> site.tag(ctx, prefixed(editions, ctx), ctx.pathParam("slug")));
    get(
        routes,
        "/{edition}/author/{slug}",
        ctx -> site.author(ctx, prefixed(editions, ctx), ctx.pathParam("slug")));
    for (var format : FeedPages.Format.values()) {
      var feed = "/" + format.segment();
      feed(
          format,
          routes,
          "/{edition}/corrections" + feed,
          ctx -> feeds.corrections(ctx, prefixed(editions, ctx), format));
      feed(
          format,
          routes,
          "/{edition}/series/{slug}" + feed,
          ctx -> feeds.series(ctx, prefixed(editions, ctx), ctx.pathParam("slug"), format));
      feed(
          format,
          routes,
          "/{edition}/tag/{slug}" + feed,
          ctx -> feeds.tag(ctx, prefixed(editions, ctx), ctx.pathParam("slug"), format));
      feed(
          format,
          routes,
          "/{edition}/author/{slug}" + feed,
          ctx -> feeds.author(ctx, prefixed(editions, ctx), ctx.pathParam("slug"), format));
      feed(
          format,
          routes,
          "/{edition}/{section}" + feed,
          ctx -> feeds.section(ctx, prefixed(editions, ctx), ctx.pathParam("section"), format));
    }
    get(
        routes,
        "/{edition}/{section}/",
        ctx -> site.section(ctx, prefixed(editions, ctx), ctx.pathParam("section")));
  }

  /** The edition named by the first segment, which must be an edition's prefix. */
  private static Edition prefixed(
      io.masthead.edition.Editions editions, io.javalin.http.Context ctx) {
    return editions
        .findByPrefix(ctx.pathParam("edition"))
        .orElseThrow(
            () -> new HttpProblem.NotFound("no edition at /" + ctx.pathParam("edition") + "/"));
  }

  private static final byte[] OPENAPI = readOpenApi();

  private static byte[] readOpenApi() {
    try (var in = Routes.class.getResourceAsStream("/api/openapi.json")) {
      return in.readAllBytes();
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("the OpenAPI document is missing from the build", e);
    }
  }

  /** A feed's address: its errors are answered in the feed's own format, not as a page. */
  private static void feed(
      FeedPages.Format format, RoutesConfig routes, String path, Handler handler) {
    get(routes, path, ctx -> {
      ErrorPages.answerAsFeed(ctx, format == FeedPages.Format.JSON);
      handler.handle(ctx);
    });
  }

  /** A GET address, answered to HEAD the same way (Jetty sends no body for HEAD). */
  private static void get(RoutesConfig routes, String path, Handler handler) {
    routes.get(path, handler);
    routes.head(path, handler);
  }
}
