package io.masthead.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.LoggerFactory;

/** The HTTP server: Javalin on Jetty 12, virtual threads, one access-log line per request. */
public final class WebServer implements AutoCloseable {
  private static final String SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  private final Javalin app;
  private final AccessLog accessLog = AccessLog.toLogger();

  /** Set while Javalin configures Jetty; the public connector is made from them after the tour. */
  private Server jetty;

  private HttpConfiguration http;

  /** The loopback connector the start's tour reads through, closed before the public one opens. */
  private ServerConnector tourConnector;

  private ServerConnector publicConnector;

  /** True during the start's tour: its requests are not the readers', so they are not logged. */
  private volatile boolean touring;

  /**
   * The headers every response carries, the program's pages and the server's own error answers
   * alike (a 400 for a broken request line, a 414, a 431). Over https also HSTS, a
   * Permissions-Policy that turns off what a news site never uses, and Cross-Origin-Opener-Policy.
   */
  static Map<String, String> securityHeaders(boolean https) {
    var headers = new LinkedHashMap<String, String>();
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
    headers.put("Content-Security-Policy", SECURITY_POLICY);
    if (https) {
      headers.put("Strict-Transport-Security", "max-age=31536000");
      headers.put(
          "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
      headers.put("Cross-Origin-Opener-Policy", "same-origin");
    }
    return Map.copyOf(headers);
  }

  /** Jetty's own error answers, with the same security headers as every page, and no stack or cause. */
  private static final class SecureErrors extends ErrorHandler {
    private final Map<String, String> headers;

    SecureErrors(Map<String, String> headers) {
      this.headers = headers;
      setShowStacks(false);
      setShowMessageInTitle(false);
      setShowCauses(false);
    }

    @Override
    protected void generateCacheControl(Response response) {
      super.generateCacheControl(response);
      headers.forEach((name, value) -> response.getHeaders().put(name, value));
    }
  }

  /** {@code https}: whether the site's public address is https (then browsers get HSTS and more). */
  public WebServer(
      Consumer<io.javalin.config.RoutesConfig> routes,
      boolean https,
      Metrics metrics,
      java.nio.file.Path uploadDirectory,
      List<CachedResponses.Source> ready) {
    var security = securityHeaders(https);
    CachedResponses.RequestLog requestLog = (client, method, path, status, route, millis) -> {
      if (touring) return;
      metrics.record(method, status, route, millis);
      accessLog.record(client, method, path, status, millis);
    };
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.http.compressionStrategy =
          CompressionStrategy.NONE; // pages come compressed from the cache
      config.http.maxRequestSize = 64 * 1024;
      // Picture uploads: kept in memory up to 1 MB, then in a file under the data directory.
      config.jetty.multipartConfig.cacheDirectory(uploadDirectory.toString());
      config.jetty.multipartConfig.maxFileSize(
          io.masthead.media.MediaDesk.MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
      config.jetty.multipartConfig.maxInMemoryFileSize(1, io.javalin.config.SizeUnit.MB);
      config.jetty.multipartConfig.maxTotalRequestSize(
          Uploads.MAX_REQUEST_BYTES, io.javalin.config.SizeUnit.BYTES);
      config.router.ignoreTrailingSlashes = true;
      config.router.treatMultipleSlashesAsSingleSlash = false;
      config.jetty.modifyServer(server -> {
        jetty = server;
        server.setErrorHandler(new SecureErrors(security));
        // Javalin puts its servlet context inside this wrapper: cached responses go first.
        server.setHandler(new CachedResponses(ready, security, requestLog));
        server.setStopTimeout(5_000);
      });
      // Javalin opens only the loopback connector the start's tour reads through (see start).
      config.jetty.addConnector((server, http) -> {
        this.http = http;
        tourConnector = connector(server, http, "127.0.0.1", 0);
        return tourConnector;
      });
      config.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
        // Jetty's per-connection cache of header lines is a trie of ~200 KB made at a
        // connection's first request. It lives as long as the connection, so the collector moves
        // it to the old generation, where each closed connection leaves it as garbage: 64 new
        // connections made 12 MB of it, and a full collection (80-100 ms on the small heap)
        // every 20-30 s under cached load. Without it a header is a new short-lived string.
        http.setHeaderCacheSize(0);
      });
      config.requestLogger.http((ctx, ms) -> requestLog.record(
          // The connection's own address, as CachedResponses passes it for cached answers.
          org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(ctx.req())
              .getConnectionMetaData()
              .getRemoteSocketAddress(),
          ctx.method().name(),
          ctx.path(),
          ctx.statusCode(),
          Metrics.route(ctx),
          ms));
      config.routes.before(ctx -> security.forEach(ctx::header));
      routes.accept(config.routes);
    });
  }

  /**
   * Starts the server on {@code host:port}; first, unless the JVM runs from a start-up cache,
   * on a loopback port no one else knows, where it reads one page of each kind in each edition
   * (from the {@code homes}, the editions' home paths), one at a time.
   *
   * <p>Why: a JVM without the cache loads thousands of classes from the jars at its first
   * requests. When several request threads do so at once, two of them waiting for a jar's lock
   * can occupy both carriers of the virtual threads (class loading pins its carrier) while the
   * virtual thread that holds the lock waits for a carrier, and the node never answers again
   * (seen in a cluster test on 2 cores). The tour loads those classes on one thread before any
   * reader can come. A JVM started from the cache (the launcher's way) has them loaded before
   * {@code main}, and a tour would only delay its first answer (by ~2 s at 100,000 articles).
   * A page that fails on the tour is logged and the start goes on: readers would meet the same.
   */
  public WebServer start(String host, int port, List<String> homes) {
    app.start("127.0.0.1", 0);
    if (!classesFromStartUpCache()) tour(homes);
    publicConnector = connector(jetty, http, host, port);
    jetty.addConnector(publicConnector);
    try {
      if (!publicConnector.isStarted()) publicConnector.start();
      tourConnector.stop();
    } catch (Exception e) {
      app.stop();
      throw new IllegalStateException(
          "cannot listen on " + host + ":" + port + " (" + e.getMessage() + ")", e);
    }
    jetty.removeConnector(tourConnector);
    return this;
  }

  private void tour(List<String> homes) {
    touring = true;
    long start = System.nanoTime();
    try {
      var tour = SiteTour.read(
          "http://127.0.0.1:" + tourConnector.getLocalPort(), homes, 1, 40, Duration.ofSeconds(10));
      var log = LoggerFactory.getLogger(WebServer.class);
      log.info(
          "Read {} pages, one of each kind, before opening the port (no start-up cache): {} ms",
          tour.pages(),
          (System.nanoTime() - start) / 1_000_000);
      if (!tour.failures().isEmpty()) log.warn("The start's tour met errors: {}", tour.failures());
    } finally {
      touring = false;
    }
  }

  /**
   * Whether this JVM runs from JDK 25's ahead-of-time cache: started with one, and using it
   * ("sharing"; an option such as ZGC makes the JVM start without it, quietly). With it, some
   * 11,800 classes are loaded before {@code main}; about 180 still come from the jars (jdom2's,
   * which the cache cannot link).
   */
  static boolean classesFromStartUpCache() {
    return System.getProperty("java.vm.info", "").contains("sharing")
        && java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .anyMatch(argument -> argument.startsWith("-XX:AOTCache="));
  }

  /** A selector per core (Jetty's default is one per two): cached answers are sent on the
   * selector thread that read the request (CachedResponses), so selectors do the work. */
  private static ServerConnector connector(
      Server server, HttpConfiguration http, String host, int port) {
    var connector = new ServerConnector(
        server, -1, Runtime.getRuntime().availableProcessors(), new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  public int port() {
    return publicConnector.getLocalPort();
  }

  @Override
  public void close() {
    app.stop();
    accessLog.close();
  }
}
