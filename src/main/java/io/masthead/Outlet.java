package io.masthead;

import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleRepository;
import io.masthead.article.BodyRenderer;
import io.masthead.article.NewsroomArticles;
import io.masthead.article.RevisionRepository;
import io.masthead.article.ScheduledPublisher;
import io.masthead.audit.AuditLog;
import io.masthead.author.AuthorDesk;
import io.masthead.author.AuthorRepository;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.edition.EditionService;
import io.masthead.edition.Editions;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.frontpage.FrontPageDesk;
import io.masthead.frontpage.FrontPageRepository;
import io.masthead.media.MediaCatalog;
import io.masthead.media.MediaDesk;
import io.masthead.media.MediaRepository;
import io.masthead.media.OriginalStore;
import io.masthead.media.Renditions;
import io.masthead.newsroom.ApiTokens;
import io.masthead.newsroom.Sessions;
import io.masthead.newsroom.SignInLimiter;
import io.masthead.newsroom.StaffService;
import io.masthead.search.Scope;
import io.masthead.search.SearchIndex;
import io.masthead.search.SearchRepository;
import io.masthead.section.SectionDesk;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesDesk;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.Database;
import io.masthead.storage.Settings;
import io.masthead.tag.TagDesk;
import io.masthead.tag.TagRepository;
import io.masthead.upkeep.Retention;
import io.masthead.web.Assets;
import io.masthead.web.CrossOriginProtection;
import io.masthead.web.ErrorPages;
import io.masthead.web.Health;
import io.masthead.web.MediaFiles;
import io.masthead.web.Metrics;
import io.masthead.web.PageCache;
import io.masthead.web.Templates;
import io.masthead.web.Texts;
import io.masthead.web.WebServer;
import io.masthead.web.api.AdminApi;
import io.masthead.web.api.ApiJson;
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
import io.masthead.web.routes.Routes;
import io.masthead.web.site.ArticleHandler;
import io.masthead.web.site.FavoritesPages;
import io.masthead.web.site.FeedPages;
import io.masthead.web.site.PageServer;
import io.masthead.web.site.SearchPages;
import io.masthead.web.site.SiteFrames;
import io.masthead.web.site.SitePages;
import io.masthead.web.site.SitemapPages;
import java.time.Clock;
import java.time.Duration;

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
  public final ArticleDesk articleDesk;
  public final RevisionRepository revisions;
  public final SectionDesk sectionDesk;
  public final SeriesDesk seriesDesk;
  public final TagDesk tagDesk;
  public final AuthorDesk authorDesk;
  public final FrontPageDesk frontPageDesk;
  public final FavoriteService favorites;
  public final FrontPageRepository frontPages;
  public final PageCache pageCache;
  public final AuditLog audit;
  public final StaffService staff;
  public final Sessions sessions;
  public final ApiTokens apiTokens;
  public final io.masthead.webhook.WebhookRepository webhooks;
  public final io.masthead.webhook.WebhookSender webhookSender;
  public final io.masthead.webhook.WebhookDesk webhookDesk;
  public final MediaRepository media;
  public final MediaCatalog mediaCatalog;
  public final Renditions renditions;
  public final MediaDesk mediaDesk;
  public final io.masthead.origin.LegacyAddressRepository legacyAddresses;
  public final io.masthead.wire.WireRepository wire;
  public final io.masthead.wire.WireDesk wireDesk;
  /** This node's name, for leases and claims: host, process and a random part, unique while it runs. */
  public final String node = nodeName();

  private SearchIndex searchIndex;
  private SearchIndex newsroomSearch;
  private WebServer webServer;
  private ScheduledPublisher scheduler;
  private Retention retention;
  private io.masthead.wire.WirePoller wirePoller;
  private Metrics metrics;

  public Outlet(Config config, Clock clock) {
    this.config = config;
    this.clock = clock;
    // WebP's encoder loads on first use (~0.1 s: libwebp unpacked to a temporary file and
    // tried): on the other core while the database opens, not in the first page's render.
    Thread.ofPlatform().daemon().name("webp-load").start(io.masthead.media.Images::canWriteWebp);
    // What the first statement and the first page would do on the main thread, done beside it.
    Thread.ofPlatform().daemon().name("start-up").start(() -> {
      Database.registerStatementEvents();
      Texts.readIcuLanguages();
    });
    this.database = Database.open(
        config.storage().databaseUrl(),
        config.storage().databaseUser(),
        config.storage().databasePassword());
    this.changeLog = new ChangeLog(database, clock);
    this.articles = new ArticleRepository(database);
    this.audit = new AuditLog(database, clock);
    this.articleDesk = new ArticleDesk(database, changeLog, new BodyRenderer(), audit, clock);
    this.revisions = new RevisionRepository(database);
    this.sectionDesk = new SectionDesk(database, changeLog, audit);
    this.seriesDesk = new SeriesDesk(database, changeLog, audit);
    this.tagDesk = new TagDesk(database, changeLog, audit);
    this.authorDesk = new AuthorDesk(database, changeLog, audit);
    this.frontPageDesk = new FrontPageDesk(database, changeLog, audit, clock);
    this.favorites = new FavoriteService(database, changeLog, articles, clock);
    this.frontPages = new FrontPageRepository(database);
    this.pageCache = new PageCache(
        config.server().pageCache(),
        pageCacheBytes(),
        clock,
        config.server().pageCacheDiskMegabytes() == 0
            ? null
            : new io.masthead.web.PageSpill(
                config.storage().dataDirectory().resolve("page-cache"),
                config.server().pageCacheDiskMegabytes() * 1024L * 1024L,
                clock));
    this.staff = new StaffService(database, audit, clock);
    this.sessions = new Sessions(database, clock);
    this.apiTokens = new ApiTokens(database, audit, clock);
    this.webhooks = new io.masthead.webhook.WebhookRepository(database);
    var guard =
        new io.masthead.webhook.AddressGuard(config.distribution().webhooksToPrivateAddresses());
    this.webhookSender = new io.masthead.webhook.WebhookSender(webhooks, guard, clock, node);
    this.webhookDesk =
        new io.masthead.webhook.WebhookDesk(database, audit, guard, webhookSender, clock);
    var mediaDirectory = config.storage().dataDirectory().resolve("media");
    var originals = new OriginalStore(mediaDirectory);
    this.media = new MediaRepository(database);
    this.mediaCatalog = new MediaCatalog(media);
    this.renditions = new Renditions(mediaDirectory, originals);
    this.mediaDesk = new MediaDesk(database, changeLog, audit, originals, renditions, clock);
    mediaDesk.onWritten(mediaCatalog::invalidate); // read-your-writes on this node
    this.legacyAddresses = new io.masthead.origin.LegacyAddressRepository(database);
    this.wire = new io.masthead.wire.WireRepository(database);
    this.wireDesk = new io.masthead.wire.WireDesk(database, audit, articleDesk, clock);
  }

  /** The importer of WordPress exports, writing through this outlet's desks. */
  public io.masthead.wordpress.WordPressImport wordPressImport() {
    return new io.masthead.wordpress.WordPressImport(
        articleDesk,
        sectionDesk,
        authorDesk,
        mediaDesk,
        new SectionRepository(database),
        new AuthorRepository(database),
        legacyAddresses,
        staff,
        clock);
  }

  /** Starts following the change log and serving; returns the port it listens on. */
  public int serve() {
    if (config.server().port() == 0) {
      // Bind to a free port now, so that the public address in canonical links names the real one.
      int port = freePort(config.server().host());
      var derived =
          config.site().baseUrl().equals(Config.defaultBaseUrl(config.server().host(), 0));
      var server = new Config.Server(
          config.server().host(),
          port,
          config.server().pageCache(),
          config.server().metricsToken(),
          config.server().trustedProxies(),
          config.server().pageCacheDiskMegabytes());
      var site = derived
          ? new Config.Site(
              config.site().name(), Config.defaultBaseUrl(config.server().host(), port))
          : config.site();
      config = new Config(server, config.storage(), site, config.distribution());
    }
    var editions = Editions.load(database);
    if (editions.isEmpty())
      throw new IllegalStateException(
          "this outlet has no edition yet: run 'masthead demo' to make one");
    // Before the caches that name editions: they must see the new list when they drop their
    // entries.
    changeLog.addListener(change -> {
      if (change.tags().contains(Tags.EDITIONS)) editions.reload(database);
    });
    searchIndex = searchIndex(editions, Scope.READER);
    newsroomSearch = searchIndex(editions, Scope.NEWSROOM);
    // Opening the indexes (Lucene reads each one's segments: 0.3 s at 100,000 articles) goes on
    // beside the rest of the wiring and the server's start, on the other core. (Their listeners
    // need only come after the editions' own, above.)
    var searchesOpen = java.util.concurrent.CompletableFuture.runAsync(
        () -> {
          searchIndex.start();
          newsroomSearch.start();
        },
        task -> Thread.ofPlatform().name("search-open").start(task));
    // Before the caches of pages that show pictures.
    changeLog.addListener(change -> mediaCatalog.invalidate(change.tags()));
    var mediaFiles = new MediaFiles(mediaCatalog, renditions);
    changeLog.addListener(change -> mediaFiles.invalidate(change.tags()));
    var templates = new Templates();
    var assets = new Assets();
    var readerCookie = new ReaderCookie(new Settings(database).secret("reader-cookie"));
    var pageServer = new PageServer(pageCache, favorites, readerCookie);
    var frames = new SiteFrames(
        editions,
        config.site().name(),
        config.site().baseUrl(),
        articles,
        new SeriesRepository(database),
        frontPages,
        new SectionRepository(database),
        templates,
        changeLog,
        clock,
        assets.version(),
        mediaCatalog);
    var site = new SitePages(
        frames,
        editions,
        articles,
        new SeriesRepository(database),
        new TagRepository(database),
        new AuthorRepository(database),
        templates,
        pageServer);
    var articlePages = new ArticleHandler(frames, articles, templates, pageServer);
    // Listeners run in the order added. The page cache goes last: the caches pages are made from
    // (sections, listings, front pages) must be dropped first, or a page rendered in between
    // would be stored with stale parts.
    changeLog.addListener(change -> pageCache.invalidate(change.tags()));
    var apiJson = new ApiJson(editions, config.site().baseUrl(), mediaCatalog);
    changeLog.follow(
        io.masthead.webhook.WebhookEvents.FOLLOWER,
        new io.masthead.webhook.WebhookEvents(
            webhooks, articles, apiJson::article, webhookSender, clock));
    var distribution = config.distribution();
    if (!distribution.purgeUrl().isEmpty())
      changeLog.follow(
          io.masthead.cdn.CdnPurger.FOLLOWER,
          new io.masthead.cdn.CdnPurger(
              java.net.URI.create(distribution.purgeUrl()),
              io.masthead.cdn.CdnPurger.Style.of(distribution.purgeStyle()),
              distribution.purgeToken(),
              clock));
    var favoritesPages = new FavoritesPages(
        frames,
        pageServer,
        favorites,
        readerCookie,
        templates,
        config.site().baseUrl().startsWith("https:"));
    var errors = new ErrorPages(
        site, new io.masthead.web.site.OldAddresses(legacyAddresses, articles, editions));
    metrics = new Metrics(config.server().metricsToken());
    pageCache.bindMetrics(metrics.registry());
    database.bindMetrics(metrics.registry());
    metrics.followerLag(changeLog::lag);
    // Added after the page cache's listener, so it times the moment the pages were dropped.
    changeLog.addListener(
        change -> metrics.changeSeen(Duration.between(change.at(), clock.instant())));
    var health = new Health(database::isHealthy);
    var secure = config.site().baseUrl().startsWith("https:");
    var newsroomAuth = new NewsroomAuth(sessions, secure);
    var sections = new SectionRepository(database);
    var series = new SeriesRepository(database);
    var tags = new TagRepository(database);
    var authors = new AuthorRepository(database);
    var contentApi = new ContentApi(editions, articles, sections, series, tags, authors, apiJson);
    var adminApi = new AdminApi(
        apiTokens, editions, articles, articleDesk, sections, series, authors, apiJson, mediaDesk);
    var wireApi = new io.masthead.web.api.WireApi(
        adminApi, wireDesk, wire, editions, articles, sections, apiJson);
    var newsroom = new Routes.Newsroom(
        new SignInPages(
            newsroomAuth,
            sessions,
            new SignInLimiter(database, clock),
            staff,
            templates,
            new io.masthead.web.ClientAddress(config.server().trustedProxies())),
        new ArticlePages(
            newsroomAuth,
            editions,
            articles,
            articleDesk,
            new NewsroomArticles(database),
            revisions,
            sections,
            series,
            tags,
            authors,
            newsroomSearch,
            templates,
            clock,
            media,
            new io.masthead.article.ArticleSourceRepository(database)),
        new RevisionPages(newsroomAuth, editions, articles, revisions, articleDesk, templates),
        new StaffPages(newsroomAuth, staff, audit, apiTokens, editions, templates),
        new FrontPageEditor(
            newsroomAuth, editions, articles, frontPages, series, frontPageDesk, templates, clock),
        new StructurePages(
            newsroomAuth,
            editions,
            sectionDesk,
            seriesDesk,
            tagDesk,
            authorDesk,
            sections,
            series,
            tags,
            authors,
            templates),
        new EditionsPage(
            newsroomAuth,
            editions,
            new EditionService(database, editions, changeLog, audit, clock),
            templates),
        new io.masthead.web.newsroom.WebhookPages(
            newsroomAuth, webhookDesk, webhooks, editions, templates),
        new MediaPages(newsroomAuth, mediaDesk, media, staff, templates),
        new io.masthead.web.newsroom.ImportPages(
            newsroomAuth,
            new io.masthead.wordpress.ImportJobs(
                this::wordPressImport, config.storage().dataDirectory().resolve("imports"), clock),
            editions,
            templates),
        new io.masthead.web.newsroom.WirePages(
            newsroomAuth,
            wireDesk,
            wire,
            editions,
            new Settings(database),
            wireApi,
            templates,
            articles));
    var server = new WebServer(
        routes -> Routes.register(
            routes,
            site,
            articlePages,
            new FeedPages(frames, articles, series, tags, authors, pageServer),
            new SitemapPages(frames, editions, articles, series, tags, authors, pageServer),
            favoritesPages,
            new SearchPages(frames, searchIndex, templates, pageCache.compressionLevel()),
            newsroom,
            contentApi,
            new SearchApi(editions, searchIndex, frames::sections, apiJson),
            adminApi,
            wireApi,
            assets,
            mediaFiles,
            errors,
            health,
            new CrossOriginProtection(config.site().baseUrl()),
            metrics),
        secure,
        metrics,
        uploadDirectory(),
        java.util.List.of(mediaFiles, pageServer));
    changeLog.start(500);
    webServer = server.start(
        config.server().host(),
        config.server().port(),
        editions.all().stream().map(io.masthead.edition.Edition::homePath).toList());
    // Awaited only now: the port opened while the indexes opened, and a search that came in
    // meanwhile waited for them (SearchIndex). One that could not open stops the start, as before.
    try {
      searchesOpen.join();
    } catch (java.util.concurrent.CompletionException e) {
      webServer.close();
      webServer = null;
      if (e.getCause() instanceof RuntimeException cause) throw cause;
      throw e;
    }
    scheduler = new ScheduledPublisher(articleDesk).start(schedulerMillis);
    webhookSender.start();
    wirePoller = new io.masthead.wire.WirePoller(wire, wireDesk, clock, node).start(wirePollMillis);
    retention =
        new Retention(database, clock, Retention.Policy.DEFAULT, node).start(retentionEvery);
    return webServer.port();
  }

  /** Where uploads wait while they are read: under the data directory, beside the library. */
  private java.nio.file.Path uploadDirectory() {
    var dir = config.storage().dataDirectory().resolve("media").resolve("incoming");
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return dir;
  }

  /** The running search index ({@link #serve} made it); null before. */
  public SearchIndex search() {
    return searchIndex;
  }

  /** The newsroom's running search index (drafts too); null before {@link #serve}. */
  public SearchIndex newsroomSearch() {
    return newsroomSearch;
  }

  /**
   * The search indexes of every edition under the data directory (not started: {@link #serve}
   * starts them; {@code masthead reindex} only rebuilds).
   */
  public SearchIndex searchIndex(Editions editions, Scope scope) {
    return new SearchIndex(
        config.storage().dataDirectory(),
        scope,
        new SearchRepository(
            database,
            edition -> credit -> Texts.messages(editions.get(edition).locale().toLocale())
                .getString("credit." + credit)),
        changeLog,
        editions::all,
        clock,
        config.server().pageCache());
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

  /** How often the wire sources are looked at for a due poll (each has its own interval). */
  public long wirePollMillis = 500;

  /** How often old rows are pruned (once across the nodes). */
  public java.time.Duration retentionEvery = java.time.Duration.ofHours(1);

  private static String nodeName() {
    var host = java.util.Optional.ofNullable(System.getenv("HOSTNAME")).orElse("node");
    var name = host + "/" + ProcessHandle.current().pid() + "/"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
    return name.length() > 100 ? name.substring(name.length() - 100) : name;
  }

  @Override
  public void close() {
    if (retention != null) retention.close();
    if (scheduler != null) scheduler.close();
    if (wirePoller != null) wirePoller.close();
    webhookSender.close();
    renditions.close();
    if (webServer != null) webServer.close();
    pageCache.close();
    if (searchIndex != null) searchIndex.close();
    if (newsroomSearch != null) newsroomSearch.close();
    if (metrics != null) metrics.close();
    changeLog.close();
    database.close();
  }
}
