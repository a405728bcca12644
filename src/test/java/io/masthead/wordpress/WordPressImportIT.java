package io.masthead.wordpress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.masthead.article.Article;
import io.masthead.article.ArticleStatus;
import io.masthead.command.Actor;
import io.masthead.media.MediaRepository;
import io.masthead.testing.Pictures;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WordPress export written for the test (gazette.xml: nested categories with a child before its
 * parent, posts with several categories and tags, authors with display names, drafts with
 * WordPress's zero dates, a scheduled post, Gutenberg blocks, classic HTML with [caption],
 * [gallery] and [embed], a featured image, pictures missing from the uploads folder, characters
 * XML does not allow, zero-width and bidi controls) imported into a running outlet: exact counts,
 * the articles as a reader and an editor see them, old addresses answering 301, a second run
 * that changes nothing, a changed post that becomes a new revision, an Arabic site, and a
 * billion-laughs file refused with nothing written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WordPressImportIT {
  Path folder;
  Path uploads;
  Path export;
  TestOutlet site;
  ImportReport first;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    this.folder = folder;
    site = TestOutlet.start(folder, databaseUrl(folder), 20, Map.of());
    uploads = folder.resolve("uploads");
    var march = Files.createDirectories(uploads.resolve("2026/03"));
    Files.write(march.resolve("harbour.jpg"), Pictures.halves(900, 600, Color.BLUE, Color.GRAY));
    Files.write(march.resolve("ferry.jpg"), Pictures.halves(1200, 800, Color.RED, Color.WHITE));
    Files.write(march.resolve("gulls.jpg"), Pictures.halves(800, 800, Color.WHITE, Color.CYAN));
    // An Arabic site's uploads keep their Arabic names (arabic.xml's featured image).
    Files.write(march.resolve("العبارة.jpg"), Pictures.halves(900, 600, Color.GREEN, Color.GRAY));
    export = copy("gazette.xml");
    first = importFile(export, "en");
  }

  /** The database the outlet runs on: SQLite here, PostgreSQL in {@link WordPressImportPostgresIT}. */
  String databaseUrl(Path folder) {
    return TestDatabases.sqlite(folder);
  }

  @AfterAll
  void stop() {
    site.close();
  }

  private Path copy(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/wordpress/" + name)) {
      var target = folder.resolve(name);
      Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return target;
    }
  }

  private ImportReport importFile(Path file, String edition) throws Exception {
    var outlet = site.outlet;
    var editions = io.masthead.edition.Editions.load(outlet.database);
    return outlet
        .wordPressImport()
        .run(
            Actor.PROGRAM,
            file,
            new WordPressImport.Options(editions.get(edition), uploads, false),
            (done, total) -> {});
  }

  private long rows(String sql) {
    return site.outlet.database.read(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  private Article article(String slug) {
    return site.outlet
        .articles
        .findBySlug("en", slug)
        .orElseThrow(() -> new AssertionError("no article " + slug));
  }

  @Test
  @Order(1)
  void the_report_counts_what_was_imported_skipped_and_left() {
    System.out.println(String.join("\n", first.lines()));
    assertThat(first.count("posts imported")).isEqualTo(8);
    assertThat(first.count("sections made")).isEqualTo(5);
    assertThat(first.count("authors made")).isEqualTo(2);
    assertThat(first.count("pictures in the library")).isEqualTo(3);
    assertThat(first.skipped())
        .containsEntry("private posts", 1L)
        .containsEntry("posts in the trash", 1L)
        .containsEntry("pages (Masthead has no static pages yet)", 1L);
    assertThat(first.comments()).isEqualTo(2);
    assertThat(first.droppedCharacters()).isEqualTo(2);
    var notes = first.notes();
    assertThat(notes.get("unknown shortcodes kept as text").examples())
        .containsExactly("[contact-form-7] in post 101 “Harbour reopens after the storm”");
    assertThat(notes.get("pictures in posts left out (no file for them)").examples())
        .singleElement()
        .asString()
        .contains("lost.jpg", "post 103");
    assertThat(notes.get("pictures missing from the uploads folder").count()).isEqualTo(1);
    assertThat(notes.get("parts of posts that cannot be shown, removed").examples())
        .containsExactly("block latest-posts in post 102 “Ferry timetable restored”");
    assertThat(notes
            .get("categories nested deeper than two levels (placed under their top-level"
                + " ancestor)")
            .examples())
        .containsExactly("ferries");
    assertThat(notes).doesNotContainKey("posts refused (nothing written for them)");
  }

  @Test
  @Order(2)
  void posts_keep_their_status_times_byline_section_tags_and_excerpt() {
    var harbour = article("harbour-reopens-after-the-storm");
    assertThat(harbour.status()).isEqualTo(ArticleStatus.PUBLISHED);
    assertThat(harbour.publishedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
    assertThat(harbour.updatedAt()).isNull(); // modified 5 minutes later: not an update
    assertThat(harbour.standfirst()).isEqualTo("Three days of gales end.");
    assertThat(harbour.byline())
        .singleElement()
        .satisfies(b -> assertThat(b.author().name()).isEqualTo("Jane Doe"));
    // The first category is the section; ferries sat three deep, under ports under local.
    assertThat(harbour.section().slug()).isEqualTo("ferries");
    var tree = site.outlet.database.read(h -> io.masthead.section.SectionRepository.tree(h, "en"));
    var local = tree.findBySlug("local").orElseThrow();
    assertThat(harbour.section().parentId()).isEqualTo(local.id());
    assertThat(tree.findBySlug("ports").orElseThrow().parentId()).isEqualTo(local.id());
    assertThat(tree.findBySlug("ports").orElseThrow().name()).isEqualTo("Ports & Shipping");
    assertThat(harbour.tags())
        .extracting(t -> t.name())
        .containsExactlyInAnyOrder("Storms", "Budget of the council", "Opinion");

    var ferry = article("ferry-timetable-restored");
    assertThat(ferry.byline().getFirst().author().name()).isEqualTo("Ravi Smith");
    assertThat(ferry.updatedAt()).isEqualTo(Instant.parse("2026-03-04T12:00:00Z"));

    var draft = site.outlet.articles.findBySlug("en", "budget-draft-notes").orElseThrow();
    assertThat(draft.status()).isEqualTo(ArticleStatus.DRAFT);
    assertThat(draft.publishedAt()).isNull();
    assertThat(article("council-meets-on-thursday").status()).isEqualTo(ArticleStatus.REVIEW);
    var regatta = article("regatta-returns");
    assertThat(regatta.status()).isEqualTo(ArticleStatus.SCHEDULED);
    assertThat(regatta.publishedAt()).isEqualTo(Instant.parse("2099-06-01T09:00:00Z"));

    // Zero-width and bidi controls gone from the headline; an unknown login is credited Staff.
    var keeper = article("lighthouse-keeper-retires");
    assertThat(keeper.headline()).isEqualTo("Lighthouse keeper retires");
    assertThat(keeper.bodyMarkdown()).contains("She kept the light for forty years.");
    assertThat(keeper.byline())
        .singleElement()
        .satisfies(b -> assertThat(b.credit()).isEqualTo(io.masthead.article.Credit.STAFF));
    assertThat(article("lifeboat-crew-rescues-two").section().slug()).isEqualTo("search-section");
  }

  @Test
  @Order(3)
  void bodies_become_markdown_with_library_pictures_captions_and_links() {
    var media = new MediaRepository(site.outlet.database);
    var harbour = article("harbour-reopens-after-the-storm");
    var ferryPicture = media.find(harbour.leadMediaId()).orElseThrow();
    assertThat(ferryPicture.fileName()).isEqualTo("ferry.jpg");
    assertThat(ferryPicture.alt()).isEqualTo("The ferry"); // no alt on the old site: its title
    var md = harbour.bodyMarkdown();
    assertThat(md)
        .contains("The harbour reopened on Monday after **three days** of gales.")
        .containsPattern(
            "!\\[Boats moored at the harbour quay\\]\\(media:\\d+ \"Boats back at the quay\"\\)")
        .contains("> We are open for business.")
        .contains(
            "[https://www.youtube.com/watch?v=abc123](<https://www.youtube.com/watch?v=abc123>)")
        .contains("(<https://twitter.com/gazette/status/1>)")
        .contains("[the report](<https://example.org/report>)")
        .contains("\\[contact-form-7 id=\"12\" title=\"Tips\"\\]");
    var ferry = article("ferry-timetable-restored").bodyMarkdown();
    assertThat(ferry)
        .contains("Ferries run again from *Tuesday*.")
        .contains("## What changes")
        .contains("- Morning sailings at 7:00\n- Evening sailings at 19:00")
        .containsPattern("!\\[The ferry at the quay\\]\\(media:\\d+ \"The morning ferry\"\\)")
        .contains("(<https://vimeo.com/12345>)")
        .doesNotContain("wp:", "latest-posts");
    var gallery = article("pictures-of-the-week").bodyMarkdown();
    assertThat(gallery)
        .containsPattern(
            "(?s)!\\[Boats moored.*\\]\\(media:\\d+.*!\\[Gulls over the breakwater\\]\\(media:\\d+")
        .doesNotContain("lost.jpg", "[gallery");
  }

  @Test
  @Order(4)
  void old_addresses_answer_301_to_the_pages_now() {
    var harbour = site.articlePath(article("harbour-reopens-after-the-storm").id());
    var redirects = Map.of(
        "/2026/03/02/harbour-reopens-after-the-storm/", harbour,
        "/?p=101", harbour,
        "/index.php?p=101&utm_source=x", harbour,
        "/category/local/ports/ferries/", "/ferries/",
        "/category/search/", "/search-section/",
        "/category/local/feed/", "/local/feed",
        "/tag/council-budget/", "/tag/budget-of-the-council",
        "/author/jdoe/", "/author/jane-doe",
        "/feed/rss2/", "/feed");
    redirects.forEach((old, now) -> {
      var response = site.get(old);
      assertThat(response.statusCode()).as(old).isEqualTo(301);
      assertThat(response.headers().firstValue("Location")).as(old).hasValue(now);
      assertThat(site.get(now).statusCode()).as(now).isEqualTo(200);
    });
    // A draft's old address leads nowhere yet; an address the old site never had is a 404.
    assertThat(site.get("/?p=104").statusCode()).isEqualTo(200); // the home page, as before
    assertThat(site.get("/2026/03/05/never-was/").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void a_second_run_changes_nothing_and_a_changed_post_is_a_new_revision() throws Exception {
    long media = rows("SELECT COUNT(*) FROM media");
    long changes = rows("SELECT MAX(id) FROM change_log");
    var again = importFile(export, "en");
    assertThat(again.count("posts unchanged")).isEqualTo(8);
    assertThat(again.count("posts imported")).isZero();
    assertThat(again.count("sections made")).isZero();
    assertThat(again.count("authors made")).isZero();
    assertThat(rows("SELECT COUNT(*) FROM media")).isEqualTo(media);
    assertThat(rows("SELECT MAX(id) FROM change_log")).isEqualTo(changes);

    var changed = folder.resolve("gazette-changed.xml");
    Files.writeString(
        changed,
        Files.readString(export, StandardCharsets.UTF_8)
            .replace("Harbour reopens after the storm", "Harbour reopens after the great storm"),
        StandardCharsets.UTF_8);
    var third = importFile(changed, "en");
    assertThat(third.count("posts updated (a new revision)")).isEqualTo(1);
    assertThat(third.count("posts unchanged")).isEqualTo(7);
    var harbour = article("harbour-reopens-after-the-storm");
    assertThat(harbour.headline()).isEqualTo("Harbour reopens after the great storm");
    assertThat(harbour.version()).isEqualTo(2);
    assertThat(site.outlet.revisions.list(harbour.id())).hasSize(2);
    assertThat(site.get(site.articlePath(harbour.id())).body())
        .contains("Harbour reopens after the great storm");
  }

  @Test
  @Order(6)
  void an_arabic_site_keeps_its_script_its_addresses_and_its_direction() throws Exception {
    var report = importFile(copy("arabic.xml"), "ar");
    assertThat(report.count("posts imported")).isEqualTo(1);
    var article = site.outlet.articles.findBySlug("ar", "عودة-العبارات").orElseThrow();
    assertThat(article.headline()).isEqualTo("عودة\u200f العبّارات إلى الميناء");
    assertThat(article.bodyMarkdown()).contains("«نحن\u200c جاهزون»");
    assertThat(article.section().slug()).isEqualTo("محلي");
    assertThat(article.byline().getFirst().author().name()).isEqualTo("ليلى حسن");
    assertThat(report.count("pictures in the library")).isEqualTo(1);
    var lead =
        new MediaRepository(site.outlet.database).find(article.leadMediaId()).orElseThrow();
    assertThat(lead.fileName()).isEqualTo("العبارة.jpg");
    assertThat(lead.alt()).isEqualTo("عبّارة راسية عند رصيف الميناء");
    var path = site.articlePath(article.id());
    // The export's link is percent-encoded; the test client encodes what it is given.
    var old = site.get("/2026/03/02/عودة-العبارات/");
    assertThat(old.statusCode()).isEqualTo(301);
    var location = java.net.URI.create(old.headers().firstValue("Location").orElseThrow());
    assertThat(location.getPath()).isEqualTo(path);
    var page = site.get(location.getPath());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("dir=\"rtl\"", "عودة");
    assertThat(site.get(path).statusCode()).isEqualTo(200);
  }

  @Test
  @Order(7)
  void a_billion_laughs_file_is_refused_with_nothing_written() throws Exception {
    long articles = rows("SELECT COUNT(*) FROM article");
    var laughs = copy("laughs.xml");
    long started = System.nanoTime();
    assertThatThrownBy(() -> importFile(laughs, "en"))
        .isInstanceOf(WxrReader.Unreadable.class)
        .hasMessageContaining("DTD");
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000);
    assertThat(rows("SELECT COUNT(*) FROM article")).isEqualTo(articles);
  }

  @Test
  @Order(8)
  void a_dry_run_reports_and_writes_nothing() throws Exception {
    var fresh = folder.resolve("fresh.xml");
    Files.writeString(
        fresh,
        Files.readString(export, StandardCharsets.UTF_8)
            .replace("https://gazette.example", "https://other.example"),
        StandardCharsets.UTF_8);
    long articles = rows("SELECT COUNT(*) FROM article");
    var editions = io.masthead.edition.Editions.load(site.outlet.database);
    var report = site.outlet
        .wordPressImport()
        .run(
            Actor.PROGRAM,
            fresh,
            new WordPressImport.Options(editions.get("en"), uploads, true),
            (done, total) -> {});
    assertThat(report.count("posts to import")).isEqualTo(8);
    assertThat(report.lines().getFirst()).isEqualTo("Dry run: nothing was written.");
    assertThat(rows("SELECT COUNT(*) FROM article")).isEqualTo(articles);
  }

  @Test
  @Order(9)
  void an_admin_imports_a_gzipped_export_in_the_newsroom_and_watches_it_end() throws Exception {
    for (var role : io.masthead.command.Role.values())
      site.outlet.staff.add(
          role.code() + "@wp.example", role.code(), role, "correct horse battery", null);
    var gzipped = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(gzipped)) {
      gz.write(Files.readAllBytes(export));
    }
    var editor = site.signIn("editor@wp.example", "correct horse battery");
    var admin = site.signIn("admin@wp.example", "correct horse battery");
    assertThat(site.get(editor, "/newsroom/import").statusCode()).isEqualTo(403);
    var form = new io.masthead.testing.Multipart()
        .field("csrf", admin.csrf())
        .field("edition", "en")
        .file("file", "gazette.xml.gz", "application/gzip", gzipped.toByteArray());
    var response = site.send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(site.url("/newsroom/import")))
            .header("Cookie", admin.cookie())
            .header("Origin", "http://127.0.0.1:" + site.port)
            .header("Content-Type", form.contentType())
            .POST(form.publisher())
            .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    String page;
    do {
      page = site.get(admin, "/newsroom/import").body();
      if (!page.contains("data-import-status=\"running\"")) break;
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    } while (System.nanoTime() < deadline);
    var shown = org.jsoup.Jsoup.parse(page);
    assertThat(shown.select("h2#job-heading").text()).isEqualTo("Last import: gazette.xml.gz");
    // The file was imported before (and changed since in the test above): one post updated back.
    assertThat(shown.select("pre.import-summary").text())
        .contains("1 posts updated (a new revision)", "7 posts unchanged");
    assertThat(article("harbour-reopens-after-the-storm").headline())
        .isEqualTo("Harbour reopens after the storm");
  }

  @Test
  @Order(10)
  void authors_can_get_contributor_accounts_that_no_one_can_sign_in_to_yet() throws Exception {
    var editions = io.masthead.edition.Editions.load(site.outlet.database);
    var options = new WordPressImport.Options(editions.get("en"), uploads, false, true);
    var report = site.outlet.wordPressImport().run(Actor.PROGRAM, export, options, (d, t) -> {});
    assertThat(report.count(
            "staff accounts made (contributors; no password until masthead staff reset)"))
        .isEqualTo(2);
    var jane = site.outlet.staff.find("jdoe@gazette.example").orElseThrow();
    assertThat(jane.name()).isEqualTo("Jane Doe");
    assertThat(jane.role()).isEqualTo(io.masthead.command.Role.CONTRIBUTOR);
    assertThat(site.outlet.staff.authenticate("jdoe@gazette.example", "")).isEmpty();
    var again = site.outlet.wordPressImport().run(Actor.PROGRAM, export, options, (d, t) -> {});
    assertThat(again.count("staff accounts there already")).isEqualTo(2);
  }
}
