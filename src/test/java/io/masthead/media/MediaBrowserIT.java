package io.masthead.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.masthead.article.ArticleInput;
import io.masthead.article.Credit;
import io.masthead.command.Actor;
import io.masthead.command.Role;
import io.masthead.testing.Chromium;
import io.masthead.testing.Pictures;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.awt.Color;
import java.io.ByteArrayInputStream;
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

/**
 * Pictures in headless Chromium: an editor uploads one, describes it, sets its focal point with a
 * click, picks it as an article's lead image and publishes; readers see it on the home page at
 * phone and desktop widths with no layout shift and no axe violation; Arabic captions run right
 * to left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaBrowserIT {
  static final String PASSWORD = "correct horse battery";
  static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

  TestOutlet site;
  Chromium chromium;
  BrowserContext context;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    Chromium.requireInstalled();
    site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 40, Map.of());
    site.outlet.staff.add("editor@example.com", "The editor", Role.EDITOR, PASSWORD, null);
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

  @Test
  void an_editor_uploads_frames_and_publishes_a_lead_image_that_readers_see_without_layout_shift() {
    context =
        chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    context.setDefaultTimeout(20_000);
    var page = context.newPage();
    page.navigate(site.url("/newsroom/login"));
    page.getByLabel("Email", EXACT).fill("editor@example.com");
    page.getByLabel("Password", EXACT).fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
        .click();
    page.waitForURL(url -> url.endsWith("/newsroom/"));

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Media").setExact(true))
        .click();
    page.locator("#files")
        .setInputFiles(new FilePayload(
            "harbour.jpg",
            "image/jpeg",
            Pictures.halves(2400, 1600, new Color(0x1d4ed8), new Color(0xf59e0b))));
    page.getByRole(
            AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload").setExact(true))
        .click();
    page.waitForURL(url -> url.contains("notice=uploaded"));
    long id = Long.parseLong(page.url().replaceAll(".*/newsroom/media/(\\d+).*", "$1"));
    page.getByLabel("Alt text", new Page.GetByLabelOptions())
        .fill("A harbour wall in evening light");
    page.getByLabel("Caption", EXACT).fill("The harbour at Port Esker.");
    page.getByLabel("Credit (photographer / agency)", EXACT).fill("Test Photo Desk");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true))
        .click();
    page.waitForURL(url -> url.contains("notice=saved"));
    // The focal point: a click near the right edge of the picture.
    page.locator("input[type=image][name=focus]")
        .click(new Locator.ClickOptions().setPosition(440, 60));
    page.waitForURL(url -> url.contains("notice=focus"));
    var picture = site.outlet.mediaDesk.find(id).orElseThrow();
    assertThat(picture.focalX()).isBetween(0.9, 0.93);
    assertThat(picture.alt()).isEqualTo("A harbour wall in evening light");
    axe(page, "/newsroom/media/" + id, List.of());

    page.navigate(site.url("/newsroom/articles/new"));
    var headline = "Harbour wall repaired before the storms " + System.nanoTime();
    page.getByLabel("Headline", EXACT).fill(headline);
    page.getByLabel("Body (Markdown)", EXACT).fill("Work finished on Friday.");
    page.getByLabel("Staff", EXACT).check();
    page.locator("input[name=leadImage][value='" + id + "']").check();
    page.getByText("Create draft").click();
    page.locator(".notice", new Page.LocatorOptions().setHasText("Draft created."))
        .waitFor();
    page.getByText("Publish now").click();
    page.locator(".notice", new Page.LocatorOptions().setHasText("Published.")).waitFor();
    context.close();

    var problems = new ArrayList<String>();
    for (var size : List.of(new int[] {360, 780}, new int[] {1280, 900})) {
      context = chromium.browser.newContext(
          new Browser.NewContextOptions().setViewportSize(size[0], size[1]));
      var reader = context.newPage();
      reader.navigate(site.url("/"));
      // The newest story: the sixth of the top stories (the demo curates five), a 4:3 thumbnail.
      var card = reader.locator(
          ".top-stories article.story", new Page.LocatorOptions().setHasText(headline));
      var img = card.locator("img");
      img.scrollIntoViewIfNeeded();
      reader.waitForFunction("img => img.complete && img.naturalWidth > 0", img.elementHandle());
      assertThat(img.getAttribute("alt")).isEqualTo("A harbour wall in evening light");
      var box = img.boundingBox();
      assertThat(box.width).isGreaterThan(60);
      assertThat(box.height / box.width)
          .isCloseTo(3 / 4.0, org.assertj.core.data.Offset.offset(0.02));
      // The box the page reserved before the picture loaded is the picture's own shape.
      assertThat(Double.parseDouble(img.getAttribute("height"))
              / Double.parseDouble(img.getAttribute("width")))
          .isCloseTo(box.height / box.width, org.assertj.core.data.Offset.offset(0.02));
      double shift = ((Number) reader.evaluate("""
          () => new Promise(done => {
            let sum = 0;
            new PerformanceObserver(list => list.getEntries().forEach(e => sum += e.value))
                .observe({type: 'layout-shift', buffered: true});
            setTimeout(() => done(sum), 500);
          })""")).doubleValue();
      assertThat(shift).as("layout shift at %d px", size[0]).isLessThan(0.01);
      for (var v : new AxeBuilder(reader).withTags(WCAG).analyze().getViolations())
        problems.add("home " + size[0] + "px: " + v.getId() + " " + v.getHelp());
      reader.screenshot(new Page.ScreenshotOptions()
          .setPath(Chromium.SCREENSHOTS.resolve("media-home-" + size[0] + ".png")));
      card.locator(".story-headline a").click();
      reader.locator("figure.lead-figure img").waitFor();
      assertThat(reader.locator("figure.lead-figure figcaption").textContent())
          .isEqualTo("The harbour at Port Esker. Test Photo Desk");
      for (var v : new AxeBuilder(reader).withTags(WCAG).analyze().getViolations())
        problems.add("article " + size[0] + "px: " + v.getId() + " " + v.getHelp());
      context.close();
      context = null;
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void arabic_captions_run_right_to_left() {
    var picture = site.outlet.mediaDesk.upload(
        Actor.PROGRAM,
        "ar.jpg",
        new ByteArrayInputStream(Pictures.halves(1600, 900, Color.ORANGE, Color.BLUE)),
        new MediaFields(
            "سور الميناء عند المساء", "الميناء قبل العاصفة.", "مكتب الصور", "", 0.5, 0.5));
    long id = site.outlet.articleDesk.create(
        Actor.PROGRAM,
        new ArticleInput(
            "ar",
            site.sectionId(
                "ar",
                site.outlet.database.read(h -> h.createQuery(
                        "SELECT slug FROM section WHERE edition = 'ar' ORDER BY id LIMIT 1")
                    .mapTo(String.class)
                    .one())),
            null,
            "إصلاح سور الميناء",
            "",
            "",
            List.of(),
            "انتهت الأعمال يوم الجمعة.",
            List.of(),
            List.of(Credit.STAFF),
            picture.id()));
    site.outlet.articleDesk.publish(Actor.PROGRAM, id);
    context =
        chromium.browser.newContext(new Browser.NewContextOptions().setViewportSize(360, 780));
    var page = context.newPage();
    page.navigate(site.url(site.articlePath(id)));
    var caption = page.locator("figure.lead-figure figcaption");
    assertThat(caption.textContent()).contains("الميناء قبل العاصفة.");
    assertThat(caption.evaluate("e => getComputedStyle(e).direction")).isEqualTo("rtl");
    var figure = page.locator("figure.lead-figure").boundingBox();
    // The text itself (not its block) starts at the right edge and ends short of the left one.
    double[] ends = caption.evaluate("""
        e => { const r = document.createRange(); r.selectNodeContents(e);
               const b = r.getBoundingClientRect(); return [b.left, b.right]; }""") instanceof List<?> l
        ? new double[] {((Number) l.get(0)).doubleValue(), ((Number) l.get(1)).doubleValue()}
        : new double[] {0, 0};
    assertThat(ends[1])
        .isCloseTo(figure.x + figure.width, org.assertj.core.data.Offset.offset(2.0));
    assertThat(ends[0]).isGreaterThan(figure.x + 20);
    page.screenshot(new Page.ScreenshotOptions()
        .setPath(Chromium.SCREENSHOTS.resolve("media-article-ar-phone.png")));
    var problems = new ArrayList<String>();
    for (var v : new AxeBuilder(page).withTags(WCAG).analyze().getViolations())
      problems.add(v.getId() + " " + v.getHelp());
    assertThat(problems).isEmpty();
  }

  private void axe(Page page, String path, List<String> ignored) {
    var problems = new ArrayList<String>();
    for (var p : List.of(path, "/newsroom/media")) {
      page.navigate(site.url(p));
      for (var v : new AxeBuilder(page).withTags(WCAG).analyze().getViolations()) {
        if (!ignored.contains(v.getId()))
          problems.add(p + ": " + v.getId() + " " + v.getHelp() + " "
              + v.getNodes().stream()
                  .limit(3)
                  .map(n -> String.valueOf(n.getTarget()))
                  .toList());
      }
    }
    assertThat(problems).isEmpty();
  }
}
