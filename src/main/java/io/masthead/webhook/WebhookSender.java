package io.masthead.webhook;

import io.masthead.command.Refusal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the deliveries that are due: claims them (one node per attempt, see {@link
 * WebhookRepository#claim}), one endpoint's in the order they were owed, signs each as Standard Webhooks describes, POSTs it to the endpoint's
 * address only (no redirect is followed, a connection has 5 s and an answer 15 s), and records the
 * attempt. A 2xx is delivered; anything else is tried again after 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h (the schedule the specification's reference service uses: a day and more), then
 * given up as failed. Thread-safe.
 */
public final class WebhookSender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  static final Duration[] RETRIES = {
    Duration.ofSeconds(5),
    Duration.ofMinutes(5),
    Duration.ofMinutes(30),
    Duration.ofHours(2),
    Duration.ofHours(5),
    Duration.ofHours(10),
    Duration.ofHours(10)
  };
  private static final Duration CONNECT = Duration.ofSeconds(5);
  private static final Duration ANSWER = Duration.ofSeconds(15);
  /** Longer than one attempt can take: a claim older than this belongs to a node that died. */
  private static final Duration CLAIM = Duration.ofSeconds(60);

  private static final int BATCH = 16;

  private final WebhookRepository webhooks;
  private final AddressGuard guard;
  private final Clock clock;
  private final String node;
  private HttpClient http; // made at the first delivery: a client loads the trust store
  private final ArrayBlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);
  private volatile boolean running;
  private Thread thread;

  public WebhookSender(WebhookRepository webhooks, AddressGuard guard, Clock clock, String node) {
    this.webhooks = webhooks;
    this.guard = guard;
    this.clock = clock;
    this.node = node;
  }

  private synchronized HttpClient http() {
    if (http == null)
      http = HttpClient.newBuilder()
          .connectTimeout(CONNECT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
    return http;
  }

  /** Looks for due deliveries every second, and at once when woken. */
  public WebhookSender start() {
    running = true;
    thread = Thread.ofVirtual().name("webhook-sender").start(() -> {
      while (running) {
        try {
          while (running && sendDue() == BATCH) {
            // a full batch: there may be more due now
          }
        } catch (RuntimeException e) {
          if (running) log.warn("webhook deliveries: {}", e.toString());
        }
        try {
          wakeUps.poll(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    return this;
  }

  /** Something is owed: look now. */
  public void wake() {
    wakeUps.offer(Boolean.TRUE);
  }

  /** Claims and sends the deliveries due now, in parallel; how many it claimed. */
  public int sendDue() {
    var now = clock.instant();
    var due = webhooks.claim(node, now, now.plus(CLAIM), BATCH);
    if (due.isEmpty()) return 0;
    // One endpoint's deliveries go one after another, oldest first, so that it hears of a publish
    // before the edit that follows it; endpoints are served side by side. (A retry can still
    // overtake: receivers order by the article's version, which every payload carries.)
    var byEndpoint = new java.util.LinkedHashMap<Long, java.util.List<WebhookRepository.Due>>();
    for (var delivery : due)
      byEndpoint
          .computeIfAbsent(delivery.to().id(), k -> new java.util.ArrayList<>())
          .add(delivery);
    try (var parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      for (var deliveries : byEndpoint.values())
        parallel.submit(() -> deliveries.forEach(this::send));
    }
    return due.size();
  }

  private void send(WebhookRepository.Due delivery) {
    var started = clock.instant();
    long t0 = System.nanoTime();
    Integer status = null;
    String error;
    boolean refused = false;
    try {
      var url = URI.create(delivery.to().url());
      guard.check(url);
      long timestamp = started.getEpochSecond();
      var request = HttpRequest.newBuilder(url)
          .timeout(ANSWER)
          .header("Content-Type", "application/json")
          .header("User-Agent", "Masthead-Webhooks/1")
          .header("webhook-id", delivery.messageId())
          .header("webhook-timestamp", Long.toString(timestamp))
          .header(
              "webhook-signature",
              Signature.sign(
                  delivery.to().secret(), delivery.messageId(), timestamp, delivery.payload()))
          .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
          .build();
      var response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (var body = response.body()) {
        body.readNBytes(
            4096); // read a little, so the connection can be reused; the rest is dropped
      }
      status = response.statusCode();
      error = status / 100 == 2
          ? ""
          : status / 100 == 3
              ? "answered " + status + ": redirects are not followed"
              : "answered " + status;
    } catch (Refusal.Rejected e) {
      error = "refused: " + e.getMessage();
      refused = true;
    } catch (HttpTimeoutException e) {
      error = "no answer within " + ANSWER.toSeconds() + " s";
    } catch (IOException | IllegalArgumentException e) {
      error = "could not connect: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - t0) / 1_000_000);
    var attempt = new WebhookRepository.Attempt(started, status, error, millis);
    boolean delivered = status != null && status / 100 == 2;
    int made = delivery.attempts() + 1;
    if (delivered) {
      webhooks.finish(delivery.id(), attempt, "delivered", started);
    } else if (refused || made > RETRIES.length) {
      log.warn(
          "webhook {} to {} failed for good: {}",
          delivery.messageId(),
          delivery.to().url(),
          error);
      webhooks.finish(delivery.id(), attempt, "failed", started);
    } else {
      webhooks.finish(delivery.id(), attempt, "pending", next(started, made));
    }
  }

  /** When to try again after {@code made} attempts. */
  static Instant next(Instant after, int made) {
    return after.plus(RETRIES[Math.min(made, RETRIES.length) - 1]);
  }

  @Override
  public void close() {
    running = false;
    wake();
    if (thread != null) {
      try {
        thread.join(20_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
