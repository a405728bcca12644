package io.masthead.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.masthead.command.Role;
import io.masthead.testing.Chromium;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Newsroom journeys in headless Chromium: write, review, publish, correct; the Arabic editor; axe on every page. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomBrowserIT {
  static final String PASSWORD = "correct horse battery";
  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);
  TestOutlet site;
  Chromium chromium;
  BrowserContext context;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    Chromium.requireInstalled();
    site = TestOutlet.start(
        folder,
        TestDatabases.sqlite(folder),
        60,
        Map.of("webhooks.allow-private-addresses", "true")); // the test's endpoint is on loopback
    for (var role : Role.values())
      site.outlet.staff.add(
          role.code() + "@example.com", "The " + role.code(), role, PASSWORD, null);
    chromium = Chromium.launch();
  }

  @AfterAll
  void stop() {
    if (chromium != null) chromium.close();
    if (site != null) site.close();
  }

  @AfterEach
  void closeContext() {
    if (context != null) context.close();
    context = null;
  }

  Page signedIn(String email, boolean javaScript) {
    context = chromium.browser.newContext(new Browser.NewContextOptions()
        .setJavaScriptEnabled(javaScript)
        .setViewportSize(1280, 900));
    context.setDefaultTimeout(15_000);
    var page = context.newPage();
    page.navigate(site.url("/newsroom/"));
    assertThat(page.url()).contains("/newsroom/login");
    page.getByLabel("Email", EXACT).fill(email);
    page.getByLabel("Password", EXACT).fill(PASSWORD);
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Sign in"))
        .click();
    page.waitForURL(url -> url.endsWith("/newsroom/"));
    return page;
  }

  @Test
  void a_contributor_writes_an_editor_publishes_and_readers_see_it_with_its_correction() {
    var headline = "Ferry timetable changes for the winter " + System.nanoTime();
    var writer =
        signedIn("contributor@example.com", false); // the newsroom works without JavaScript
    writer.getByText("Write a new article").click();
    writer.getByLabel("Headline", EXACT).fill(headline);
    writer.getByLabel("Standfirst", EXACT).fill("Fewer crossings from December.");
    writer
        .getByLabel("Body (Markdown)", EXACT)
        .fill(
            "The operator said on Monday that crossings would drop.\n\n> \"We had no choice,\" said a spokesperson.");
    writer.getByLabel("Staff", EXACT).check();
    writer.getByLabel("Tags, separated by commas", EXACT).fill("Transport");
    writer.getByText("Create draft").click();
    assertThat(writer.locator(".notice").textContent()).isEqualTo("Draft created.");
    writer.getByText("Submit for review").click();
    writer
        .locator(".notice", new Page.LocatorOptions().setHasText("Submitted for review."))
        .waitFor(); // the next page's notice
    writer.screenshot(new Page.ScreenshotOptions()
        .setPath(Chromium.SCREENSHOTS.resolve("newsroom-submitted.png")));
    context.close();

    var editor = signedIn("editor@example.com", true);
    editor.locator("section:has(#review)").getByText(headline).click();
    editor
        .getByLabel("Standfirst", EXACT)
        .fill("Fewer crossings from December, the operator says.");
    editor.getByText("Publish now").click();
    editor
        .locator(".notice", new Page.LocatorOptions().setHasText("Published."))
        .waitFor();
    editor
        .getByLabel("Add a correction notice (shown dated on the article)", EXACT)
        .fill("An earlier version gave the wrong month.");
    editor.getByText("Publish correction").click();
    editor
        .locator(".notice", new Page.LocatorOptions().setHasText("Correction published."))
        .waitFor();
    editor.getByText("View on the site").click();
    assertThat(editor.locator("h1").textContent()).isEqualTo(headline);
    assertThat(editor.locator(".corrections").textContent())
        .contains("An earlier version gave the wrong month.");
    editor.navigate(site.url("/"));
    assertThat(editor.locator("main").textContent()).contains(headline);
    editor.screenshot(new Page.ScreenshotOptions()
        .setPath(Chromium.SCREENSHOTS.resolve("newsroom-published-home.png")));
  }

  @Test
  void the_arabic_edition_editor_is_right_to_left() {
    var page = signedIn("editor@example.com", true);
    page.navigate(site.url("/newsroom/articles/new?edition=ar"));
    assertThat(page.evaluate("getComputedStyle(document.querySelector('#headline')).direction"))
        .isEqualTo("rtl");
    assertThat(page.evaluate("getComputedStyle(document.querySelector('#body')).direction"))
        .isEqualTo("rtl");
    page.screenshot(new Page.ScreenshotOptions()
        .setPath(Chromium.SCREENSHOTS.resolve("newsroom-editor-ar.png")));
  }

  @Test
  void tags_are_suggested_for_the_one_being_typed() {
    var page = signedIn("editor@example.com", true);
    page.navigate(site.url("/newsroom/articles/new"));
    page.getByLabel("Tags, separated by commas", EXACT).pressSequentially("Climate, Ra");
    page.waitForCondition(() -> page.locator("#tag-suggestions option").count() > 0);
    assertThat(page.locator("#tag-suggestions option")
            .evaluateAll("options => options.map(o => o.value)")
            .toString())
        .contains("Climate, Rail");
  }

  @Test
  void an_admin_adds_a_webhook_sends_it_a_test_event_and_sees_the_delivery() throws Exception {
    var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
    var endpoint =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    endpoint.createContext("/hooks", exchange -> {
      received.add(new String(
          exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    endpoint.start();
    try {
      var page = signedIn("admin@example.com", false);
      page.navigate(site.url("/newsroom/"));
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Webhooks"))
          .click();
      var url = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hooks";
      page.getByLabel("Address (https://…)").fill(url);
      page.getByLabel("Note (what it is, who runs it)").fill("Partner desk");
      page.getByLabel("article.unpublished", new Page.GetByLabelOptions()).uncheck();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint"))
          .click();
      assertThat(page.locator("[role=status], .notice").first().textContent())
          .contains("Endpoint added");
      assertThat(page.locator("code.token").textContent()).startsWith("whsec_");
      assertThat(page.getByLabel("article.unpublished", new Page.GetByLabelOptions())
              .isChecked())
          .isFalse();
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test event"))
          .click();
      var deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
      while (!page.locator("table").textContent().contains("HTTP 204")) {
        if (System.nanoTime() > deadline) throw new AssertionError("no delivery shown");
        page.reload();
      }
      assertThat(received)
          .anySatisfy(body -> assertThat(body).contains("\"type\":\"webhook.test\""));
      assertThat(page.locator("table").textContent()).contains("webhook.test", "delivered");
    } finally {
      endpoint.stop(0);
    }
  }

  /**
   * A wire fixture's bytes, filed yesterday instead of on 1 December 2026: the desk groups what
   * was filed within 48 hours of its clock, and this outlet runs on the real one (the browser's
   * relative times and the server's must agree). Yesterday's 06:10 to 09:45 UTC is between 14
   * and 42 hours ago at any time of today.
   */
  static byte[] wireFile(String name) {
    try (var in = NewsroomBrowserIT.class.getResourceAsStream("/wire/" + name)) {
      var yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
      var text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
          .replace("2026-12-01", yesterday.toString())
          .replace(
              "Tue, 01 Dec 2026",
              yesterday.format(java.time.format.DateTimeFormatter.ofPattern(
                  "EEE, dd MMM yyyy", java.util.Locale.ROOT)));
      return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Two agencies' takes on the Port Halvern earthquake on the desk; the Northwire source's id. */
  long twoAgenciesOnTheDesk(String suffix) {
    var desk = site.outlet.wireDesk;
    var program = io.masthead.command.Actor.PROGRAM;
    long northwire = desk.addSource(
        program,
        new io.masthead.wire.WireDesk.SourceInput("Northwire" + suffix, "rss", "", "", null, true));
    long meridian = desk.addSource(
        program,
        new io.masthead.wire.WireDesk.SourceInput("Meridian" + suffix, "atom", "", "", null, true));
    desk.ingest(program, northwire, "feed.xml", wireFile("northwire-rss.xml"));
    desk.ingest(program, meridian, "feed.xml", wireFile("meridian-atom.xml"));
    return northwire;
  }

  @Test
  void an_editor_writes_a_story_from_two_agencies_and_the_kill_of_one_flags_it() {
    long northwire = twoAgenciesOnTheDesk("");
    var editor = signedIn("editor@example.com", true);
    editor.navigate(site.url("/newsroom/wire"));
    editor
        .locator(
            ".wire-item", new Page.LocatorOptions().setHasText("Deadly quake hits Port Halvern"))
        .first()
        .locator(".wire-cluster-link a")
        .click();
    assertThat(editor.locator("article.wire-version").count()).isGreaterThanOrEqualTo(2);
    assertThat(editor.locator(".wire-why").allTextContents().toString())
        .contains("names in common")
        .contains("Halvern");
    editor.getByText("Write story").click();
    editor
        .locator(".notice", new Page.LocatorOptions().setHasText("Draft created."))
        .waitFor();
    var provenance = editor.locator(".wire-provenance").textContent();
    assertThat(provenance).contains("Northwire").contains("Meridian");
    editor
        .getByLabel("Body (Markdown)", EXACT)
        .fill(
            "At least 12 people died in an earthquake in Port Halvern on Tuesday, the mayor said.");
    editor.getByText("Publish now").click();
    editor
        .locator(".notice", new Page.LocatorOptions().setHasText("Published."))
        .waitFor();
    var articleUrl = editor.url();
    editor.getByText("View on the site").click();
    assertThat(editor.locator(".byline").textContent()).contains("Staff, Agencies");
    assertThat(editor.locator("main").textContent())
        .doesNotContain("Northwire")
        .doesNotContain("Meridian");
    editor.screenshot(new Page.ScreenshotOptions()
        .setPath(Chromium.SCREENSHOTS.resolve("wire-story-published.png")));

    // Northwire withdraws its item: the newsroom flags the article written from it.
    var kill = new String(
            wireFile("northwire-rss-update.xml"), java.nio.charset.StandardCharsets.UTF_8)
        .replace(
            "<category>World</category>", "<category>World</category><category>kill</category>");
    site.outlet.wireDesk.ingest(
        io.masthead.command.Actor.PROGRAM,
        northwire,
        "kill.xml",
        kill.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    editor.navigate(articleUrl);
    assertThat(editor.locator(".wire-provenance [role=alert]").textContent()).contains("withdrawn");
    assertThat(editor.locator(".wire-provenance .badge").textContent()).contains("KILLED");
  }

  @Test
  void every_newsroom_page_passes_axe() {
    var page = signedIn("admin@example.com", true);
    long article = site.outlet.articles.list("edition:en", 0, 1).getFirst().id();
    long webhook = site.outlet.webhookDesk.register(
        io.masthead.command.Actor.PROGRAM,
        "http://127.0.0.1:9/axe",
        "",
        io.masthead.webhook.WebhookEvent.subscribable(),
        "For axe");
    site.outlet.webhookDesk.sendTest(
        io.masthead.command.Actor.PROGRAM, webhook); // a failed try in its log
    long source = twoAgenciesOnTheDesk(" (axe)");
    site.outlet.wireDesk.ingest(
        io.masthead.command.Actor.PROGRAM,
        source,
        "update.xml",
        wireFile("northwire-rss-update.xml"));
    var wireItem = site
        .outlet
        .wire
        .items(new io.masthead.wire.WireRepository.Filter(source, null, null, null), 10, 0)
        .stream()
        .filter(i -> i.version() == 2)
        .findFirst()
        .orElseThrow();
    var problems = new ArrayList<String>();
    for (var path : List.of(
        "/newsroom/",
        "/newsroom/articles",
        "/newsroom/articles/new",
        "/newsroom/articles/" + article,
        "/newsroom/articles/" + article + "/revisions",
        "/newsroom/front-page",
        "/newsroom/audit",
        "/newsroom/staff",
        "/newsroom/account/password",
        "/newsroom/account/tokens",
        "/newsroom/structure",
        "/newsroom/structure?edition=ar",
        "/newsroom/editions",
        "/newsroom/webhooks",
        "/newsroom/webhooks/" + webhook,
        "/newsroom/import",
        "/newsroom/wire",
        "/newsroom/wire/sources",
        "/newsroom/wire/clusters/" + wireItem.clusterId(),
        "/newsroom/wire/items/" + wireItem.id() + "?compare=1",
        "/newsroom/articles/new?edition=ar")) {
      page.navigate(site.url(path));
      for (var violation : new AxeBuilder(page)
          .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
          .analyze()
          .getViolations()) {
        problems.add(path + ": " + violation.getId() + " – " + violation.getHelp() + " "
            + violation.getNodes().stream()
                .limit(3)
                .map(n -> String.valueOf(n.getTarget()))
                .toList());
      }
    }
    context.close();
    context = chromium.browser.newContext();
    var login = context.newPage();
    login.navigate(site.url("/newsroom/login"));
    for (var violation :
        new AxeBuilder(login).withTags(List.of("wcag2a", "wcag2aa")).analyze().getViolations()) {
      problems.add("/newsroom/login: " + violation.getId());
    }
    assertThat(problems).isEmpty();
  }
}
