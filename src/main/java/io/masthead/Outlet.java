package io.masthead;

import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleService;
import io.masthead.article.BodyRenderer;
import io.masthead.article.NewsroomArticles;
import io.masthead.article.ScheduledPublisher;
import io.masthead.audit.AuditLog;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.Sessions;
import io.masthead.newsroom.SignInLimiter;
import io.masthead.newsroom.StaffService;
import io.masthead.newsroom.StructureService;
import io.masthead.web.api.AdminApi;
import io.masthead.web.api.ApiJson;
import io.masthead.web.api.ContentApi;
import io.masthead.web.newsroom.ArticleForms;
import io.masthead.web.newsroom.EditionsPage;
import io.masthead.web.newsroom.FrontPageEditor;
import io.masthead.web.newsroom.NewsroomAuth;
import io.masthead.web.newsroom.NewsroomPages;
import io.masthead.web.newsroom.StructurePages;
import io.masthead.author.AuthorRepository;
import io.masthead.edition.EditionService;
import io.masthead.edition.Editions;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import io.masthead.storage.Settings;
import io.masthead.tag.TagRepository;
import io.masthead.web.Assets;
import io.masthead.web.ErrorPages;
import io.masthead.web.Health;
import io.masthead.web.PageCache;
import io.masthead.web.Routes;
import io.masthead.web.Templates;
import io.masthead.web.WebServer;
import io.masthead.web.site.FavoritesPages;
import io.masthead.web.site.PageServer;
import io.masthead.web.site.SitePages;
import java.time.Clock;

/**
 * One running outlet, wired by hand: the database, the change log and the services, and,
 * once {@link #serve} is called, the web server. Closed in reverse order.
 */
public final class Outlet implements AutoCloseable {
  public Config config;
  public final Clock clock;
  public final Database database;
  public final ChangeLog changeLog;
  public final ArticleRepository articles;
  public final ArticleService articleService;
  public final FavoriteService favorites;
  public final FrontPageRepository frontPages;
  public final PageCache pageCache;
  public final AuditLog audit;
  public final StaffService staff;
  public final Sessions sessions;
  public final ApiTokens apiTokens;
  private WebServer webServer;
  private ScheduledPublisher scheduler;

  public Outlet(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.database = Database.open(config.storage().databaseUrl(), config.storage().databaseUser(),
        config.storage().databasePassword());
    this.changeLog = new ChangeLog(database, clock);
    this.articles = new ArticleRepository(database);
    this.articleService = new ArticleService(database, changeLog, new BodyRenderer(), clock);
    this.favorites = new FavoriteService(database, changeLog, articles, clock);
    this.frontPages = new FrontPageRepository(database, changeLog, clock);
    this.pageCache = new PageCache(config.server().pageCache(), pageCacheBytes(), clock);
    this.audit = new AuditLog(database, clock);
    this.staff = new StaffService(database, audit, clock);
    this.sessions = new Sessions(database, clock);
    this.apiTokens = new ApiTokens(database, audit, clock);
  }

  /** Starts following the change log and serving; returns the port it listens on. */
  public int serve() {
    if (config.server().port() == 0) {
      // Bind to a free port now, so that the public address in canonical links names the real one.
      int port = freePort(config.server().host());
      var derived = config.site().baseUrl().equals(Config.defaultBaseUrl(config.server().host(), 0));
      var server = new Config.Server(config.server().host(), port, config.server().pageCache());
      var site = derived ? new Config.Site(config.site().name(), Config.defaultBaseUrl(config.server().host(), port)) : config.site();
      config = new Config(server, config.storage(), site);
    }
    var editions = Editions.load(database);
    if (editions.isEmpty()) throw new IllegalStateException("this outlet has no edition yet: run 'masthead demo' to make one");
    // Before the caches that name editions: they must see the new list when they drop their entries.
    changeLog.addListener(change -> {
      if (change.tags().contains(Editions.TAG)) editions.reload(database);
    });
    var templates = new Templates();
    var assets = new Assets();
    var readerCookie = new ReaderCookie(new Settings(database).secret("reader-cookie"));
    var pageServer = new PageServer(pageCache, favorites, readerCookie);
    var site = new SitePages(editions, config.site().name(), config.site().baseUrl(), articles,
        new SeriesRepository(database), new TagRepository(database), new AuthorRepository(database), frontPages,
        new SectionRepository(database), templates, pageServer, changeLog, clock, assets.version());
    // Listeners run in the order added. The page cache goes last: the caches pages are made from
    // (sections, listings, front pages) must be dropped first, or a page rendered in between
    // would be stored with stale parts.
    changeLog.addListener(change -> pageCache.invalidate(change.tags()));
    changeLog.start(500);
    var favoritesPages = new FavoritesPages(site, pageServer, favorites, readerCookie, templates,
        config.site().baseUrl().startsWith("https:"));
    var errors = new ErrorPages(site);
    var health = new Health(database);
    var secure = config.site().baseUrl().startsWith("https:");
    var newsroomAuth = new NewsroomAuth(sessions, secure);
    var frontPage = new FrontPageEditor(newsroomAuth, editions, articles, frontPages, new SeriesRepository(database), changeLog,
        templates, clock);
    var newsroom = new NewsroomPages(newsroomAuth, sessions, new SignInLimiter(database, clock), staff,
        editions, articles, articleService, new NewsroomArticles(database), new SectionRepository(database),
        new SeriesRepository(database), new TagRepository(database), new AuthorRepository(database), audit, apiTokens, templates, clock);
    var apiJson = new ApiJson(editions, config.site().baseUrl());
    var contentApi = new ContentApi(editions, articles, new SectionRepository(database), new SeriesRepository(database),
        new TagRepository(database), new AuthorRepository(database), apiJson);
    var adminApi = new AdminApi(apiTokens, editions, articles, articleService, new NewsroomArticles(database),
        new SectionRepository(database), new SeriesRepository(database), new AuthorRepository(database),
        new ArticleForms(editions, new SectionRepository(database), new SeriesRepository(database), new TagRepository(database),
            new AuthorRepository(database)), apiJson);
    var structure = new StructurePages(newsroomAuth, editions, new StructureService(database, changeLog, audit, clock),
        new SectionRepository(database), new SeriesRepository(database), new TagRepository(database), new AuthorRepository(database),
        templates);
    var editionsPage = new EditionsPage(newsroomAuth, editions, new EditionService(database, editions, changeLog, audit, clock), templates);
    webServer = new WebServer(routes -> Routes.register(routes, site, favoritesPages, newsroom, frontPage, structure, editionsPage,
        contentApi, adminApi,
        assets, errors, health))
        .start(config.server().host(), config.server().port());
    scheduler = new ScheduledPublisher(articleService).start(schedulerMillis);
    return webServer.port();
  }

  private static int freePort(String host) {
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A quarter of the heap, at most 256 MiB: pages are kept gzipped, about 5 KB each. */
  private static long pageCacheBytes() {
    return Math.min(256L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4);
  }

  /** How often scheduled articles are looked for; tests make it short. */
  public long schedulerMillis = 5_000;

  @Override
  public void close() {
    if (scheduler != null) scheduler.close();
    if (webServer != null) webServer.close();
    changeLog.close();
    database.close();
  }
}
