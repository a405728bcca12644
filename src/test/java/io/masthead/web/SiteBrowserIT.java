package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;
import io.masthead.testing.Chromium;
import io.masthead.testing.TestOutlet;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers' journeys in a real headless Chromium (Debian's): follow a link, star with and
 * without JavaScript, read the Arabic edition, and axe-core on every page type. Screenshots at
 * phone and desktop width go to target/screenshots. Skipped without a chromium, unless CI=true.
 */
class SiteBrowserIT {
  static final Path SCREENSHOTS = Chromium.SCREENSHOTS;
  static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  @TempDir
  static Path folder;

  static TestOutlet site;
  static Chromium chromium;
  static Browser browser;
  BrowserContext context;

  @BeforeAll
  static void start() throws Exception {
    Chromium.requireInstalled();
    site = TestOutlet.start(folder, 200).awaitSearch();
    chromium = Chromium.launch();
    browser = chromium.browser;
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (site != null) site.close();
  }

  @AfterEach
  void closeContext() {
    if (context != null) context.close();
  }

  Page open(boolean javaScript, int width, int height) {
    context = browser.newContext(new Browser.NewContextOptions()
        .setJavaScriptEnabled(javaScript)
        .setViewportSize(width, height));
    context.setDefaultTimeout(15_000);
    return context.newPage();
  }

  @Test
  void a_reader_follows_a_link_from_the_home_page_into_an_article() {
    var page = open(true, 1280, 900);
    page.navigate(site.url("/"));
    var lead = page.locator(".lead .story-headline a");
    var headline = lead.textContent();
    lead.click();
    page.waitForURL(url -> !url.endsWith(":" + site.port + "/"));
    assertThat(page.locator("h1").textContent()).isEqualTo(headline);
    assertThat(page.title()).startsWith(headline);
    assertThat(page.locator(".article-meta time").first().getAttribute("datetime"))
        .isNotBlank();
  }

  @Test
  void a_reader_without_javascript_stars_an_article_and_finds_it_on_the_favorites_page() {
    var page = open(false, 1280, 900);
    page.navigate(site.url("/"));
    page.locator(".top-stories .story-headline a").first().click();
    var articleUrl = page.url();
    var headline = page.locator("h1").textContent();
    page.locator("form.star button").click();
    page.locator("form.star button[aria-pressed=true]")
        .waitFor(); // the post came back to the article, starred
    assertThat(page.url()).isEqualTo(articleUrl);
    assertThat(page.locator("form.star button").getAttribute("aria-pressed")).isEqualTo("true");
    assertThat(page.locator("form.star button").textContent()).contains("Remove from favorites");
    page.navigate(site.url("/favorites"));
    assertThat(page.locator(".listing h2").allTextContents()).contains(headline);
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("favorites-no-js-desktop.png")));
  }

  @Test
  void a_reader_with_javascript_stars_an_article_in_place() {
    var page = open(true, 1280, 900);
    page.navigate(site.url("/"));
    page.locator(".latest .story-headline a").first().click();
    page.waitForURL(url -> !url.endsWith(":" + site.port + "/"));
    page.locator(".article-body").waitFor();
    var articleUrl = page.url();
    var headline = page.locator("h1").textContent();
    var navigations = new ArrayList<String>();
    page.onFrameNavigated(frame -> navigations.add(frame.url()));
    page.locator("form.star button").click();
    page.waitForCondition(
        () -> "true".equals(page.locator("form.star button").getAttribute("aria-pressed")));
    assertThat(navigations).isEmpty();
    assertThat(page.locator("form.star .star-label").textContent())
        .isEqualTo("Remove from favorites");
    page.reload();
    assertThat(page.locator("form.star button").getAttribute("aria-pressed")).isEqualTo("true");
    page.navigate(site.url("/favorites"));
    assertThat(page.locator(".listing h2").allTextContents()).contains(headline);
    page.navigate(articleUrl);
    page.locator("form.star button").click();
    page.waitForCondition(
        () -> "false".equals(page.locator("form.star button").getAttribute("aria-pressed")));
  }

  @Test
  void the_script_keeps_the_relative_times_the_server_wrote_in_both_editions() {
    for (var home : List.of("/", "/ar/")) {
      var page = open(true, 412, 823);
      page.navigate(site.url(home));
      var datetimes = page.locator("time[data-rel]")
          .evaluateAll("times => times.map(t => t.getAttribute('datetime'))");
      var afterScript = page.locator("time[data-rel]").allTextContents();
      var served = org.jsoup.Jsoup.parse(site.get(home).body()).select("time[data-rel]");
      assertThat(served).hasSameSizeAs(afterScript);
      var now = java.time.Instant.now();
      int compared = 0;
      for (int i = 0; i < served.size(); i++) {
        assertThat(((List<?>) datetimes).get(i)).isEqualTo(served.get(i).attr("datetime"));
        var age = java.time.Duration.between(
            java.time.Instant.parse(served.get(i).attr("datetime")), now);
        // Days old and far from the next day: the text cannot have changed in between (a
        // cached page may say "3 hours ago" for minutes; the script then rightly moves on).
        long intoDay = age.toSeconds() % 86_400;
        if (age.toDays() < 2 || intoDay < 600 || intoDay > 86_400 - 600) continue;
        assertThat(afterScript.get(i).strip())
            .as("%s, published %s", home, served.get(i).attr("datetime"))
            .isEqualTo(served.get(i).text());
        compared++;
      }
      assertThat(compared).as(home).isGreaterThan(3);
    }
  }

  /**
   * The folder and clock beside each story are drawn once a page and used by reference: an icon
   * whose drawing is missing takes its place, blank. Checked by its pixels, with no script.
   */
  @Test
  void the_icons_used_by_reference_are_drawn_beside_every_story_in_both_editions()
      throws Exception {
    var page = open(false, 1280, 900);
    for (var home : List.of("/", "/ar/")) {
      page.navigate(site.url(home));
      for (var icon : List.of(".story-meta .section-label svg", ".story-meta .time svg")) {
        var drawn = page.locator(icon).first();
        assertThat(drawn.boundingBox().width).as(home + icon).isBetween(12.0, 24.0);
        var shot = ImageIO.read(new ByteArrayInputStream(drawn.screenshot()));
        int background = shot.getRGB(0, 0), inked = 0;
        for (int x = 0; x < shot.getWidth(); x++)
          for (int y = 0; y < shot.getHeight(); y++) if (shot.getRGB(x, y) != background) inked++;
        assertThat(inked).as(home + icon + ": pixels drawn").isGreaterThan(10);
      }
    }
    // Where the stylesheet does not load, the drawings themselves take no room at the top.
    page.route("**/site.css*", route -> route.abort());
    page.navigate(site.url("/"));
    var drawings = page.locator(".icon-symbols").boundingBox();
    assertThat(drawings == null ? 0 : drawings.width * drawings.height).isZero();
  }

  @Test
  void the_arabic_edition_reads_right_to_left() {
    var page = open(true, 1280, 900);
    page.navigate(site.url("/ar/"));
    assertThat(page.evaluate("getComputedStyle(document.body).direction")).isEqualTo("rtl");
    var brand = page.locator(".brand").boundingBox();
    // Mirrored for real: the masthead's name starts at the right-hand edge.
    assertThat(brand.x + brand.width).isGreaterThan(900);
    page.locator(".lead .story-headline a").click();
    page.waitForURL(url -> !url.endsWith("/ar/"));
    page.locator(".article-body").waitFor();
    assertThat(page.evaluate("getComputedStyle(document.querySelector('.article-body')).direction"))
        .isEqualTo("rtl");
    assertThat(page.locator("form.star button").textContent()).contains("أضف إلى المفضلة");
  }

  /**
   * On a phone the sections are a strip that scrolls sideways; the reader's own section, last in
   * the strip, sat out of view past its end (the Arabic edition's Health at 390 px), on its own
   * page and on its articles'.
   */
  @Test
  void on_a_phone_the_strip_of_sections_shows_the_readers_own_in_both_editions() {
    for (var home : List.of("/", "/ar/")) {
      var page = open(true, 390, 844);
      var section = openLastSection(page, home);
      assertShowsCurrentSection(page, section);
      page.navigate(site.url(page.locator("main .story-headline a").first().getAttribute("href")));
      assertShowsCurrentSection(page, section);
      context.close();
      context = null;
    }
  }

  /** A phone turned upright: the strip, wide enough before, now hides the section. */
  @Test
  void turned_upright_a_phone_still_shows_the_readers_section_in_the_strip() {
    for (var home : List.of("/", "/ar/")) {
      var page = open(true, 1280, 844);
      var section = openLastSection(page, home);
      page.setViewportSize(390, 844);
      // The script answers the resize event: wait for the strip to scroll, then check where to.
      page.waitForFunction("() => document.querySelector('.sections ul').scrollLeft !== 0");
      assertShowsCurrentSection(page, section);
      context.close();
      context = null;
    }
  }

  /** Opens the page of the last section in the edition's strip; its address. */
  private String openLastSection(Page page, String home) {
    page.navigate(site.url(home));
    var links = page.locator(".sections ul a");
    var section = links.nth(links.count() - 1).getAttribute("href");
    page.navigate(site.url(section));
    return section;
  }

  private static void assertShowsCurrentSection(Page page, String section) {
    var where = page.url();
    var strip = page.locator(".sections ul");
    assertThat((Boolean) strip.evaluate("s => s.scrollWidth > s.clientWidth"))
        .as("the strip is wider than a phone at %s", where)
        .isTrue();
    var view = strip.boundingBox();
    var current = page.locator(".sections ul a[aria-current]");
    assertThat(current.getAttribute("href")).as(where).isEqualTo(section);
    var box = current.boundingBox();
    assertThat(box.x).as(where).isGreaterThanOrEqualTo(view.x - 0.5);
    assertThat(box.x + box.width).as(where).isLessThanOrEqualTo(view.x + view.width + 0.5);
    // The strip scrolled, not the page.
    assertThat(((Number) page.evaluate("window.scrollY")).doubleValue())
        .as(where)
        .isZero();
  }

  @Test
  void a_reader_without_javascript_searches_from_the_header_on_a_phone_and_a_desktop() {
    for (var size : List.of(new int[] {360, 780}, new int[] {1280, 900})) {
      var page = open(false, size[0], size[1]);
      page.navigate(site.url("/world/"));
      var box = page.getByRole(
          com.microsoft.playwright.options.AriaRole.SEARCHBOX,
          new Page.GetByRoleOptions().setName("Search the stories"));
      assertThat(box.isVisible()).as(size[0] + "px").isTrue();
      box.fill("ceasefire");
      box.press("Enter");
      page.waitForURL(url -> url.contains("/search?q=ceasefire"));
      var results = page.locator("ol.results li.result");
      assertThat(results.count()).as(size[0] + "px").isGreaterThan(0);
      assertThat(page.locator(".snippet mark").first().textContent())
          .containsIgnoringCase("ceasefire");
      // A facet narrows the search; the summary says how many are left.
      var facet = page.locator("nav.facets a").first();
      facet.click();
      page.waitForURL(url -> url.contains("section=")
          || url.contains("author=")
          || url.contains("tag=")
          || url.contains("year="));
      assertThat(page.locator("nav.facets a[aria-current]").count()).isEqualTo(1);
      assertThat(page.locator("ol.results li.result").count()).isGreaterThan(0);
      page.screenshot(new Page.ScreenshotOptions()
          .setPath(SCREENSHOTS.resolve("search-journey-" + size[0] + ".png")));
      context.close();
      context = null;
    }
  }

  @Test
  void arabic_search_results_read_right_to_left() {
    var page = open(false, 1280, 900);
    page.navigate(site.url("/ar/"));
    var box = page.locator("header.masthead input[name=q]");
    box.fill("الهدنة");
    box.press("Enter");
    page.waitForURL(url -> url.contains("/ar/search?q="));
    assertThat(page.locator("ol.results li.result").count()).isGreaterThan(0);
    var snippet = page.locator(".snippet").first();
    assertThat(snippet.evaluate("e => getComputedStyle(e).direction")).isEqualTo("rtl");
    assertThat(snippet.locator("mark").first().textContent()).contains("الهدنة");
  }

  @Test
  void every_page_type_passes_axe_at_phone_and_desktop_width_in_light_and_dark() {
    var article =
        SitePagesContract.class.getName(); // name only; the paths come from the pages themselves
    var probe = open(true, 1280, 900);
    probe.navigate(site.url("/"));
    var articlePath = probe.locator(".lead .story-headline a").getAttribute("href");
    probe.navigate(site.url("/ar/"));
    var arabicArticlePath = probe.locator(".lead .story-headline a").getAttribute("href");
    context.close();
    var pages = new java.util.LinkedHashMap<String, String>();
    pages.put("home", "/");
    pages.put("section", "/world/");
    pages.put("subsection", "/americas/");
    pages.put("article", articlePath);
    pages.put("series", "/series/40-years-of-the-coastal-accord");
    pages.put("tag", "/tag/climate");
    pages.put("author", "/author/mara-okafor");
    pages.put("favorites", "/favorites");
    pages.put("not-found", "/no-such-page/");
    pages.put("search", "/search?q=ceasefire");
    pages.put("search-none", "/search?q=ceasfire");
    pages.put(
        "ar-search",
        "/ar/search?q="
            + java.net.URLEncoder.encode("الهدنة", java.nio.charset.StandardCharsets.UTF_8));
    pages.put("ar-home", "/ar/");
    pages.put("ar-article", arabicArticlePath);
    var problems = new ArrayList<String>();
    for (var scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
      for (var size : List.of(new int[] {360, 780}, new int[] {1280, 900})) {
        context = browser.newContext(new Browser.NewContextOptions()
            .setViewportSize(size[0], size[1])
            .setColorScheme(scheme));
        var page = context.newPage();
        for (var entry : pages.entrySet()) {
          page.navigate(site.url(entry.getValue()));
          var results = new AxeBuilder(page).withTags(WCAG).analyze();
          for (var violation : results.getViolations()) {
            problems.add(entry.getKey() + " " + scheme + " " + size[0] + "px: " + violation.getId()
                + " – " + violation.getHelp() + " "
                + violation.getNodes().stream()
                    .limit(3)
                    .map(n -> String.valueOf(n.getTarget()))
                    .toList());
          }
          var name = entry.getKey() + "-" + (size[0] < 600 ? "phone" : "desktop") + "-"
              + scheme.name().toLowerCase();
          page.screenshot(new Page.ScreenshotOptions()
              .setPath(SCREENSHOTS.resolve(name + ".png"))
              .setFullPage(size[0] < 600));
          int overflow = ((Number)
                  page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))
              .intValue();
          if (overflow > 0)
            problems.add(
                entry.getKey() + " " + size[0] + "px scrolls sideways by " + overflow + "px");
        }
        context.close();
      }
    }
    context = null;
    assertThat(problems).as(article).isEmpty();
  }

  @Test
  void keyboard_users_reach_the_content_first_and_see_where_focus_is() {
    var page = open(true, 1280, 900);
    page.navigate(site.url("/"));
    page.keyboard().press("Tab");
    assertThat(page.evaluate("document.activeElement.className")).isEqualTo("skip");
    assertThat(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
        .isNotEqualTo("none");
    page.keyboard().press("Enter");
    page.waitForCondition(() -> page.url().endsWith("#main")); // the skip link moves to the content
  }
}
