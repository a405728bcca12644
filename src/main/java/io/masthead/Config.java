package io.masthead;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting, in one typed tree, loaded once: defaults, then {@code masthead.properties} in
 * the data directory, then the environment ({@code database.url} is {@code
 * MASTHEAD_DATABASE_URL}; {@code MASTHEAD_DATABASE_PASSWORD_FILE} reads a secret from a file),
 * then the command line. Invalid values are all reported at once.
 */
public record Config(Server server, Storage storage, Site site, Distribution distribution) {

  public Config(Server server, Storage storage, Site site) {
    this(server, storage, site, Distribution.NONE);
  }

  /**
   * {@code metricsToken}: the bearer token /metrics asks for; empty: /metrics is off (404).
   * {@code trustedProxies}: the addresses of the load balancers in front, whose X-Forwarded-For
   * names the client (sign-in limits count per client address); empty: the connection's address.
   * {@code pageCacheDiskMegabytes}: the disk the page cache may keep the pages memory lets go on
   * (0: none).
   */
  public record Server(
      String host,
      int port,
      boolean pageCache,
      String metricsToken,
      List<String> trustedProxies,
      int pageCacheDiskMegabytes) {
    /** The disk the page cache takes unless told otherwise: ~200,000 article pages. */
    public static final int DEFAULT_PAGE_CACHE_DISK_MEGABYTES = 1024;

    public Server {
      trustedProxies = List.copyOf(trustedProxies);
    }

    public Server(
        String host,
        int port,
        boolean pageCache,
        String metricsToken,
        List<String> trustedProxies) {
      this(host, port, pageCache, metricsToken, trustedProxies, DEFAULT_PAGE_CACHE_DISK_MEGABYTES);
    }

    public Server(String host, int port, boolean pageCache) {
      this(host, port, pageCache, "", List.of());
    }
  }

  /** {@code databaseUrl} defaults to a SQLite file in the data directory. */
  public record Storage(
      Path dataDirectory, String databaseUrl, String databaseUser, String databasePassword) {}

  /** {@code baseUrl} is the public address, used in canonical links and feeds. */
  public record Site(String name, String baseUrl) {}

  /**
   * Telling the world outside about changes. {@code purgeUrl}: where the CDN purge dispatcher
   * sends the tags a change touched (empty: no purges), in {@code purgeStyle} {@code xkey} (an
   * HTTP PURGE with an xkey header, Varnish with its xkey module) or {@code json} (a POST of
   * {@code {"tags": [...]}}, the shape hosted CDNs take), with {@code purgeToken} as a bearer
   * token when set. {@code webhooksToPrivateAddresses}: webhooks may be delivered to loopback,
   * link-local and private addresses (off: such endpoints are refused, against SSRF).
   */
  public record Distribution(
      String purgeUrl, String purgeStyle, String purgeToken, boolean webhooksToPrivateAddresses) {
    public static final Distribution NONE = new Distribution("", "xkey", "", false);
  }

  public static final class Invalid extends RuntimeException {
    public Invalid(List<String> problems) {
      super(String.join("\n", problems));
    }
  }

  /**
   * Loads the configuration for a data directory. {@code overrides} come from the command line
   * and win over everything.
   */
  public static Config load(
      Path dataDirectory, Map<String, String> environment, Map<String, String> overrides) {
    var values = new Properties();
    values.setProperty("server.host", "127.0.0.1");
    values.setProperty("server.port", "8080");
    values.setProperty("server.page-cache", "true");
    values.setProperty(
        "server.page-cache-disk", Integer.toString(Server.DEFAULT_PAGE_CACHE_DISK_MEGABYTES));
    values.setProperty("server.metrics-token", "");
    values.setProperty("server.trusted-proxies", "");
    values.setProperty("site.name", "The Masthead Chronicle");
    values.setProperty("database.user", "");
    values.setProperty("database.password", "");
    values.setProperty("cdn.purge-url", "");
    values.setProperty("cdn.purge-style", "xkey");
    values.setProperty("cdn.purge-token", "");
    values.setProperty("webhooks.allow-private-addresses", "false");
    var file = dataDirectory.resolve("masthead.properties");
    var problems = new ArrayList<String>();
    if (Files.isRegularFile(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        problems.add(file + ": cannot be read: " + e.getMessage());
      }
    }
    for (var name : List.of(
        "server.host",
        "server.port",
        "server.page-cache",
        "server.page-cache-disk",
        "server.metrics-token",
        "server.trusted-proxies",
        "site.name",
        "site.base-url",
        "database.url",
        "database.user",
        "database.password",
        "cdn.purge-url",
        "cdn.purge-style",
        "cdn.purge-token",
        "webhooks.allow-private-addresses")) {
      var variable =
          "MASTHEAD_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
      if (environment.containsKey(variable)) values.setProperty(name, environment.get(variable));
      if (environment.containsKey(variable + "_FILE")) {
        try {
          values.setProperty(
              name,
              Files.readString(Path.of(environment.get(variable + "_FILE"))).strip());
        } catch (IOException e) {
          problems.add(variable + "_FILE: cannot read " + environment.get(variable + "_FILE"));
        }
      }
    }
    overrides.forEach(values::setProperty);

    int port = -1;
    try {
      port = Integer.parseInt(values.getProperty("server.port").strip());
      if (port < 0 || port > 65535) problems.add("server.port must be 0 to 65535, not " + port);
    } catch (NumberFormatException e) {
      problems.add("server.port must be a number, not '" + values.getProperty("server.port") + "'");
    }
    var pageCache = values.getProperty("server.page-cache").strip();
    if (!pageCache.equals("true") && !pageCache.equals("false")) {
      problems.add("server.page-cache must be true or false, not '" + pageCache + "'");
    }
    int pageCacheDisk = -1;
    try {
      pageCacheDisk =
          Integer.parseInt(values.getProperty("server.page-cache-disk").strip());
    } catch (NumberFormatException e) {
      // reported below
    }
    if (pageCacheDisk < 0) {
      problems.add("server.page-cache-disk must be a number of megabytes (0: none), not '"
          + values.getProperty("server.page-cache-disk") + "'");
    }
    var host = values.getProperty("server.host").strip();
    var metricsToken = values.getProperty("server.metrics-token").strip();
    if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
      problems.add(
          "server.metrics-token must have at least 16 characters (or be empty: /metrics off)");
    }
    var trustedProxies = new ArrayList<String>();
    for (var entry : values.getProperty("server.trusted-proxies").split(",")) {
      var address = entry.strip();
      if (address.isEmpty()) continue;
      if (!address.matches("[0-9a-fA-F:.]+"))
        problems.add("server.trusted-proxies must list IP addresses, not '" + address + "'");
      else trustedProxies.add(address);
    }
    var databaseUrl = values.getProperty(
        "database.url", "jdbc:sqlite:" + dataDirectory.resolve("masthead.db").toAbsolutePath());
    if (!databaseUrl.startsWith("jdbc:sqlite:") && !databaseUrl.startsWith("jdbc:postgresql:")) {
      problems.add("database.url must start with jdbc:sqlite: or jdbc:postgresql:, not '"
          + databaseUrl + "'");
    }
    var baseUrl = values.getProperty("site.base-url", defaultBaseUrl(host, port));
    if (!baseUrl.matches("https?://[^/\\s]+(/[^\\s]*)?"))
      problems.add("site.base-url must be an http(s) address, not '" + baseUrl + "'");
    baseUrl = baseUrl.replaceAll("/+$", "");
    var purgeUrl = values.getProperty("cdn.purge-url").strip();
    if (!purgeUrl.isEmpty() && !purgeUrl.matches("https?://[^/\\s]+(/[^\\s]*)?"))
      problems.add("cdn.purge-url must be an http(s) address or empty, not '" + purgeUrl + "'");
    var purgeStyle = values.getProperty("cdn.purge-style").strip();
    if (!purgeStyle.equals("xkey") && !purgeStyle.equals("json"))
      problems.add("cdn.purge-style must be xkey or json, not '" + purgeStyle + "'");
    var privateAddresses =
        values.getProperty("webhooks.allow-private-addresses").strip();
    if (!privateAddresses.equals("true") && !privateAddresses.equals("false"))
      problems.add(
          "webhooks.allow-private-addresses must be true or false, not '" + privateAddresses + "'");
    if (!problems.isEmpty()) throw new Invalid(problems);
    return new Config(
        new Server(
            host,
            port,
            Boolean.parseBoolean(pageCache),
            metricsToken,
            trustedProxies,
            pageCacheDisk),
        new Storage(
            dataDirectory,
            databaseUrl,
            values.getProperty("database.user"),
            values.getProperty("database.password")),
        new Site(values.getProperty("site.name"), baseUrl),
        new Distribution(
            purgeUrl,
            purgeStyle,
            values.getProperty("cdn.purge-token").strip(),
            Boolean.parseBoolean(privateAddresses)));
  }

  /** The public address when none is configured: the address the server listens on. */
  public static String defaultBaseUrl(String host, int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
