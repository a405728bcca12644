package io.masthead.testing;

import io.masthead.Config;
import io.masthead.Outlet;
import io.masthead.demo.DemoOutlet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A demo outlet served on a random port, for HTTP and browser tests. */
public final class TestOutlet implements AutoCloseable {
  public final Outlet outlet;
  public final int port;
  public final HttpClient http = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private TestOutlet(Outlet outlet, int port) {
    this.outlet = outlet;
    this.port = port;
  }

  /** A demo outlet with this many articles on SQLite in {@code folder}. */
  public static TestOutlet start(Path folder, int articles) {
    return start(folder, TestDatabases.sqlite(folder), articles, Map.of());
  }

  public static TestOutlet start(
      Path folder, String databaseUrl, int articles, Map<String, String> settings) {
    return start(folder, databaseUrl, articles, settings, Clock.systemUTC());
  }

  public static TestOutlet start(
      Path folder, String databaseUrl, int articles, Map<String, String> settings, Clock clock) {
    var overrides = new HashMap<String, String>(settings);
    overrides.put("server.port", "0");
    overrides.put("database.url", databaseUrl);
    var config = Config.load(folder, Map.of(), overrides);
    var outlet = new Outlet(config, clock);
    outlet.schedulerMillis = 100;
    new DemoOutlet(outlet.database, outlet.changeLog, outlet.clock, outlet.mediaDesk)
        .create(articles, (d, t) -> {});
    int port = outlet.serve();
    return new TestOutlet(outlet, port);
  }

  /**
   * Another node of an outlet another {@link TestOutlet} made on the same PostgreSQL database:
   * its own data folder, its own port, nothing written at start.
   */
  public static TestOutlet join(Path folder, String databaseUrl, Map<String, String> settings) {
    var overrides = new HashMap<String, String>(settings);
    overrides.put("server.port", "0");
    overrides.put("database.url", databaseUrl);
    var outlet = new Outlet(Config.load(folder, Map.of(), overrides), Clock.systemUTC());
    outlet.schedulerMillis = 100;
    int port = outlet.serve();
    return new TestOutlet(outlet, port);
  }

  /**
   * The program saves the article again with this headline and slug, credited to Staff, without
   * tags or series: the edit the site tests make to see a page follow a change.
   */
  public void editArticle(long id, String headline, String slug) {
    var article = outlet.articles.find(id).orElseThrow();
    outlet.articleDesk.save(
        io.masthead.command.Actor.PROGRAM,
        id,
        new io.masthead.article.ArticleInput(
            article.edition(),
            article.section().id(),
            null,
            headline,
            article.standfirst(),
            slug,
            java.util.List.of(),
            article.bodyMarkdown(),
            java.util.List.of(),
            java.util.List.of(io.masthead.article.Credit.STAFF)),
        -1,
        io.masthead.article.ArticleAction.SAVE,
        null);
  }

  /** A draft by {@code actor} in the English World section, credited Staff, its body "Text.". */
  public long draft(io.masthead.command.Actor actor, String headline) {
    return outlet.articleDesk.create(
        actor,
        new io.masthead.article.ArticleInput(
            "en",
            sectionId("en", "world"),
            null,
            headline,
            "",
            "",
            java.util.List.of(),
            "Text.",
            java.util.List.of(),
            java.util.List.of(io.masthead.article.Credit.STAFF)));
  }

  /** The id of a section of an edition, by its slug. */
  public long sectionId(String edition, String slug) {
    return outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = :e AND slug = :s")
            .bind("e", edition)
            .bind("s", slug)
            .mapTo(Long.class)
            .one());
  }

  /** The program writes a short article credited to Staff in the section and publishes it; its id. */
  public long publishNew(String edition, String sectionSlug, String headline) {
    return publish(edition, sectionSlug, headline, "", "Text.", java.util.List.of());
  }

  /** Waits (at most 60 s) until every edition's search index is built and answering. */
  public TestOutlet awaitSearch() {
    var deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    var editions = io.masthead.edition.Editions.load(outlet.database).all();
    while (!editions.stream()
        .allMatch(
            e -> outlet.search().ready(e.code()) && outlet.newsroomSearch().ready(e.code()))) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("the search index was not built within 60 s");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
    return this;
  }

  /**
   * The program writes an article and publishes it: {@code edition}, section slug, headline,
   * standfirst, Markdown body, tag names, credited to Staff. Its id.
   */
  public long publish(
      String edition,
      String sectionSlug,
      String headline,
      String standfirst,
      String body,
      java.util.List<String> tags) {
    long id = outlet.articleDesk.create(
        io.masthead.command.Actor.PROGRAM,
        new io.masthead.article.ArticleInput(
            edition,
            sectionId(edition, sectionSlug),
            null,
            headline,
            standfirst,
            "",
            tags,
            body,
            java.util.List.of(),
            java.util.List.of(io.masthead.article.Credit.STAFF)));
    outlet.articleDesk.publish(io.masthead.command.Actor.PROGRAM, id);
    return id;
  }

  /** The same edit, keeping the slug. */
  public void retitle(long id, String headline) {
    editArticle(id, headline, outlet.articles.find(id).orElseThrow().slug());
  }

  /**
   * An anonymous reader stars the article through the page's form; their cookie
   * ("mh_reader=…"), to send with later requests.
   */
  public String star(long id, String path) {
    var starred = postForm(
        "/favorites",
        "article=" + id + "&starred=true&back=" + path,
        "Origin",
        url("").replaceAll("/$", ""));
    var cookie = starred.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  /** The current address of an article (not percent-encoded; {@link #url} does that). */
  public String articlePath(long id) {
    return articlePath(outlet.articles.find(id).orElseThrow());
  }

  /**
   * An article's address as the URL scheme writes it, in ASCII digits whatever the machine's
   * locale (formatted in an Arabic one, "%04d" writes ٢٠٢٦).
   */
  public static String articlePath(io.masthead.article.Article a) {
    var date = java.time.LocalDate.ofInstant(a.publishedAt(), java.time.ZoneOffset.UTC);
    var prefix = a.edition().equals("en") ? "" : "/" + a.edition();
    return String.format(
        java.util.Locale.ROOT,
        "%s/%s/%04d/%02d/%02d/%s",
        prefix,
        a.section().slug(),
        date.getYear(),
        date.getMonthValue(),
        date.getDayOfMonth(),
        a.slug());
  }

  /** The address of a path here, percent-encoded as a browser sends it (Arabic slugs too). */
  public String url(String path) {
    int query = path.indexOf('?');
    var encoded = io.masthead.web.site.SitePaths.encode(query < 0 ? path : path.substring(0, query))
        + (query < 0 ? "" : path.substring(query));
    return "http://127.0.0.1:" + port + encoded;
  }

  public HttpResponse<String> get(String path, String... headers) {
    var request = HttpRequest.newBuilder(URI.create(url(path)))
        .timeout(Duration.ofSeconds(20))
        .GET();
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return send(request.build());
  }

  public HttpResponse<String> postForm(String path, String form, String... headers) {
    var request = HttpRequest.newBuilder(URI.create(url(path)))
        .timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
    return send(request.build());
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A newsroom browser signed in over HTTP: its session cookie and its forms' CSRF token. */
  public record Staff(String cookie, String csrf) {}

  /** Signs in through the form, as a browser does. */
  public Staff signIn(String email, String password) {
    var response = postForm(
        "/newsroom/login",
        form("email", email, "password", password),
        "Origin",
        "http://127.0.0.1:" + port);
    var setCookie = response
        .headers()
        .firstValue("Set-Cookie")
        .orElseThrow(() -> new AssertionError("sign-in failed: " + response.statusCode()));
    var cookie = setCookie.substring(0, setCookie.indexOf(';'));
    var csrf = org.jsoup.Jsoup.parse(get("/newsroom/", "Cookie", cookie).body())
        .select("input[name=csrf]")
        .first()
        .val();
    return new Staff(cookie, csrf);
  }

  /** A newsroom page as this member of staff sees it. */
  public HttpResponse<String> get(Staff staff, String path) {
    return get(path, "Cookie", staff.cookie());
  }

  /** A form post as this member of staff, with the CSRF token: {@code fields} are name, value pairs. */
  public HttpResponse<String> post(Staff staff, String path, String... fields) {
    var all = new String[fields.length + 2];
    all[0] = "csrf";
    all[1] = staff.csrf();
    System.arraycopy(fields, 0, all, 2, fields.length);
    return postForm(
        path, form(all), "Cookie", staff.cookie(), "Origin", "http://127.0.0.1:" + port);
  }

  /** A form body from name, value pairs, percent-encoded. */
  public static String form(String... fields) {
    var parts = new java.util.ArrayList<String>();
    for (int i = 0; i < fields.length; i += 2)
      parts.add(java.net.URLEncoder.encode(fields[i], java.nio.charset.StandardCharsets.UTF_8) + "="
          + java.net.URLEncoder.encode(fields[i + 1], java.nio.charset.StandardCharsets.UTF_8));
    return String.join("&", parts);
  }

  @Override
  public void close() {
    outlet.close();
  }
}
