package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page the cache keeps on disk is answered before the pipeline behind it too, as one kept in
 * memory is, but on a thread that may wait for the disk, never on the selector thread that read
 * the request; whatever no source has goes on to the pipeline.
 */
class CachedResponsesFromDiskIT {
  private final List<String> keptAskedOn = new CopyOnWriteArrayList<>();
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final CountDownLatch slowDiskAsked = new CountDownLatch(1);
  private final CountDownLatch slowDiskReads = new CountDownLatch(1);
  private Server server;
  private int port;

  /**
   * Knows "/in-memory" from memory, "/on-disk" from disk, and "/slow-disk" from a disk that
   * answers when the test lets it; nothing else.
   */
  private final CachedResponses.Source source = new CachedResponses.Source() {
    @Override
    public CachedResponses.Answer find(String rawPath, String rawQuery, Exchange request) {
      if (rawQuery != null) return null;
      return rawPath.equals("/in-memory") ? answer("memory", "/in-memory") : null;
    }

    @Override
    public CachedResponses.Answer findKept(String rawPath, String rawQuery, Exchange request) {
      keptAskedOn.add(Thread.currentThread().getName());
      if (rawQuery != null) return null;
      if (rawPath.equals("/in-memory")) return answer("memory", "/in-memory");
      if (rawPath.equals("/slow-disk")) {
        slowDiskAsked.countDown();
        try {
          slowDiskReads.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return answer("slow disk", "/{page}");
      }
      return rawPath.equals("/on-disk") ? answer("disk", "/{page}") : null;
    }
  };

  private static CachedResponses.Answer answer(String body, String route) {
    return new CachedResponses.Answer(route, exchange -> {
      exchange.setHeader("ETag", "\"" + body + "\"");
      exchange.send("text/html", ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    });
  }

  @BeforeEach
  void start() throws Exception {
    server = new Server();
    // One selector: were the disk read on it, no other request would be read meanwhile.
    var connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    var responses = new CachedResponses(
        List.of(source),
        Map.of("X-Content-Type-Options", "nosniff"),
        (client, method, path, status, route, millis) ->
            logged.add(path + " " + status + " " + route));
    responses.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(404);
        response.write(
            true, ByteBuffer.wrap("pipeline".getBytes(StandardCharsets.UTF_8)), callback);
        return true;
      }
    });
    server.setHandler(responses);
    server.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private HttpResponse<String> get(String path) throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      return client.send(request(path), HttpResponse.BodyHandlers.ofString());
    }
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void a_page_on_disk_is_answered_with_the_headers_and_log_line_of_one_in_memory()
      throws Exception {
    var fromDisk = get("/on-disk");
    assertThat(fromDisk.statusCode()).isEqualTo(200);
    assertThat(fromDisk.body()).isEqualTo("disk");
    assertThat(fromDisk.headers().firstValue("ETag")).contains("\"disk\"");
    assertThat(fromDisk.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(logged).containsExactly("/on-disk 200 /{page}");

    var fromMemory = get("/in-memory");
    assertThat(fromMemory.body()).isEqualTo("memory");
    assertThat(keptAskedOn).hasSize(1); // memory answered on the selector, the disk not asked
  }

  @Test
  void pages_in_memory_are_answered_while_a_disk_read_waits() throws Exception {
    try (var client = HttpClient.newHttpClient()) {
      var slow = client.sendAsync(request("/slow-disk"), HttpResponse.BodyHandlers.ofString());
      assertThat(slowDiskAsked.await(10, TimeUnit.SECONDS)).isTrue();

      var fromMemory = get("/in-memory");
      assertThat(fromMemory.body()).isEqualTo("memory");

      slowDiskReads.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow disk");
    }
  }

  @Test
  void what_no_source_has_goes_on_to_the_pipeline() throws Exception {
    var unknown = get("/elsewhere");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("pipeline");
    assertThat(keptAskedOn).hasSize(1);

    var withQuery = get("/on-disk?utm_source=test");
    assertThat(withQuery.body()).isEqualTo("pipeline");
  }
}
