package io.masthead.bench;

import io.masthead.article.ArticleRepository;
import io.masthead.change.ChangeLog;
import io.masthead.favorite.FavoriteService;
import io.masthead.favorite.ReaderCookie;
import io.masthead.storage.Database;
import io.masthead.testing.TempFolders;
import io.masthead.web.CachedResponses;
import io.masthead.web.Exchange;
import io.masthead.web.PageCache;
import io.masthead.web.site.PageServer;
import io.masthead.web.site.SitePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpGenerator;
import org.eclipse.jetty.http.HttpHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cached path, the whole of a page-cache hit short of the socket: the raw path decoded into
 * the cache's key, the page looked up, the reader's variant chosen (a signed cookie checked and
 * the reader's favorites looked at), the encoding negotiated and the headers set and encoded
 * as Jetty writes them. {@link
 * CachedResponses} runs this for every cached page, in Jetty before Javalin. 10,000 article
 * pages of 6 KB (gzipped) in the cache, half of their paths in Arabic (percent-encoded), a
 * different one each time. Its figures are in microseconds per request; bench/run's cached
 * article (20,000+ requests a second on 2 cores) leaves about 100 µs of CPU per request for
 * all of it, sockets included: a rise here is a rise there. Run with {@code bench/jmh
 * CachedPathBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CachedPathBench {
  private static final int PAGES = 10_000;

  private Path folder;
  private Database database;
  private PageServer pages;
  private final List<String> paths = new ArrayList<>();
  private Request anonymous;
  private Request reader;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    folder = Files.createTempDirectory("masthead-cached-path-bench");
    database = Database.open("jdbc:sqlite:" + folder.resolve("masthead.db"), null, null);
    var clock = Clock.systemUTC();
    var changeLog = new ChangeLog(database, clock);
    var favorites =
        new FavoriteService(database, changeLog, new ArticleRepository(database), clock);
    var cookies = new ReaderCookie(
        "a bench secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));
    var cache = new PageCache(true, 256L * 1024 * 1024, clock);
    pages = new PageServer(cache, favorites, cookies);
    // A reader who starred nothing: the cookie is checked and their favorites looked at.
    anonymous = new Request(null);
    reader = new Request(cookies.sign(1));
    favorites.isStarred(1, 0); // their favorites in memory, as a reader's are after a page or two
    var html = ("<!doctype html><html lang=\"en\"><head><title>Headline</title></head><body>"
            + "<main><article><h1>Coastal alliance members review port agreement</h1>"
            + "<p>Officials said on Monday that the water-sharing pact would be reviewed.</p>"
                .repeat(120)
            + "</article></main></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < PAGES; i++) {
      var path = i % 2 == 0
          ? "/world/2026/11/18/coastal-alliance-members-review-port-agreement-" + i
          : "/ar/%D8%A7%D9%84%D8%B9%D8%A7%D9%84%D9%85/2026/11/18/"
              + "%D8%AA%D8%AD%D8%A7%D9%84%D9%81-%D8%A7%D9%84%D8%B3%D8%A7%D8%AD%D9%84-" + i;
      var page = new PageCache.Page(
          PageCache.Variant.of(html),
          new PageCache.StarSwap(
              "<main>".getBytes(StandardCharsets.UTF_8),
              "<main class=\"starred\">".getBytes(StandardCharsets.UTF_8)),
          (long) i,
          Set.of("article:" + i, "section:world", "home:en"),
          Duration.ofSeconds(60));
      cache.get(SitePaths.decode(path), () -> page);
      page.route("/{section}/{year}/{month}/{day}/{slug}");
      paths.add(path);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    database.close();
    TempFolders.delete(folder);
  }

  private String nextPath() {
    return paths.get(next++ % PAGES);
  }

  @Benchmark
  public String decodePath() {
    return SitePaths.decode(nextPath());
  }

  @Benchmark
  public void anonymousReader(Blackhole sink) {
    serve(anonymous, sink);
  }

  @Benchmark
  public void readerWithFavorites(Blackhole sink) {
    serve(reader, sink);
  }

  private void serve(Request request, Blackhole sink) {
    request.sink = sink;
    request.headers.clear();
    var answer = pages.find(nextPath(), null, request);
    if (answer == null) throw new IllegalStateException("a page is not in the cache");
    answer.send().accept(request);
  }

  /**
   * A browser's request for a page it has not seen: gzip taken, no validator. Its response
   * headers are set in Jetty's own fields and encoded as Jetty writes them to the socket, so a
   * header that is encoded on every hit instead of once shows here.
   */
  private static final class Request implements Exchange {
    private final String cookie;
    private final HttpFields.Mutable headers = HttpFields.build();
    private final ByteBuffer encoded = ByteBuffer.allocate(4096);
    private Blackhole sink;

    Request(String cookie) {
      this.cookie = cookie;
    }

    @Override
    public String header(String name) {
      return name.equalsIgnoreCase("Accept-Encoding") ? "gzip, deflate, br, zstd" : null;
    }

    @Override
    public String cookie(String name) {
      return cookie;
    }

    @Override
    public Exchange setHeader(String name, String value) {
      headers.put(name, value);
      return this;
    }

    @Override
    public Exchange setHeader(HttpField field) {
      headers.put(field);
      return this;
    }

    @Override
    public void status(int code) {
      sink.consume(code);
    }

    @Override
    public void send(String contentType, ByteBuffer body) {
      headers.put(CachedResponses.contentType(contentType));
      headers.put(HttpHeader.CONTENT_LENGTH, body.remaining());
      HttpGenerator.putTo(headers, encoded.clear());
      sink.consume(encoded.position());
      sink.consume(body);
    }
  }
}
