package io.masthead.testing;

import io.masthead.Config;
import io.masthead.Masthead;
import io.masthead.Outlet;
import io.masthead.demo.DemoOutlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The layout of the README's "Running several nodes", on loopback: one PostgreSQL database,
 * several Masthead nodes, each its own process (the command line's {@code serve}, small heaps),
 * and nginx in front as the load balancer (round robin, a failed node passed over, idempotent
 * requests tried again on the next node). Nodes can be killed (SIGKILL), stopped (SIGTERM) and
 * started again. {@link #outlet} is this test's own view of the same database, for setting up and
 * checking; it serves nothing. nginx is required under CI=true and skipped elsewhere without it.
 */
public final class Cluster implements AutoCloseable {
  static final Path NGINX = Path.of("/usr/sbin/nginx");

  public final Outlet outlet;
  public final String databaseUrl;
  public final int balancerPort;
  private final Path folder;
  private final Map<String, String> settings;
  private final List<Node> nodes = new ArrayList<>();
  private Process nginx;
  public final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** One Masthead process. */
  public final class Node {
    public final int index;
    public final int port;
    final Path data;
    Process process;

    Node(int index, int port, Path data) {
      this.index = index;
      this.port = port;
      this.data = data;
    }

    public String url(String path) {
      return "http://127.0.0.1:" + port + io.masthead.web.site.SitePaths.encode(path);
    }

    /** Starts the process and waits until it answers /healthz. */
    public void start() {
      try {
        var command = new ArrayList<String>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--enable-native-access=ALL-UNNAMED",
            "-Xmx160m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            Masthead.class.getName(),
            "serve",
            "--data",
            data.toString(),
            "--port",
            Integer.toString(port)));
        var builder = new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(data.resolve("node.log").toFile()));
        builder.environment().putAll(environment());
        process = builder.start();
        awaitHealthy(Duration.ofSeconds(90));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public void awaitHealthy(Duration within) {
      var deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive())
          throw new IllegalStateException("node " + index + " ended:\n" + log());
        try {
          if (get(url("/healthz")).statusCode() == 200) return;
        } catch (RuntimeException notYet) {
          // not listening yet
        }
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
      }
      throw new IllegalStateException(
          "node " + index + " not healthy within " + within + ":\n" + log());
    }

    /** SIGKILL: the process ends at once, as in a crash or a power cut. */
    public void kill() {
      process.destroyForcibly();
      waitFor();
    }

    /** SIGTERM: the process stops cleanly. */
    public void stop() {
      process.destroy();
      waitFor();
    }

    private void waitFor() {
      try {
        if (!process.waitFor(60, TimeUnit.SECONDS))
          throw new IllegalStateException("node " + index + " did not end");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    public String log() {
      try {
        var text = Files.readString(data.resolve("node.log"));
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
      } catch (IOException e) {
        return "(no log)";
      }
    }
  }

  private Cluster(
      Path folder,
      Outlet outlet,
      String databaseUrl,
      int balancerPort,
      Map<String, String> settings) {
    this.folder = folder;
    this.outlet = outlet;
    this.databaseUrl = databaseUrl;
    this.balancerPort = balancerPort;
    this.settings = settings;
  }

  /** Skips the calling test (or fails it under CI=true) when there is no nginx. */
  public static void require() {
    if (Files.isExecutable(NGINX)) return;
    if ("true".equals(System.getenv("CI")))
      throw new AssertionError("CI=true needs nginx at " + NGINX);
    Assumptions.abort("no nginx at " + NGINX + ": apt-get install nginx");
  }

  /**
   * A demo outlet of {@code articles} on a fresh PostgreSQL database, {@code count} nodes serving
   * it and nginx in front; {@code settings} go to every node (as MASTHEAD_… variables).
   */
  public static Cluster start(Path folder, int count, int articles, Map<String, String> settings) {
    return start(folder, count, articles, settings, TestDatabases.freshPostgres());
  }

  /** As above, on the database at {@code databaseUrl}. */
  public static Cluster start(
      Path folder, int count, int articles, Map<String, String> settings, String databaseUrl) {
    require();
    int balancer = Varnish.freePort();
    var all = new HashMap<String, String>(settings);
    all.put("database.url", databaseUrl);
    all.put("site.base-url", "http://127.0.0.1:" + balancer);
    all.put("server.trusted-proxies", "127.0.0.1"); // nginx, whose X-Forwarded-For names the reader
    var outlet = new Outlet(Config.load(folder.resolve("test"), Map.of(), all), Clock.systemUTC());
    new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock).create(articles, (d, t) -> {});
    var cluster = new Cluster(folder, outlet, databaseUrl, balancer, Map.copyOf(all));
    try {
      for (int i = 0; i < count; i++) {
        var data = Files.createDirectories(folder.resolve("node-" + i));
        cluster.nodes.add(cluster.new Node(i, Varnish.freePort(), data));
      }
      for (var node : cluster.nodes) node.start();
      cluster.startBalancer();
      return cluster;
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  public Node node(int index) {
    return nodes.get(index);
  }

  public List<Node> nodes() {
    return List.copyOf(nodes);
  }

  /** An address through the load balancer. */
  public String url(String path) {
    return "http://127.0.0.1:" + balancerPort + io.masthead.web.site.SitePaths.encode(path);
  }

  public HttpResponse<String> get(String url, String... headers) {
    var request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return send(request.build());
  }

  /**
   * Sends a request; one with no timeout of its own gets 30 s, so that a node that stops
   * answering fails the test instead of hanging the build. One did: two of a cold node's
   * virtual threads, loading classes, pinned both carriers while the jar lock's next owner
   * waited for one.
   */
  public HttpResponse<String> send(HttpRequest request) {
    if (request.timeout().isEmpty())
      request = HttpRequest.newBuilder(request, (name, value) -> true)
          .timeout(Duration.ofSeconds(30))
          .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " had no answer", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> environment() {
    var env = new HashMap<String, String>();
    settings.forEach((name, value) -> env.put(
        "MASTHEAD_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
        value));
    env.put("MASTHEAD_ACCESS_LOG", "WARN");
    return env;
  }

  /**
   * nginx as the README describes it: round robin; a node that fails a connection is left out
   * for 2 s; a GET or HEAD that fails to connect, times out or gets a 502/503/504 is tried on the
   * next node (never a POST: nginx retries only idempotent requests).
   */
  private void startBalancer() throws IOException {
    var run = Files.createDirectories(folder.resolve("nginx"));
    var upstreams = new StringBuilder();
    for (var node : nodes)
      upstreams
          .append("    server 127.0.0.1:")
          .append(node.port)
          .append(" max_fails=1 fail_timeout=2s;\n");
    var conf = """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path %1$s; proxy_temp_path %1$s; fastcgi_temp_path %1$s;
          uwsgi_temp_path %1$s; scgi_temp_path %1$s;
          upstream masthead {
        %2$s    keepalive 32;
          }
          server {
            listen 127.0.0.1:%3$s;
            location / {
              proxy_pass http://masthead;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $remote_addr;
              proxy_connect_timeout 1s;
              proxy_read_timeout 20s;
              proxy_next_upstream error timeout http_502 http_503 http_504;
              proxy_next_upstream_tries 3;
            }
          }
        }
        """.formatted(run, upstreams, balancerPort);
    Files.writeString(run.resolve("nginx.conf"), conf);
    nginx = new ProcessBuilder(
            NGINX.toString(),
            "-c",
            run.resolve("nginx.conf").toString(),
            "-p",
            run.toString(),
            "-g",
            "daemon off; user root;")
        .redirectErrorStream(true)
        .redirectOutput(run.resolve("nginx.out").toFile())
        .start();
    var deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (get(url("/healthz")).statusCode() == 200) return;
      } catch (RuntimeException notYet) {
        // starting
      }
      if (!nginx.isAlive())
        throw new IllegalStateException(
            "nginx ended: " + Files.readString(run.resolve("nginx.out")));
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
    throw new IllegalStateException("nginx did not answer within 20 s");
  }

  @Override
  public void close() {
    if (nginx != null) nginx.destroy();
    for (var node : nodes) {
      if (node.process != null && node.process.isAlive()) node.process.destroyForcibly();
    }
    outlet.close();
  }
}
