package io.masthead.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.command.Role;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorisation matrix: every newsroom route, as every role and as nobody, gets the answer
 * its role allows. "Denied" is a redirect to sign in (GET) or 401 (POST) for nobody and 403 for
 * a role too low; "allowed" is anything else (a page, a redirect after a post, a 422 for an
 * empty form).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomAuthorizationIT {
  static final String PASSWORD = "correct horse battery";

  enum Who {
    NOBODY,
    CONTRIBUTOR,
    EDITOR,
    ADMIN
  }

  TestOutlet site;
  final Map<Who, String[]> browsers = new LinkedHashMap<>();
  long editorsDraft;
  long published;

  @BeforeAll
  void start(@TempDir Path folder) {
    site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 40, Map.of());
    for (var role : Role.values())
      site.outlet.staff.add(role.code() + "@example.com", role.code(), role, PASSWORD, null);
    var editor = site.outlet.staff.find("editor@example.com").orElseThrow();
    long section = site.outlet.database.read(
        h -> h.createQuery("SELECT MIN(id) FROM section WHERE edition = 'en'")
            .mapTo(Long.class)
            .one());
    editorsDraft = site.outlet.articleDesk.create(
        editor.actor(),
        new ArticleInput(
            "en",
            section,
            null,
            "The editor's draft",
            "",
            "",
            List.of(),
            "Text.",
            List.of(),
            List.of(Credit.STAFF)));
    published = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    browsers.put(Who.NOBODY, new String[] {null, null});
    for (var who : List.of(Who.CONTRIBUTOR, Who.EDITOR, Who.ADMIN))
      browsers.put(who, signIn(who.name().toLowerCase() + "@example.com"));
  }

  @AfterAll
  void stop() {
    site.close();
  }

  record Route(String method, String path, Who lowest, String... fields) {}

  @Test
  void every_newsroom_route_answers_each_role_as_the_role_allows() {
    var routes = List.of(
        new Route("GET", "/newsroom/", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/articles", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/articles/new", Who.CONTRIBUTOR),
        new Route("POST", "/newsroom/articles", Who.CONTRIBUTOR, "edition", "en", "headline", ""),
        new Route("GET", "/newsroom/articles/" + editorsDraft, Who.CONTRIBUTOR),
        new Route(
            "POST",
            "/newsroom/articles/" + editorsDraft,
            Who.EDITOR,
            "action",
            "save",
            "version",
            "0",
            "edition",
            "en",
            "headline",
            ""),
        new Route(
            "POST",
            "/newsroom/articles/" + editorsDraft,
            Who.EDITOR,
            "action",
            "publish",
            "version",
            "0",
            "edition",
            "en",
            "headline",
            ""),
        new Route(
            "POST",
            "/newsroom/articles/" + published,
            Who.EDITOR,
            "action",
            "unpublish",
            "version",
            "0",
            "edition",
            "en",
            "headline",
            ""),
        new Route(
            "POST",
            "/newsroom/articles/" + published + "/corrections",
            Who.EDITOR,
            "correction",
            ""),
        new Route("GET", "/newsroom/articles/" + editorsDraft + "/revisions", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/articles/" + editorsDraft + "/revisions/1", Who.CONTRIBUTOR),
        new Route(
            "POST",
            "/newsroom/articles/" + editorsDraft + "/revisions/1/restore",
            Who.EDITOR,
            "current",
            "0"),
        new Route("GET", "/newsroom/audit", Who.EDITOR),
        new Route("GET", "/newsroom/front-page", Who.EDITOR),
        new Route("GET", "/newsroom/structure", Who.EDITOR),
        new Route("POST", "/newsroom/preview", Who.CONTRIBUTOR, "body", "*hello*"),
        new Route("POST", "/newsroom/structure/tags", Who.EDITOR, "edition", "en", "name", ""),
        new Route("GET", "/newsroom/account/tokens", Who.CONTRIBUTOR),
        new Route("POST", "/newsroom/account/tokens", Who.CONTRIBUTOR, "name", "matrix"),
        new Route(
            "POST", "/newsroom/front-page", Who.EDITOR, "edition", "en", "lead", "not-a-story"),
        new Route("GET", "/newsroom/staff", Who.ADMIN),
        new Route("GET", "/newsroom/editions", Who.ADMIN),
        new Route("POST", "/newsroom/editions", Who.ADMIN, "code", ""),
        new Route("POST", "/newsroom/editions/en", Who.ADMIN, "name", "", "timeZone", "UTC"),
        new Route(
            "POST", "/newsroom/staff", Who.ADMIN, "email", "not-an-email", "role", "contributor"),
        new Route("POST", "/newsroom/staff/999999", Who.ADMIN, "action", "enable"),
        new Route("GET", "/newsroom/media", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/media/999999", Who.CONTRIBUTOR),
        new Route("POST", "/newsroom/media/999999", Who.CONTRIBUTOR, "alt", "x"),
        new Route("GET", "/newsroom/wire", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/wire/newest", Who.CONTRIBUTOR),
        new Route("GET", "/newsroom/wire/clusters/999999", Who.CONTRIBUTOR),
        new Route("POST", "/newsroom/wire/clusters/999999/story", Who.CONTRIBUTOR, "item", "1"),
        new Route("POST", "/newsroom/wire/clusters/999999", Who.EDITOR, "action", "merge"),
        new Route("GET", "/newsroom/wire/sources", Who.ADMIN),
        new Route("POST", "/newsroom/wire/sources", Who.ADMIN, "name", ""),
        new Route("POST", "/newsroom/wire/sources/999999", Who.ADMIN, "name", "x"),
        new Route("POST", "/newsroom/wire/rules", Who.ADMIN, "rules", "x = y"),
        new Route("GET", "/newsroom/import", Who.ADMIN),
        new Route("POST", "/newsroom/import", Who.ADMIN, "edition", "en"),
        new Route("GET", "/newsroom/webhooks", Who.ADMIN),
        new Route("POST", "/newsroom/webhooks", Who.ADMIN, "url", ""),
        new Route("GET", "/newsroom/webhooks/999999", Who.ADMIN),
        new Route("POST", "/newsroom/webhooks/999999", Who.ADMIN, "action", "test"),
        new Route("GET", "/newsroom/account/password", Who.CONTRIBUTOR),
        new Route(
            "POST",
            "/newsroom/account/password",
            Who.CONTRIBUTOR,
            "current",
            "wrong",
            "password",
            "x",
            "repeat",
            "y"));
    var wrong = new ArrayList<String>();
    for (var route : routes) {
      for (var entry : browsers.entrySet()) {
        var who = entry.getKey();
        var response = send(route, entry.getValue());
        boolean allowed = who.compareTo(route.lowest()) >= 0;
        int status = response.statusCode();
        String verdict;
        if (allowed) {
          boolean sentToSignIn = status == 303
              && response.headers().firstValue("Location").orElse("").startsWith("/newsroom/login");
          verdict = status == 401 || status == 403 || sentToSignIn || status >= 500
              ? "denied or failed (" + status + ")"
              : null;
        } else if (who == Who.NOBODY) {
          boolean ok = route.method().equals("GET")
              ? status == 303
                  && response
                      .headers()
                      .firstValue("Location")
                      .orElse("")
                      .startsWith("/newsroom/login")
              : status == 401;
          verdict = ok ? null : "not sent to sign in (" + status + ")";
        } else {
          verdict = status == 403 ? null : "not refused (" + status + ")";
        }
        if (verdict != null)
          wrong.add(route.method() + " " + route.path() + " " + String.join(",", route.fields())
              + " as " + who + ": " + verdict);
      }
    }
    assertThat(wrong).isEmpty();
  }

  /**
   * The Admin API operations × every role's token (and none): the same rules as the forms.
   * Each operation runs on a fresh article, so one role's step does not change the next one's.
   */
  @Test
  void every_admin_api_operation_answers_each_role_as_the_role_allows() {
    var tokens = new LinkedHashMap<Who, String>();
    tokens.put(Who.NOBODY, null);
    for (var who : List.of(Who.CONTRIBUTOR, Who.EDITOR, Who.ADMIN)) {
      tokens.put(
          who,
          site.outlet.apiTokens.create(
              site.outlet.staff.find(who.name().toLowerCase() + "@example.com").orElseThrow(),
              "matrix"));
    }
    var editor = site.outlet.staff.find("editor@example.com").orElseThrow();
    long section = site.outlet.database.read(
        h -> h.createQuery("SELECT MIN(id) FROM section WHERE edition = 'en'")
            .mapTo(Long.class)
            .one());
    var wrong = new ArrayList<String>();
    record Operation(String method, String path, String body, Who lowest, boolean needsDraft) {}
    var operations = List.of(
        new Operation(
            "POST",
            "/api/v1/admin/articles",
            "{\"section\": \"world\", \"headline\": \"H\", \"byline\": [{\"credit\": \"staff\"}]}",
            Who.CONTRIBUTOR,
            false),
        new Operation("GET", "/api/v1/admin/articles/ID", null, Who.CONTRIBUTOR, true),
        new Operation(
            "PATCH",
            "/api/v1/admin/articles/ID",
            "{\"version\": 1, \"headline\": \"Changed\"}",
            Who.EDITOR,
            true),
        new Operation("POST", "/api/v1/admin/articles/ID/submit", null, Who.EDITOR, true),
        new Operation("POST", "/api/v1/admin/articles/ID/publish", null, Who.EDITOR, true),
        new Operation(
            "POST",
            "/api/v1/admin/articles/ID/schedule",
            "{\"at\": \"2099-01-01T00:00:00Z\"}",
            Who.EDITOR,
            true),
        new Operation("POST", "/api/v1/admin/articles/ID/unpublish", null, Who.EDITOR, true));
    for (var op : operations) {
      for (var entry : tokens.entrySet()) {
        var who = entry.getKey();
        var path = op.path();
        if (op.needsDraft()) {
          // The editor's draft: a contributor, who did not write it, may read it but not change it.
          long id = site.outlet.articleDesk.create(
              editor.actor(),
              new ArticleInput(
                  "en",
                  section,
                  null,
                  "Draft " + System.nanoTime(),
                  "",
                  "",
                  List.of(),
                  "Text.",
                  List.of(),
                  List.of(Credit.STAFF)));
          if (op.path().endsWith("/unpublish")) site.outlet.articleDesk.publish(editor.actor(), id);
          path = path.replace("ID", Long.toString(id));
        }
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.url(path)))
            .method(
                op.method(),
                op.body() == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(op.body()))
            .header("Content-Type", "application/json");
        if (entry.getValue() != null) request.header("Authorization", "Bearer " + entry.getValue());
        int status = site.send(request.build()).statusCode();
        boolean allowed = who != Who.NOBODY && who.compareTo(op.lowest()) >= 0;
        int expectedDenied = who == Who.NOBODY ? 401 : 403;
        boolean ok = allowed ? status >= 200 && status < 300 : status == expectedDenied;
        if (!ok) wrong.add(op.method() + " " + op.path() + " as " + who + ": " + status);
      }
    }
    assertThat(wrong).isEmpty();
  }

  HttpResponse<String> send(Route route, String[] browser) {
    var headers = new ArrayList<String>(List.of("Origin", "http://127.0.0.1:" + site.port));
    if (browser[0] != null) headers.addAll(List.of("Cookie", browser[0]));
    if (route.method().equals("GET")) return site.get(route.path(), headers.toArray(String[]::new));
    var form = new ArrayList<String>();
    if (browser[1] != null) form.add("csrf=" + enc(browser[1]));
    for (int i = 0; i < route.fields().length; i += 2)
      form.add(enc(route.fields()[i]) + "=" + enc(route.fields()[i + 1]));
    return site.postForm(route.path(), String.join("&", form), headers.toArray(String[]::new));
  }

  String[] signIn(String email) {
    var staff = site.signIn(email, PASSWORD);
    return new String[] {staff.cookie(), staff.csrf()};
  }

  static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
