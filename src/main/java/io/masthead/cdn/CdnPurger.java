package io.masthead.cdn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.change.ChangeLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Tells a CDN or a Varnish in front of the site to drop the pages a change touched: a durable
 * follower of the change log that sends the change's tags, the very tags each page carries in its
 * {@code Surrogate-Key} and {@code Cache-Tag} headers, so the CDN drops what the page cache drops.
 * Two shapes: {@link Style#XKEY}, {@code PURGE} with an {@code xkey} header (Varnish's xkey
 * module, see {@code ops/varnish/masthead.vcl}), and {@link Style#JSON}, a POST of {@code
 * {"tags": [...]}} (the shape hosted CDNs' purge APIs take). An endpoint that fails is tried
 * again with a growing pause (up to 30 s), and the change waits for it: nothing is lost across a
 * restart. Every node sends the purges (a purge is idempotent), so a node that was down does not
 * leave the CDN stale. Thread-safe (the change log calls it from one thread).
 */
public final class CdnPurger implements Consumer<ChangeLog.Entry> {
  /** The follower's name in the change log's cursors. */
  public static final String FOLLOWER = "cdn-purge";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long MAX_PAUSE_MILLIS = 30_000;

  public enum Style {
    XKEY,
    JSON;

    public static Style of(String name) {
      return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
  }

  private final URI endpoint;
  private final Style style;
  private final String token;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(TIMEOUT)
      .followRedirects(HttpClient.Redirect.NEVER)
      .build();
  private int failures;
  private long pausedUntil;

  public CdnPurger(URI endpoint, Style style, String token, Clock clock) {
    this.endpoint = endpoint;
    this.style = style;
    this.token = token;
    this.clock = clock;
  }

  @Override
  public synchronized void accept(ChangeLog.Entry change) {
    var tags = purgeable(change.tags());
    if (tags.isEmpty()) return;
    long now = clock.millis();
    if (now < pausedUntil)
      throw new ChangeLog.NotYet("the CDN purge endpoint failed; trying again shortly");
    try {
      var response = http.send(request(tags), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() / 100 != 2)
        throw new IOException("answered " + response.statusCode());
      failures = 0;
    } catch (IOException e) {
      failures++;
      pausedUntil = now + Math.min(MAX_PAUSE_MILLIS, 250L << Math.min(failures, 10));
      throw new ChangeLog.NotYet(
          "purging " + endpoint + " failed (" + e.getMessage() + "); trying again shortly");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChangeLog.NotYet("interrupted");
    }
  }

  /**
   * The tags a CDN could hold pages for: a reader's own favorites are never cached by a CDN
   * (their pages are private), so starring an article sends nothing.
   */
  static Set<String> purgeable(Set<String> tags) {
    var purge = new TreeSet<String>();
    for (var tag : tags) if (!tag.startsWith("reader:")) purge.add(tag);
    return purge;
  }

  private HttpRequest request(Set<String> tags) {
    var request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT);
    if (!token.isEmpty()) request.header("Authorization", "Bearer " + token);
    return switch (style) {
      case XKEY ->
        request
            .header("xkey", String.join(" ", tags))
            .method("PURGE", HttpRequest.BodyPublishers.noBody())
            .build();
      case JSON ->
        request
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json(tags)))
            .build();
    };
  }

  private static byte[] json(Set<String> tags) {
    try {
      return JSON.writeValueAsBytes(Map.of("tags", tags));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
