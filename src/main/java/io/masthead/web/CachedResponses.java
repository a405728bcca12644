package io.masthead.web;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers, in Jetty itself and before Javalin's pipeline, the requests whose response is already
 * made: a GET for a cached page or a rendition kept in memory. Everything
 * else, and any path a {@link Source} does not know, goes on to Javalin. On the hot path of a
 * news site (cached pages) this skips the servlet layer, Javalin's context, its route matching
 * and its before-handlers; what those would add to such a response (the security headers, the
 * access log line, the request's metrics) is added here the same way. Thread-safe.
 */
public final class CachedResponses extends Handler.Wrapper {

  /** A response ready to send, and the route pattern it is counted under in /metrics. */
  public record Answer(String route, Consumer<Exchange> send) {}

  /**
   * Something that may hold the ready response for a raw request path. It runs on Jetty's
   * selector thread: it must answer from memory, and leave to Javalin (null) any request whose
   * answer would wait on storage or the network.
   */
  @FunctionalInterface
  public interface Source {
    /**
     * The answer for this raw (still percent-encoded) path and query ({@code rawQuery}: null for
     * none); null to let Javalin handle it. The request's headers and cookies can be read from
     * {@code request}; nothing is sent before the answer's {@link Answer#send} runs. A path or
     * query whose escapes are broken must get null, so that Javalin refuses it with a 400
     * (MalformedInput): a source answers only addresses it decodes strictly, or that its own
     * handler served.
     */
    Answer find(String rawPath, String rawQuery, Exchange request);

    /**
     * As {@link #find}, where the answer may wait on the local disk (a page the cache keeps in a
     * file): asked on a thread of the server's pool, for a request that every source's {@link
     * #find} left to Javalin, before Javalin has it. None by default.
     */
    default Answer findKept(String rawPath, String rawQuery, Exchange request) {
      return null;
    }
  }

  private final List<Source> sources;
  /** Encoded once: Jetty writes a pre-encoded field's bytes as they are. */
  private final List<HttpField> securityHeaders;

  private final RequestLog log;

  /**
   * What every answered request is told to: the access log and /metrics. The client's address
   * is passed as it is, to be turned into text only where a line is written.
   */
  @FunctionalInterface
  public interface RequestLog {
    void record(
        java.net.SocketAddress client,
        String method,
        String path,
        int status,
        String route,
        float millis);
  }

  public CachedResponses(
      List<Source> sources, Map<String, String> securityHeaders, RequestLog log) {
    this.sources = List.copyOf(sources);
    this.securityHeaders = securityHeaders.entrySet().stream()
        .<HttpField>map(e -> new PreEncodedHttpField(e.getKey(), e.getValue()))
        .toList();
    this.log = log;
  }

  /**
   * Non-blocking: Jetty calls {@link #handle} on the selector thread that read the request, so a
   * ready answer goes out with no hand-over to another thread (a third of the CPU a cached page
   * cost when every request got a thread of its own). Everything else is handed to the server's
   * thread pool here ({@link #pass}), where Javalin may block as it likes.
   */
  @Override
  public InvocationType getInvocationType() {
    return InvocationType.NON_BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    boolean ready = mayBeReady(request);
    if (ready && answer(request, response, callback, false)) return true;
    return pass(request, response, callback, ready);
  }

  /**
   * Whether a ready response may answer the request: a GET with a path. Its escapes are the
   * sources' to check ({@link Source#find}), each as strictly as it reads them: checked here too,
   * an Arabic address was decoded twice on every hit.
   */
  private static boolean mayBeReady(Request request) {
    return HttpMethod.GET.is(request.getMethod()) && request.getHttpURI().getPath() != null;
  }

  /**
   * Sends the first source's answer for the path, from memory ({@link Source#find}) or, on a
   * thread that may wait, from the disk too ({@link Source#findKept}); false when none has one.
   */
  private boolean answer(Request request, Response response, Callback callback, boolean mayWait) {
    long start = System.nanoTime();
    var exchange = new JettyExchange(request, response, callback);
    var path = request.getHttpURI().getPath();
    var query = request.getHttpURI().getQuery();
    if (query != null && query.isEmpty()) query = null;
    for (var source : sources) {
      var answer =
          mayWait ? source.findKept(path, query, exchange) : source.find(path, query, exchange);
      if (answer == null) continue;
      response.setStatus(200);
      for (var field : securityHeaders) response.getHeaders().put(field);
      answer.send().accept(exchange);
      exchange.finish();
      log.record(
          request.getConnectionMetaData().getRemoteSocketAddress(),
          "GET",
          path,
          response.getStatus(),
          answer.route() == null ? "cached" : answer.route(),
          (System.nanoTime() - start) / 1e6f);
      return true;
    }
    return false;
  }

  /**
   * Hands the request to a thread of the server's pool, which may block: there a page kept on
   * disk is read back and sent ({@code ready}: the request may have one), and anything else goes
   * to Javalin. A disk hit skips Javalin's pipeline as a memory hit does (~30 µs).
   */
  private boolean pass(Request request, Response response, Callback callback, boolean ready) {
    getServer().getThreadPool().execute(() -> {
      try {
        if (ready && answer(request, response, callback, true)) return;
        if (!super.handle(request, response, callback))
          Response.writeError(request, response, callback, 404);
      } catch (Throwable e) {
        Response.writeError(request, response, callback, e);
      }
    });
    return true;
  }

  /**
   * Content-Type headers by content type, encoded once. A type Jetty knows is written in its
   * spelling ("text/html;charset=utf-8"), any other as given, so that a page sent from here and
   * from a Javalin handler carry the same header. Jetty's own field for a known type is not
   * pre-encoded: its value would be checked byte by byte on every response. The types come from
   * the program (pages, feeds, renditions), never from a request: a handful. Should that ever
   * change, past {@value #MOST_CONTENT_TYPES} a field is made for each response, as before.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, HttpField> CONTENT_TYPES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final int MOST_CONTENT_TYPES = 64;

  public static HttpField contentType(String contentType) {
    var field = CONTENT_TYPES.get(contentType);
    if (field != null) return field;
    var known = org.eclipse.jetty.http.MimeTypes.CACHE.get(contentType);
    field = new PreEncodedHttpField(
        HttpHeader.CONTENT_TYPE, known == null ? contentType : known.asString());
    if (CONTENT_TYPES.size() < MOST_CONTENT_TYPES) CONTENT_TYPES.putIfAbsent(contentType, field);
    return field;
  }

  /** Over Jetty's own request and response. */
  private static final class JettyExchange implements Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private boolean sent;

    JettyExchange(Request request, Response response, Callback callback) {
      this.request = request;
      this.response = response;
      this.callback = callback;
    }

    @Override
    public String header(String name) {
      return request.getHeaders().get(name);
    }

    @Override
    public String cookie(String name) {
      // Most requests carry no cookie: Jetty's cookie cache makes a map for each one even so.
      if (!request.getHeaders().contains(HttpHeader.COOKIE)) return null;
      for (var cookie : Request.getCookies(request))
        if (cookie.getName().equals(name)) return cookie.getValue();
      return null;
    }

    @Override
    public Exchange setHeader(String name, String value) {
      response.getHeaders().put(name, value);
      return this;
    }

    @Override
    public Exchange setHeader(HttpField field) {
      response.getHeaders().put(field);
      return this;
    }

    @Override
    public void status(int code) {
      response.setStatus(code);
    }

    @Override
    public void send(String contentType, ByteBuffer body) {
      response.getHeaders().put(contentType(contentType));
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
      sent = true;
      response.write(true, body.duplicate(), callback);
    }

    /** Ends a response that sent no body (a 304). */
    void finish() {
      if (!sent) callback.succeeded();
    }
  }
}
