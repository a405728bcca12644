package io.masthead.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook endpoint on loopback: it records every request, answers with the statuses
 * it is told to (then 200), and checks signatures the way the Standard Webhooks specification
 * tells a receiver to, written here apart from the code under test.
 */
public final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as it arrived, and what it was answered. */
  public record Received(String id, String timestamp, String signature, String body, int answered) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    public String type() {
      return json().path("type").asText();
    }

    public long articleId() {
      return json().path("data").path("id").asLong();
    }

    /** Whether the signature is right for this secret (the specification's check, by hand). */
    public boolean signedWith(String secret) {
      try {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(
            Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        var expected = Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        for (var part : signature.split(" ")) if (part.equals("v1," + expected)) return true;
        return false;
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final HttpServer server;
  public final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hooks", exchange -> {
      var body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      var next = statuses.poll();
      int status = next == null ? 200 : next;
      var headers = exchange.getRequestHeaders();
      received.add(new Received(
          headers.getFirst("webhook-id"),
          headers.getFirst("webhook-timestamp"),
          headers.getFirst("webhook-signature"),
          body,
          status));
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** The next requests are answered with these statuses, in order; 200 after them. */
  public void answer(Integer... next) {
    statuses.addAll(List.of(next));
  }

  /** The requests that satisfy the condition, once there are at least {@code count} (waits up to {@code within}). */
  public List<Received> await(int count, Duration within, Predicate<Received> condition) {
    var deadline = System.nanoTime() + within.toNanos();
    while (true) {
      var matching = received.stream().filter(condition).toList();
      if (matching.size() >= count) return matching;
      if (System.nanoTime() > deadline)
        throw new AssertionError("the endpoint got " + matching.size() + " of " + count
            + " expected requests within " + within + "; all it got: " + received);
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
