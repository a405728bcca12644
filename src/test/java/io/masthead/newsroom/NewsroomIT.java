package io.masthead.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.command.Role;
import io.masthead.testing.MutableClock;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The newsroom over real HTTP: signing in, the workflow, scheduling, revisions, conflicts, CSRF, limits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomIT {
  /** The database the outlet runs on; the PostgreSQL subclass runs the same tests there. */
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  static final String PASSWORD = "correct horse battery";
  final MutableClock clock =
      new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  TestOutlet site;

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, databaseUrl(folder), 60, Map.of(), clock).awaitSearch();
    for (var role : Role.values())
      site.outlet.staff.add(role.code() + "@example.com", "A " + role.code(), role, PASSWORD, null);
    site.outlet.staff.add("limited@example.com", "Limited", Role.CONTRIBUTOR, PASSWORD, null);
  }

  @AfterAll
  void stop() {
    site.close();
  }

  /** A signed-in browser: its session cookie and the CSRF token of its forms. */
  record Browser(String cookie, String csrf) {}

  Browser signIn(String email) {
    var response = site.postForm(
        "/newsroom/login",
        form("email", email, "password", PASSWORD, "next", "/newsroom/"),
        "Origin",
        origin());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    var setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
    var cookie = setCookie.substring(0, setCookie.indexOf(';'));
    var dashboard = site.get("/newsroom/", "Cookie", cookie);
    assertThat(dashboard.statusCode()).isEqualTo(200);
    return new Browser(
        cookie, Jsoup.parse(dashboard.body()).select("input[name=csrf]").first().val());
  }

  HttpResponse<String> post(Browser browser, String path, String... fields) {
    var all = new String[fields.length + 2];
    all[0] = "csrf";
    all[1] = browser.csrf();
    System.arraycopy(fields, 0, all, 2, fields.length);
    return site.postForm(path, form(all), "Cookie", browser.cookie(), "Origin", origin());
  }

  /** Creates a draft through the form; returns its id. */
  long createDraft(Browser browser, String headline) {
    var section = site.outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'europe'")
            .mapTo(Long.class)
            .one());
    var response = post(
        browser,
        "/newsroom/articles",
        "edition",
        "en",
        "section",
        section.toString(),
        "headline",
        headline,
        "standfirst",
        "A standfirst.",
        "body",
        "First paragraph.\n\nSecond paragraph.",
        "credit",
        "staff",
        "tags",
        "Rail, Night trains");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    var location = response.headers().firstValue("Location").orElseThrow();
    return Long.parseLong(location.replaceAll(".*/articles/(\\d+).*", "$1"));
  }

  Map<String, String> editorFields(Browser browser, long id) {
    var page = Jsoup.parse(
        site.get("/newsroom/articles/" + id, "Cookie", browser.cookie()).body());
    var fields = new LinkedHashMap<String, String>();
    var form = page.select("form[data-editor]").first();
    for (var input : form.select("input[name], textarea[name], select[name]")) {
      var name = input.attr("name");
      if (name.equals("action") || name.equals("csrf")) continue;
      if (input.tagName().equals("select")) {
        var selected = input.select("option[selected]").first();
        fields.put(name, selected == null ? input.select("option").first().val() : selected.val());
      } else if (input.attr("type").equals("checkbox")) {
        if (input.hasAttr("checked")) fields.merge(name, input.val(), (a, b) -> a + "\u0000" + b);
      } else {
        fields.put(name, input.tagName().equals("textarea") ? input.text() : input.val());
      }
    }
    return fields;
  }

  HttpResponse<String> act(Browser browser, long id, Map<String, String> fields, String action) {
    var parts = new java.util.ArrayList<String>();
    parts.add("csrf=" + enc(browser.csrf()));
    parts.add("action=" + enc(action));
    fields.forEach((k, v) -> {
      for (var value : v.split("\u0000")) parts.add(enc(k) + "=" + enc(value));
    });
    return site.postForm(
        "/newsroom/articles/" + id,
        String.join("&", parts),
        "Cookie",
        browser.cookie(),
        "Origin",
        origin());
  }

  String publicPath(long id) {
    var a = site.outlet.articles.find(id).orElseThrow();
    var date = LocalDateTime.ofInstant(a.publishedAt(), ZoneOffset.UTC);
    return "/%s/%s/%s"
        .formatted(
            a.section().slug(), DateTimeFormatter.ofPattern("yyyy/MM/dd").format(date), a.slug());
  }

  @Test
  void anonymous_visitors_are_sent_to_sign_in_and_wrong_passwords_are_refused_clearly() {
    var dashboard = site.get("/newsroom/");
    assertThat(dashboard.statusCode()).isEqualTo(303);
    assertThat(dashboard.headers().firstValue("Location"))
        .contains("/newsroom/login?next=%2Fnewsroom%2F");
    var form = Jsoup.parse(site.get("/newsroom/login").body());
    assertThat(form.select("form[method=post] input[name=email][type=email]")).hasSize(1);
    assertThat(form.select("label[for=password]").text()).isEqualTo("Password");
    var wrong = site.postForm(
        "/newsroom/login",
        form("email", "editor@example.com", "password", "nope nope nope"),
        "Origin",
        origin());
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(Jsoup.parse(wrong.body()).select(".error").text())
        .isEqualTo("That email and password do not match.");
    assertThat(site.postForm("/newsroom/articles", form("headline", "x"), "Origin", origin())
            .statusCode())
        .isEqualTo(401);
  }

  @Test
  void sign_in_attempts_are_limited_per_account_with_a_clear_message() {
    for (int i = 0; i < SignInLimiter.PER_ACCOUNT_AND_ADDRESS; i++) {
      assertThat(site.postForm(
                  "/newsroom/login",
                  form("email", "limited@example.com", "password", "guess " + i),
                  "Origin",
                  origin())
              .statusCode())
          .isEqualTo(401);
    }
    var blocked = site.postForm(
        "/newsroom/login",
        form("email", "limited@example.com", "password", PASSWORD),
        "Origin",
        origin());
    assertThat(blocked.statusCode()).isEqualTo(429);
    assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
    assertThat(Jsoup.parse(blocked.body()).select(".error").text())
        .startsWith("Too many failed sign-ins. Try again in");
    clock.advance(SignInLimiter.WINDOW.plusMinutes(1));
    assertThat(site.postForm(
                "/newsroom/login",
                form("email", "limited@example.com", "password", PASSWORD),
                "Origin",
                origin())
            .statusCode())
        .isEqualTo(303);
  }

  /** A sign-in form post sent from another loopback address (127.0.0.N), as another computer would. */
  int signInFrom(String address, String email, String password) {
    try {
      var client = java.net.http.HttpClient.newBuilder()
          .localAddress(java.net.InetAddress.getByName(address))
          .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
          .build();
      var request = java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(site.url("/newsroom/login")))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Origin", origin())
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
              form("email", email, "password", password, "next", "/newsroom/")))
          .build();
      return client
          .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void wrong_passwords_from_elsewhere_slow_an_account_but_never_lock_its_owner_out() {
    var victim = site.outlet.staff.add("victim@example.com", "Victim", Role.ADMIN, PASSWORD, null);
    // An attacker at 127.0.0.2 uses up its own tries, and only its own.
    for (int i = 0; i < SignInLimiter.PER_ACCOUNT_AND_ADDRESS; i++) {
      assertThat(signInFrom("127.0.0.2", victim.email(), "guess " + i)).isEqualTo(401);
    }
    assertThat(signInFrom("127.0.0.2", victim.email(), "guess")).isEqualTo(429);
    assertThat(signInFrom("127.0.0.3", victim.email(), PASSWORD))
        .as("the owner, elsewhere")
        .isEqualTo(303);
    // Past SLOW_AFTER tries from anywhere the account is slowed to one try per interval, not
    // locked.
    for (int i = 0; i < SignInLimiter.SLOW_AFTER; i++) {
      assertThat(signInFrom("127.0.0." + (4 + i / 4), victim.email(), "guess " + i))
          .isEqualTo(401);
    }
    assertThat(signInFrom("127.0.0.9", victim.email(), PASSWORD)).as("slowed").isEqualTo(429);
    clock.advance(SignInLimiter.SLOW_INTERVAL);
    assertThat(signInFrom("127.0.0.9", victim.email(), PASSWORD))
        .as("after the interval")
        .isEqualTo(303);
  }

  @Test
  void a_burst_of_parallel_guesses_gets_exactly_the_allowed_number_of_checks() throws Exception {
    site.outlet.staff.add("burst@example.com", "Burst", Role.EDITOR, PASSWORD, null);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
    var start = new java.util.concurrent.CountDownLatch(1);
    var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
    for (int i = 0; i < 16; i++) {
      int n = i;
      answers.add(pool.submit(() -> {
        start.await();
        return signInFrom("127.0.0.20", "burst@example.com", "guess " + n);
      }));
    }
    start.countDown();
    var statuses = new java.util.ArrayList<Integer>();
    for (var answer : answers) statuses.add(answer.get(2, java.util.concurrent.TimeUnit.MINUTES));
    pool.shutdown();
    assertThat(statuses.stream().filter(s -> s == 401).count())
        .as("%s", statuses)
        .isEqualTo(SignInLimiter.PER_ACCOUNT_AND_ADDRESS);
    assertThat(statuses).allMatch(s -> s == 401 || s == 429);
  }

  @Test
  void a_contributor_writes_and_submits_an_editor_publishes_and_the_site_shows_it_at_once() {
    var contributor = signIn("contributor@example.com");
    var headline = "Night trains return to the northern line " + System.nanoTime();
    long id = createDraft(contributor, headline);
    var fields = editorFields(contributor, id);
    assertThat(fields.get("headline")).isEqualTo(headline);
    assertThat(act(contributor, id, fields, "publish").statusCode()).isEqualTo(403);
    assertThat(act(contributor, id, fields, "submit").statusCode()).isEqualTo(303);
    assertThat(site.outlet.articles.find(id).orElseThrow().status().code()).isEqualTo("review");
    // Once submitted, the contributor can no longer change it; an editor can.
    assertThat(act(contributor, id, editorFields(contributor, id), "save").statusCode())
        .isEqualTo(403);

    var editor = signIn("editor@example.com");
    var review = Jsoup.parse(site.get("/newsroom/", "Cookie", editor.cookie()).body());
    assertThat(review.select("#review + div a, section:has(#review) a").eachText())
        .contains(headline);
    var editing = editorFields(editor, id);
    editing.put("standfirst", "Edited by the desk.");
    assertThat(act(editor, id, editing, "publish").statusCode()).isEqualTo(303);
    var path = publicPath(id);
    awaitTrue(() -> site.get(path).statusCode() == 200);
    var page = Jsoup.parse(site.get(path).body());
    assertThat(page.select("h1").text()).isEqualTo(headline);
    assertThat(page.select(".standfirst").first().text()).isEqualTo("Edited by the desk.");
    assertThat(page.select(".tags a").eachText()).contains("Rail", "Night trains");
    awaitTrue(() -> site.get("/").body().contains(headline));
    assertThat(
            Jsoup.parse(site.get("/newsroom/audit", "Cookie", editor.cookie()).body())
                .select("td")
                .eachText())
        .contains("article.published", "article.submitted", "article.created");

    assertThat(post(
                editor,
                "/newsroom/articles/" + id + "/corrections",
                "correction",
                "The line reopens on Monday, not Sunday.")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get(path).body().contains("The line reopens on Monday, not Sunday."));

    assertThat(act(editor, id, editorFields(editor, id), "unpublish").statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get(path).statusCode() == 410);
  }

  @Test
  void a_scheduled_article_goes_live_at_its_time_exactly_once() {
    var editor = signIn("editor@example.com");
    var headline = "Embargoed report on harbour water " + System.nanoTime();
    long id = createDraft(editor, headline);
    var fields = editorFields(editor, id);
    var at = LocalDateTime.ofInstant(clock.instant().plus(Duration.ofHours(2)), ZoneOffset.UTC)
        .withSecond(0);
    fields.put("publishAt", at.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
    assertThat(act(editor, id, fields, "schedule").statusCode()).isEqualTo(303);
    var article = site.outlet.articles.find(id).orElseThrow();
    assertThat(article.status().code()).isEqualTo("scheduled");
    assertThat(site.outlet.articleDesk.publishDue()).doesNotContain(id);
    var path = publicPath(id);
    assertThat(site.get(path).statusCode()).isEqualTo(404);

    clock.advance(Duration.ofHours(3));
    awaitTrue(() -> site.get(path).statusCode() == 200);
    assertThat(site.outlet.articleDesk.publishDue()).doesNotContain(id); // once only
    long published = site.outlet.database.read(h -> h.createQuery(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'article.published' AND subject = :s AND detail = 'on schedule'")
        .bind("s", "article " + id)
        .mapTo(Long.class)
        .one());
    assertThat(published).isEqualTo(1);
    var inPast = editorFields(editor, createDraft(editor, "Too late " + System.nanoTime()));
    inPast.put("publishAt", "2001-01-01T10:00");
    var refused = act(
        editor,
        Long.parseLong(site.outlet.database.read(h ->
            h.createQuery("SELECT MAX(id) FROM article").mapTo(String.class).one())),
        inPast,
        "schedule");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(Jsoup.parse(refused.body()).select("#publishAt-error").text())
        .isEqualTo("Choose a time in the future.");
    // A year far out of range (it answered 500, or published at once on SQLite) is a field problem.
    long far = createDraft(editor, "Far too late " + System.nanoTime());
    for (var typed :
        new String[] {"1000000000-01-01T10:00", "+10000-01-01T10:00", "2400-01-01T10:00"}) {
      var farFields = editorFields(editor, far);
      farFields.put("publishAt", typed);
      var answer = act(editor, far, farFields, "schedule");
      assertThat(answer.statusCode()).as(typed).isEqualTo(422);
      assertThat(Jsoup.parse(answer.body()).select("#publishAt-error").text())
          .as(typed)
          .isNotEmpty();
    }
    assertThat(site.outlet.articles.find(far).orElseThrow().status().code()).isEqualTo("draft");
  }

  @Test
  void two_editors_saving_the_same_version_never_overwrite_each_other_silently() {
    var first = signIn("editor@example.com");
    var second = signIn("admin@example.com");
    long id = createDraft(first, "Council debates the bridge " + System.nanoTime());
    var mine = editorFields(first, id);
    var theirs = editorFields(second, id);
    theirs.put("headline", "Their headline");
    assertThat(act(second, id, theirs, "save").statusCode()).isEqualTo(303);
    mine.put("headline", "My headline");
    var conflict = act(first, id, mine, "save");
    assertThat(conflict.statusCode()).isEqualTo(409);
    var page = Jsoup.parse(conflict.body());
    assertThat(page.select("#theirs + p").text()).isEqualTo("Their headline");
    assertThat(page.select("form[data-editor] input[name=headline]").val())
        .isEqualTo("My headline");
    assertThat(site.outlet.articles.find(id).orElseThrow().headline()).isEqualTo("Their headline");
    // Saving again from the conflict page (it carries the current version) replaces theirs on
    // purpose.
    var again = Jsoup.parse(conflict.body())
        .select("form[data-editor] input[name=version]")
        .val();
    mine.put("version", again);
    assertThat(act(first, id, mine, "save").statusCode()).isEqualTo(303);
    assertThat(site.outlet.articles.find(id).orElseThrow().headline()).isEqualTo("My headline");
  }

  @Test
  void every_save_is_a_revision_that_can_be_compared_and_restored() {
    var editor = signIn("editor@example.com");
    long id = createDraft(editor, "Original headline");
    var fields = editorFields(editor, id);
    fields.put("headline", "Changed headline");
    fields.put("body", "First paragraph.\n\nA new second paragraph.");
    assertThat(act(editor, id, fields, "save").statusCode()).isEqualTo(303);
    var list =
        Jsoup.parse(site.get("/newsroom/articles/" + id + "/revisions", "Cookie", editor.cookie())
            .body());
    assertThat(list.select("tbody tr")).hasSize(2);
    var diff =
        Jsoup.parse(site.get("/newsroom/articles/" + id + "/revisions/1", "Cookie", editor.cookie())
            .body());
    assertThat(diff.select("tr.diff-change td").eachText())
        .contains(
            "change: Headline: Original headline",
            "Headline: Changed headline"); // the marker is for screen readers
    var current = String.valueOf(site.outlet.articles.find(id).orElseThrow().version());
    assertThat(post(editor, "/newsroom/articles/" + id + "/revisions/1/restore", "current", current)
            .statusCode())
        .isEqualTo(303);
    var restored = site.outlet.articles.find(id).orElseThrow();
    assertThat(restored.headline()).isEqualTo("Original headline");
    assertThat(restored.bodyMarkdown()).contains("Second paragraph.");
    assertThat(site.outlet.revisions.list(id)).hasSize(3);
  }

  @Test
  void forms_without_the_sessions_csrf_token_or_from_elsewhere_are_refused() {
    var editor = signIn("editor@example.com");
    long id = createDraft(editor, "Guarded " + System.nanoTime());
    var noToken = site.postForm(
        "/newsroom/articles/" + id + "/corrections",
        form("correction", "x"),
        "Cookie",
        editor.cookie(),
        "Origin",
        origin());
    assertThat(noToken.statusCode()).isEqualTo(403);
    var wrongToken = site.postForm(
        "/newsroom/articles/" + id + "/corrections",
        form("csrf", "forged", "correction", "x"),
        "Cookie",
        editor.cookie());
    assertThat(wrongToken.statusCode()).isEqualTo(403);
    var crossSite = site.postForm(
        "/newsroom/logout",
        form("csrf", editor.csrf()),
        "Cookie",
        editor.cookie(),
        "Sec-Fetch-Site",
        "cross-site");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(site.get("/newsroom/", "Cookie", editor.cookie()).statusCode())
        .isEqualTo(200); // still signed in
  }

  @Test
  void bad_form_input_is_shown_field_by_field_and_nothing_is_saved() {
    var editor = signIn("editor@example.com");
    long before = site.outlet.database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM article").mapTo(Long.class).one());
    var response = post(
        editor,
        "/newsroom/articles",
        "edition",
        "en",
        "section",
        "999999",
        "headline",
        "",
        "slug",
        "Not A Slug!",
        "body",
        "x");
    assertThat(response.statusCode()).isEqualTo(422);
    var page = Jsoup.parse(response.body());
    assertThat(page.select("#headline-error").text()).isEqualTo("A headline is needed.");
    assertThat(page.select("#section-error").text()).isEqualTo("Choose a section of this edition.");
    assertThat(page.select("#slug-error").text()).startsWith("A slug is lower-case");
    assertThat(page.select("#byline-error").text()).startsWith("Credit at least one");
    assertThat(page.select("textarea[name=body]").text()).isEqualTo("x");
    // A picture's number typed as words is marked on its field; what was typed elsewhere stays.
    var words = post(
        editor,
        "/newsroom/articles",
        "edition",
        "en",
        "headline",
        "Ferries return",
        "credit",
        "staff",
        "leadImageNumber",
        "twelve");
    assertThat(words.statusCode()).isEqualTo(422);
    var marked = Jsoup.parse(words.body());
    assertThat(marked.select("#leadImage-error").text())
        .isEqualTo("Give a picture's number in the library, such as 42.");
    assertThat(marked.select("input[name=headline]").val()).isEqualTo("Ferries return");
    long after = site.outlet.database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM article").mapTo(Long.class).one());
    assertThat(after).isEqualTo(before);
    assertThat(site.get("/newsroom/articles/abc", "Cookie", editor.cookie()).statusCode())
        .isEqualTo(400);
    assertThat(
            site.get("/newsroom/articles/99999999", "Cookie", editor.cookie()).statusCode())
        .isEqualTo(404);
    assertThat(site.get("/newsroom/articles?status=bogus", "Cookie", editor.cookie())
            .statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_nul_pasted_into_a_form_is_dropped_on_both_databases() {
    // PostgreSQL refuses NUL in text: this save answered 500 there, and SQLite kept it.
    var editor = signIn("editor@example.com");
    long id = createDraft(editor, "Night\u0000 trains return");
    var article = site.outlet.articles.find(id).orElseThrow();
    assertThat(article.headline()).isEqualTo("Night trains return");
    assertThat(site.get("/tag/rail%00").statusCode()).isIn(301, 308, 400, 404);
  }

  @Test
  void an_editor_curates_the_lead_the_top_stories_the_breaking_banner_and_the_series_banner() {
    var editor = signIn("editor@example.com");
    var form = Jsoup.parse(
        site.get("/newsroom/front-page?edition=en", "Cookie", editor.cookie()).body());
    var options = form.select("select[name=lead] option").eachAttr("value").stream()
        .filter(v -> !v.isEmpty())
        .toList();
    var lead = options.get(5);
    var second = options.get(7);
    var series = form.select("select[name=series] option").eachAttr("value").stream()
        .filter(v -> !v.isEmpty())
        .toList()
        .get(1);
    var expires =
        LocalDateTime.ofInstant(clock.instant().plus(Duration.ofHours(1)), ZoneOffset.UTC);
    var saved = post(
        editor,
        "/newsroom/front-page",
        "edition",
        "en",
        "lead",
        lead,
        "top0",
        second,
        "breakingText",
        "Bridge closed after storm damage",
        "breakingUrl",
        "/world/",
        "breakingExpires",
        expires.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")),
        "series",
        series);
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
    var leadHeadline =
        site.outlet.articles.find(Long.parseLong(lead)).orElseThrow().headline();
    var secondHeadline =
        site.outlet.articles.find(Long.parseLong(second)).orElseThrow().headline();
    var seriesTitle =
        site.outlet.database.read(h -> h.createQuery("SELECT title FROM series WHERE id = :id")
            .bind("id", Long.parseLong(series))
            .mapTo(String.class)
            .one());
    awaitTrue(
        () -> Jsoup.parse(site.get("/").body())
            .select(".lead .story-headline")
            .text()
            .equals(leadHeadline),
        () -> Jsoup.parse(site.get("/").body()).select(".lead .story-headline").text()
            + " / wanted " + leadHeadline);
    var home = Jsoup.parse(site.get("/").body());
    assertThat(home.select(".top-stories .story-headline").first().text())
        .isEqualTo(secondHeadline);
    assertThat(home.select(".breaking a").text()).isEqualTo("Bridge closed after storm damage");
    awaitTrue(
        () -> Jsoup.parse(site.get("/world/").body())
            .select(".series-banner a")
            .text()
            .equals(seriesTitle),
        () -> Jsoup.parse(site.get("/world/").body()).select(".series-banner a").text()
            + " / wanted " + seriesTitle);
    clock.advance(Duration.ofHours(2)); // the banner ends by itself
    awaitTrue(
        () -> Jsoup.parse(site.get("/").body()).select(".breaking").isEmpty(),
        () -> "banner still shown");
    var bad = post(editor, "/newsroom/front-page", "edition", "en", "lead", "123456789");
    assertThat(bad.statusCode()).isEqualTo(422);
    // A link a browser would read as another host, and an end far out of range, are field problems.
    for (var link :
        new String[] {"/\\evil.example", "//evil.example", "javascript:alert(1)", "https://", "/ x"
        }) {
      var refused = post(
          editor,
          "/newsroom/front-page",
          "edition",
          "en",
          "breakingText",
          "Flood",
          "breakingUrl",
          link);
      assertThat(refused.statusCode()).as(link).isEqualTo(422);
    }
    for (var end :
        new String[] {"2400-01-01T10:00", "+10000-01-01T10:00", "1000000000-01-01T10:00"}) {
      var refused = post(
          editor,
          "/newsroom/front-page",
          "edition",
          "en",
          "breakingText",
          "Flood",
          "breakingExpires",
          end);
      assertThat(refused.statusCode()).as(end).isEqualTo(422);
    }
    assertThat(post(
                editor,
                "/newsroom/front-page",
                "edition",
                "en",
                "breakingText",
                "Flood",
                "breakingUrl",
                "https://news.example/flood",
                "series",
                series)
            .statusCode())
        .isEqualTo(303);
  }

  @Test
  void an_editor_manages_sections_series_tags_and_authors_and_the_site_follows() {
    var editor = signIn("editor@example.com");
    var world = site.outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'world'")
            .mapTo(Long.class)
            .one());
    var added = post(
        editor,
        "/newsroom/structure/sections",
        "edition",
        "en",
        "name",
        "Polar desk",
        "slug",
        "",
        "parent",
        world.toString(),
        "position",
        "9",
        "description",
        "News from both poles.");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
    awaitTrue(() ->
        Jsoup.parse(site.get("/polar-desk/").body()).select("h1").text().equals("Polar desk"));
    awaitTrue(() -> Jsoup.parse(site.get("/world/").body())
        .select(".subsections a")
        .eachText()
        .contains("Polar desk"));

    var reserved = post(
        editor,
        "/newsroom/structure/sections",
        "edition",
        "en",
        "name",
        "Series",
        "slug",
        "series");
    assertThat(reserved.statusCode()).isEqualTo(422);
    assertThat(Jsoup.parse(reserved.body()).select(".error").text())
        .contains("taken by the site itself");
    var tooDeep = post(
        editor,
        "/newsroom/structure/sections",
        "edition",
        "en",
        "name",
        "Deep",
        "parent",
        site.outlet.database.read(
            h -> h.createQuery("SELECT id FROM section WHERE slug = 'americas' AND edition = 'en'")
                .mapTo(String.class)
                .one()));
    assertThat(Jsoup.parse(tooDeep.body()).select(".error").text())
        .startsWith("Sections nest two levels deep");

    var science = site.outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'science'")
            .mapTo(Long.class)
            .one());
    assertThat(post(
                editor,
                "/newsroom/structure/sections/" + science,
                "edition",
                "en",
                "name",
                "Science and Nature",
                "parent",
                "",
                "position",
                "5",
                "description",
                "Research.")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> Jsoup.parse(site.get("/").body())
        .select("nav.sections a")
        .eachText()
        .contains("Science and Nature"));

    // Moving Americas to the top takes its stories out of World's listing.
    var americas = site.outlet.database.read(
        h -> h.createQuery("SELECT id FROM section WHERE edition = 'en' AND slug = 'americas'")
            .mapTo(Long.class)
            .one());
    var inAmericas = site.outlet.articles.list("section:" + americas, 0, 1);
    assertThat(post(
                editor,
                "/newsroom/structure/sections/" + americas,
                "edition",
                "en",
                "name",
                "Americas",
                "parent",
                "",
                "position",
                "2",
                "description",
                "")
            .statusCode())
        .isEqualTo(303);
    if (!inAmericas.isEmpty()) {
      assertThat(site.outlet.articles.list("section:" + world, 0, 500))
          .noneMatch(a -> a.id() == inAmericas.getFirst().id());
    }

    assertThat(post(editor, "/newsroom/structure/tags", "edition", "en", "name", "Polar research")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get("/tag/polar-research").statusCode() == 200);
    assertThat(post(
                editor,
                "/newsroom/structure/authors",
                "edition",
                "en",
                "name",
                "Mira Sandoval",
                "jobTitle",
                "Polar correspondent",
                "bio",
                "Mira Sandoval writes from research stations.")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get("/author/mira-sandoval").statusCode() == 200);
    var author = Jsoup.parse(site.get("/author/mira-sandoval").body());
    assertThat(author.select("h1").text()).isEqualTo("Mira Sandoval");
    assertThat(author.select(".listing-description").text())
        .isEqualTo("Mira Sandoval writes from research stations.");
    assertThat(post(
                editor,
                "/newsroom/structure/series",
                "edition",
                "en",
                "title",
                "The Ice Year",
                "slug",
                "ice-year",
                "description",
                "A year on the ice.")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get("/series/ice-year").statusCode() == 200);
    assertThat(post(editor, "/newsroom/structure/widgets", "edition", "en").statusCode())
        .isEqualTo(404);
  }

  int apiStatus(String token, long articleId) {
    var request = java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(site.url("/api/v1/admin/articles/" + articleId)))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
    return site.send(request).statusCode();
  }

  @Test
  void
      a_token_name_too_long_is_refused_on_the_page_with_the_name_kept_and_a_good_one_makes_a_token() {
    var contributor = signIn("contributor@example.com");
    var long_ = "Nightly export to the archive, ".repeat(4);
    var refused = post(contributor, "/newsroom/account/tokens", "name", long_);
    assertThat(refused.statusCode()).isEqualTo(422);
    var page = Jsoup.parse(refused.body());
    var field = page.selectFirst("input#name");
    assertThat(field.val()).isEqualTo(long_);
    assertThat(field.attr("aria-invalid")).isEqualTo("true");
    assertThat(page.getElementById(field.attr("aria-describedby")).text())
        .isEqualTo("A token's name is at most 100 characters long.");
    assertThat(page.select("code.token")).isEmpty();

    var made = post(contributor, "/newsroom/account/tokens", "name", "Nightly export");
    assertThat(made.statusCode()).isEqualTo(201);
    var token = Jsoup.parse(made.body()).selectFirst("code.token").text();
    assertThat(Jsoup.parse(made.body()).selectFirst("input#name").hasAttr("aria-invalid"))
        .isFalse();
    long article = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    assertThat(apiStatus(token, article)).isEqualTo(200);
  }

  @Test
  void
      an_admin_changes_a_role_disables_enables_and_removes_an_account_and_each_ends_its_sessions_and_tokens() {
    var admin = signIn("admin@example.com");
    var leaver =
        site.outlet.staff.add("leaver@example.com", "Lea Ver", Role.EDITOR, PASSWORD, null);
    var path = "/newsroom/staff/" + leaver.id();
    long article = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();

    // A password reset (as `masthead staff reset` makes it) revokes the tokens of the old password.
    var token = site.outlet.apiTokens.create(leaver, "laptop");
    assertThat(apiStatus(token, article)).isEqualTo(200);
    site.outlet.staff.setPassword(leaver.id(), PASSWORD, null);
    assertThat(apiStatus(token, article)).isEqualTo(401);

    // Another role: signed out, tokens revoked, the new role in force.
    var browser = signIn("leaver@example.com");
    token = site.outlet.apiTokens.create(leaver, "laptop");
    assertThat(post(admin, path, "action", "role", "role", "contributor").statusCode())
        .isEqualTo(303);
    assertThat(site.get("/newsroom/", "Cookie", browser.cookie()).statusCode()).isEqualTo(303);
    assertThat(apiStatus(token, article)).isEqualTo(401);
    assertThat(site.outlet.staff.find("leaver@example.com").orElseThrow().role())
        .isEqualTo(Role.CONTRIBUTOR);

    // Disabled: signed out, tokens revoked, cannot sign in; enabled again: can, old tokens stay
    // revoked.
    browser = signIn("leaver@example.com");
    long draft = createDraft(browser, "Written by the leaver " + System.nanoTime());
    token = site.outlet.apiTokens.create(leaver, "laptop");
    assertThat(post(admin, path, "action", "disable").statusCode()).isEqualTo(303);
    assertThat(site.get("/newsroom/", "Cookie", browser.cookie()).statusCode()).isEqualTo(303);
    assertThat(apiStatus(token, draft)).isEqualTo(401);
    var refused = site.postForm(
        "/newsroom/login",
        form("email", "leaver@example.com", "password", PASSWORD, "next", "/newsroom/"),
        "Origin",
        origin());
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(post(admin, path, "action", "enable").statusCode()).isEqualTo(303);
    signIn("leaver@example.com");
    assertThat(apiStatus(token, draft)).isEqualTo(401);

    // Removed: gone from the list, the email free again, the name kept on past work and in the log.
    assertThat(post(admin, path, "action", "remove").statusCode()).isEqualTo(303);
    assertThat(site.outlet.staff.list()).noneMatch(s -> s.id() == leaver.id());
    assertThat(site.outlet.revisions.list(draft).getLast().savedBy()).isEqualTo("Lea Ver");
    var audit = Jsoup.parse(
            site.get("/newsroom/audit", "Cookie", admin.cookie()).body())
        .text();
    assertThat(audit).contains("Lea Ver");
    var again =
        site.outlet.staff.add("leaver@example.com", "Lea Ver", Role.CONTRIBUTOR, PASSWORD, null);
    assertThat(again.id()).isNotEqualTo(leaver.id());

    // Only admins change accounts, and the last admin stays one.
    var editor = signIn("editor@example.com");
    assertThat(
            post(editor, "/newsroom/staff/" + again.id(), "action", "disable").statusCode())
        .isEqualTo(403);
    long adminId = site.outlet.staff.find("admin@example.com").orElseThrow().id();
    assertThat(post(admin, "/newsroom/staff/" + adminId, "action", "disable").statusCode())
        .isEqualTo(409);
    assertThat(post(admin, "/newsroom/staff/" + adminId, "action", "role", "role", "editor")
            .statusCode())
        .isEqualTo(409);
    assertThat(site.get("/newsroom/", "Cookie", admin.cookie()).statusCode()).isEqualTo(200);
  }

  @Test
  void a_revision_saved_with_a_slug_from_before_slugs_were_checked_still_opens() {
    var editor = signIn("editor@example.com");
    long id = createDraft(editor, "Old slug " + System.nanoTime());
    site.outlet.database.useTransaction(
        h -> h.execute("UPDATE article_revision SET slug = 'old--2' WHERE article_id = ?", id));
    var page = site.get("/newsroom/articles/" + id + "/revisions/1", "Cookie", editor.cookie());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("old--2");
  }

  @Test
  void the_editor_previews_the_body_as_readers_will_see_it_without_saving() {
    var editor = signIn("editor@example.com");
    long id = createDraft(editor, "Preview me " + System.nanoTime());
    var fields = editorFields(editor, id);
    fields.put("body", "A **bold** claim.\n\n<script>alert(1)</script>");
    var preview = act(editor, id, fields, "preview");
    assertThat(preview.statusCode()).isEqualTo(200);
    var panel = Jsoup.parse(preview.body()).select("[data-preview-body]");
    assertThat(panel.select("strong").text()).isEqualTo("bold");
    assertThat(panel.html()).doesNotContain("<script");
    assertThat(site.outlet.articles.find(id).orElseThrow().bodyMarkdown())
        .doesNotContain("bold"); // nothing saved
    var fragment = post(editor, "/newsroom/preview", "body", "## Heading");
    assertThat(fragment.body()).isEqualTo("<h2>Heading</h2>\n");
  }

  @Test
  void an_admin_adds_an_edition_that_is_served_at_once_and_renames_it() {
    var admin = signIn("admin@example.com");
    var added = post(
        admin,
        "/newsroom/editions",
        "code",
        "fr",
        "name",
        "Français",
        "language",
        "fr",
        "direction",
        "ltr",
        "timeZone",
        "Europe/Paris");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
    var home = site.get("/fr/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(home.body()).select("html").attr("lang")).isEqualTo("fr");
    assertThat(site.get("/fr").statusCode()).isEqualTo(301);
    awaitTrue(() ->
        Jsoup.parse(site.get("/").body()).select("nav.editions a").eachText().contains("Français"));

    var editor = signIn("editor@example.com");
    assertThat(post(
                editor,
                "/newsroom/structure/sections",
                "edition",
                "fr",
                "name",
                "Monde",
                "slug",
                "monde")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> site.get("/fr/monde/").statusCode() == 200);
    assertThat(site.get("/fr/nope/").statusCode()).isEqualTo(404);

    assertThat(post(
                admin,
                "/newsroom/editions/fr",
                "name",
                "Édition française",
                "timeZone",
                "Europe/Paris")
            .statusCode())
        .isEqualTo(303);
    awaitTrue(() -> Jsoup.parse(site.get("/ar/").body())
        .select("nav.editions a")
        .eachText()
        .contains("Édition française"));

    var clash = post(
        admin,
        "/newsroom/editions",
        "code",
        "world",
        "name",
        "W",
        "language",
        "en",
        "direction",
        "ltr",
        "timeZone",
        "UTC");
    assertThat(clash.statusCode()).isEqualTo(422);
    assertThat(Jsoup.parse(clash.body()).select(".error").text())
        .contains("is a section of the default edition");
    var badZone = post(admin, "/newsroom/editions/fr", "name", "X", "timeZone", "Mars/Olympus");
    assertThat(Jsoup.parse(badZone.body()).select(".error").text()).contains("is not a time zone");
    assertThat(post(
                admin,
                "/newsroom/editions",
                "code",
                "ar",
                "name",
                "A",
                "language",
                "ar",
                "direction",
                "rtl",
                "timeZone",
                "UTC")
            .statusCode())
        .isEqualTo(422);
  }

  @Test
  void the_arabic_editor_writes_right_to_left() {
    var editor = signIn("editor@example.com");
    var page = Jsoup.parse(
        site.get("/newsroom/articles/new?edition=ar", "Cookie", editor.cookie()).body());
    assertThat(page.select("div.copy").attr("dir")).isEqualTo("rtl");
    assertThat(page.select("div.copy").attr("lang")).isEqualTo("ar");
    assertThat(page.select("select[name=section] option").eachText()).contains("العالم");
    assertThat(page.select("datalist#tag-suggestions option").eachAttr("value"))
        .contains("مناخ"); // the edition's tags
  }

  /** The newsroom's list for a search, once it shows the headline (the index follows within ms). */
  org.jsoup.nodes.Document awaitListed(Browser browser, String q, String filters, String headline) {
    var deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    while (true) {
      var page = Jsoup.parse(
          site.get("/newsroom/articles?q=" + enc(q) + filters, "Cookie", browser.cookie())
              .body());
      if (page.select("tbody a").eachText().contains(headline) || System.nanoTime() > deadline)
        return page;
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  @Test
  void the_newsroom_searches_the_text_of_drafts_which_readers_never_find() {
    var contributor = signIn("contributor@example.com");
    var headline = "Harbour works " + System.nanoTime();
    long id = createDraft(contributor, headline);
    var input =
        io.masthead.article.ArticleInput.of(site.outlet.articles.find(id).orElseThrow());
    site.outlet.articleDesk.save(
        io.masthead.command.Actor.PROGRAM,
        id,
        new io.masthead.article.ArticleInput(
            input.edition(),
            input.sectionId(),
            input.seriesId(),
            input.headline(),
            input.standfirst(),
            input.slug(),
            input.tagNames(),
            "The embargoed dredgers arrive on Friday.",
            input.authorIds(),
            input.credits()),
        -1,
        io.masthead.article.ArticleAction.SAVE,
        null);
    // A word of the body, in another form: the newsroom's index is stemmed like the readers'.
    var found = awaitListed(contributor, "dredger", "", headline);
    assertThat(found.select("tbody a").eachText()).containsExactly(headline);
    assertThat(found.select("caption").text()).contains("best match first");
    var reader = site.get("/api/v1/search?q=dredger");
    assertThat(reader.body()).doesNotContain(headline).contains("\"total\":0");
    // Not a word of it reaches a reader, not even as a spelling suggestion.
    assertThat(site.get("/search?q=dredgerz").body())
        .doesNotContain("dredger<")
        .doesNotContain(">dredger");
  }

  @Test
  void the_article_list_filters_by_status_edition_section_and_headline() {
    var editor = signIn("editor@example.com");
    var unique = "Zanzibar lighthouse " + System.nanoTime();
    createDraft(editor, unique);
    var found = awaitListed(editor, "zanzibar LIGHTHOUSE", "&status=draft&edition=en", unique);
    assertThat(found.select("tbody a").eachText()).contains(unique);
    var none = Jsoup.parse(site.get(
            "/newsroom/articles?q=" + enc("zanzibar") + "&status=published",
            "Cookie",
            editor.cookie())
        .body());
    assertThat(none.select("tbody a").eachText()).doesNotContain(unique);
    var author = site.outlet.database.read(h -> h.createQuery(
            "SELECT author_id FROM article_byline WHERE author_id IS NOT NULL ORDER BY article_id LIMIT 1")
        .mapTo(Long.class)
        .one());
    var byAuthor =
        Jsoup.parse(site.get("/newsroom/articles?author=" + author, "Cookie", editor.cookie())
            .body());
    assertThat(byAuthor.select("tbody tr")).isNotEmpty();
    for (var link : byAuthor.select("tbody a")) {
      long id = Long.parseLong(link.attr("href").replaceAll("\\D+", ""));
      assertThat(site.outlet.articles.find(id).orElseThrow().byline())
          .anyMatch(b -> b.author() != null && b.author().id() == author);
    }
  }

  static void awaitTrue(Supplier<Boolean> condition) {
    awaitTrue(condition, () -> "");
  }

  static void awaitTrue(Supplier<Boolean> condition, Supplier<String> state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("condition not met within 10 s: " + state.get());
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  String origin() {
    return "http://127.0.0.1:" + site.port;
  }

  static String form(String... pairs) {
    var parts = new java.util.ArrayList<String>();
    for (int i = 0; i < pairs.length; i += 2) parts.add(enc(pairs[i]) + "=" + enc(pairs[i + 1]));
    return String.join("&", parts);
  }

  static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
