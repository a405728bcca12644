package io.masthead.web;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /metrics} in Prometheus's text format: requests by route and status with latency
 * histograms, the page cache, the change log's lag per follower, the connection pool, and the
 * JVM. Off unless a token is configured ({@code server.metrics-token}), and then only for a
 * request that sends it as a bearer token: the numbers say much about the outlet. Thread-safe.
 */
public final class Metrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final byte[] token;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  /** {@code token}: the bearer token /metrics asks for; empty: /metrics answers 404. */
  public Metrics(String token) {
    this.token = token.getBytes(StandardCharsets.UTF_8);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * How long after a change was written (by the writer's clock, so on several nodes this includes
   * their clocks' difference) this node's caches had dropped what it touched: the delay before
   * a reader of this node can see it.
   */
  public void changeSeen(Duration sinceWritten) {
    changeDelay.record(sinceWritten.isNegative() ? Duration.ZERO : sinceWritten);
  }

  private final Timer changeDelay = Timer.builder("masthead.change.delay")
      .description("from a change's write until this node's caches dropped what it touched")
      .serviceLevelObjectives(
          Duration.ofMillis(10),
          Duration.ofMillis(25),
          Duration.ofMillis(50),
          Duration.ofMillis(100),
          Duration.ofMillis(250),
          Duration.ofSeconds(1))
      .register(registry);

  /** A gauge per follower of how many changes it is behind, read at each scrape. */
  public void followerLag(Supplier<Map<String, Long>> lag) {
    this.lag = lag;
  }

  private volatile Supplier<Map<String, Long>> lag = Map::of;
  private final java.util.Set<String> lagGauges =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Each (method, route pattern, status) once: building a meter's id costs more than recording in it. */
  private final java.util.concurrent.ConcurrentHashMap<TimerKey, Timer> timers =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A timer's key as a record: its hash comes from the strings' own cached hashes, where a key
   * joined into a new string was hashed anew, character by character, on every request.
   */
  private record TimerKey(String method, int status, String route) {}

  /** The route pattern a request matched (never the raw path: that would be a meter per article). */
  public static String route(Context ctx) {
    try {
      return ctx.endpoint().path;
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }

  /**
   * Times one request under its route's pattern. A few fixed buckets, not a full percentile
   * histogram: on the cached-page path every microsecond shows.
   */
  public void record(String method, int status, String route, float millis) {
    var key = new TimerKey(method, status, route);
    var timer = timers.get(key);
    if (timer == null) {
      timer = timers.computeIfAbsent(
          key,
          k -> Timer.builder("http.server.requests")
              .tag("method", method)
              .tag("route", route)
              .tag("status", Integer.toString(status))
              .serviceLevelObjectives(
                  Duration.ofMillis(1),
                  Duration.ofMillis(5),
                  Duration.ofMillis(25),
                  Duration.ofMillis(100),
                  Duration.ofMillis(500),
                  Duration.ofSeconds(2))
              .register(registry));
    }
    timer.record((long) (millis * 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** {@code GET /metrics}. */
  public void scrape(Context ctx) {
    if (token.length == 0)
      throw new HttpProblem.NotFound("metrics are off (set server.metrics-token)");
    var header = ctx.header("Authorization");
    var given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8)
        : new byte[0];
    if (!MessageDigest.isEqual(given, token)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpProblem.Unauthorized("send Authorization: Bearer METRICS_TOKEN");
    }
    for (var name : lag.get().keySet()) {
      if (lagGauges.add(name)) {
        Gauge.builder("masthead.change.log.lag", () -> lag.get().getOrDefault(name, 0L))
            .tag("follower", name)
            .description("changes the follower has not handled yet")
            .register(registry);
      }
    }
    ctx.header("Cache-Control", "no-store")
        .contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(registry.scrape());
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
