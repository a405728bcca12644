package io.masthead.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.util.function.Consumer;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: Javalin on Jetty 12, virtual threads, one access-log line per request. */
public final class WebServer implements AutoCloseable {
  private static final Logger accessLog = LoggerFactory.getLogger("access");
  private static final String SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  private final Javalin app;

  public WebServer(Consumer<io.javalin.config.RoutesConfig> routes) {
    this.app = Javalin.create(config -> {
      config.concurrency.useVirtualThreads = true;
      config.startup.showJavalinBanner = false;
      config.http.compressionStrategy =
          CompressionStrategy.NONE; // pages come compressed from the cache
      config.http.maxRequestSize = 64 * 1024;
      config.router.ignoreTrailingSlashes = true;
      config.router.treatMultipleSlashesAsSingleSlash = false;
      config.jetty.modifyServer(server -> {
        var errors = new ErrorHandler();
        errors.setShowStacks(false);
        errors.setShowMessageInTitle(false);
        errors.setShowCauses(false);
        server.setErrorHandler(errors);
        server.setStopTimeout(5_000);
      });
      config.jetty.modifyHttpConfiguration(http -> {
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(16 * 1024);
      });
      config.requestLogger.http((ctx, ms) -> accessLog.info(
          "{} {} {} {} {}ms",
          ctx.ip(),
          ctx.method(),
          ctx.path(),
          ctx.statusCode(),
          Math.round(ms)));
      config.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("Content-Security-Policy", SECURITY_POLICY);
      });
      routes.accept(config.routes);
    });
  }

  public WebServer start(String host, int port) {
    app.start(host, port);
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
