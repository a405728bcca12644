package io.masthead.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.masthead.command.Actor;
import io.masthead.command.Role;
import io.masthead.testing.Multipart;
import io.masthead.testing.Pictures;
import io.masthead.testing.TestDatabases;
import io.masthead.testing.TestOutlet;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The media library over HTTP on a real server: uploads by the Admin API and by the newsroom's
 * form, metadata pre-fill, renditions with their caching, bad files refused with nothing kept,
 * the focal point set by a click, alt text required to publish, and pictures on the reader's pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaIT {
  static final String PASSWORD = "correct horse battery";
  static final ObjectMapper JSON = new ObjectMapper();

  Path folder;
  TestOutlet site;
  String editorToken;
  String contributorToken;

  @BeforeAll
  void start(@TempDir Path folder) {
    this.folder = folder;
    site = TestOutlet.start(folder, TestDatabases.sqlite(folder), 20, Map.of());
    for (var role : Role.values())
      site.outlet.staff.add(role.code() + "@example.com", role.code(), role, PASSWORD, null);
    editorToken = site.outlet.apiTokens.create(
        site.outlet.staff.find("editor@example.com").orElseThrow(), "media");
    contributorToken = site.outlet.apiTokens.create(
        site.outlet.staff.find("contributor@example.com").orElseThrow(), "media");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  @Test
  void an_api_upload_is_prefilled_from_its_metadata_turned_upright_and_served_without_gps()
      throws Exception {
    var jpeg = Pictures.withSegments(
        Pictures.halves(1600, 1000, Color.RED, Color.BLUE),
        Pictures.exif(6),
        Pictures.xmpAltText("Flood water in the old town square"),
        Pictures.iptc("Residents wade through the square.", "Ana Lima", "Agência", "© Agência"));
    var response = upload(editorToken, "flood.jpg", jpeg, "caption", "");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    var json = JSON.readTree(response.body());
    long id = json.path("id").asLong();
    assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/admin/media/" + id);
    assertThat(json.path("alt").asText()).isEqualTo("Flood water in the old town square");
    assertThat(json.path("caption").asText()).isEqualTo("Residents wade through the square.");
    assertThat(json.path("credit").asText()).isEqualTo("Ana Lima / Agência");
    assertThat(json.path("width").asInt()).isEqualTo(1000); // stored 1600×1000, shown upright
    assertThat(json.path("height").asInt()).isEqualTo(1600);

    var url = json.path("renditions").path("16x9").path("url").asText();
    assertThat(url)
        .matches("http://127\\.0\\.0\\.1:\\d+/media/" + id + "/[0-9a-f]{10}/16x9-960\\.jpg");
    var path = URI.create(url).getPath();
    var first = bytes(path, Map.of());
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(first.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    var etag = first.headers().firstValue("ETag").orElseThrow();
    var image = Pictures.decode(first.body());
    assertThat(image.getWidth()).isEqualTo(960);
    assertThat(image.getHeight()).isEqualTo(540);
    var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(first.body()));
    assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class)).isNull();

    assertThat(bytes(path, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    // Asked again, it comes from memory (its file mapped, sent before Javalin): the same answer,
    // however many times it is sent from the one mapping.
    for (int i = 0; i < 3; i++) {
      var again = bytes(path, Map.of());
      assertThat(again.body()).isEqualTo(first.body());
      assertThat(again.headers().firstValue("ETag")).hasValue(etag);
      assertThat(again.headers().firstValue("Content-Length"))
          .hasValue(Integer.toString(first.body().length));
      assertThat(again.headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
    }
    var webp = bytes(path.replace(".jpg", ".webp"), Map.of());
    assertThat(webp.statusCode()).isEqualTo(200);
    assertThat(webp.headers().firstValue("Content-Type")).hasValue("image/webp");
    assertThat(webp.body().length).isLessThan(first.body().length);
    // Only the widths Masthead makes: no one fills the disk by asking for every width.
    assertThat(bytes(path.replace("-960.", "-961."), Map.of()).statusCode()).isEqualTo(404);
    // The picture's own address leads to a rendition of the whole picture.
    var whole = site.get("/media/" + id);
    assertThat(whole.statusCode()).isEqualTo(302);
    assertThat(whole.headers().firstValue("Location").orElseThrow()).contains("/full-");

    var read = site.send(HttpRequest.newBuilder(URI.create(site.url("/api/v1/admin/media/" + id)))
        .header("Authorization", "Bearer " + contributorToken)
        .build());
    assertThat(read.statusCode()).isEqualTo(200);
  }

  @Test
  void bad_files_are_refused_with_a_clear_4xx_and_nothing_is_kept() throws Exception {
    int before = count();
    var whole = Pictures.halves(1200, 800, Color.RED, Color.BLUE);
    var cases = Map.of(
        "cut.jpg", Arrays.copyOf(whole, whole.length / 2),
        "bomb.png", Pictures.pngClaiming(50_000, 50_000),
        "shell.jpg", "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8),
        "logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8));
    for (var c : cases.entrySet()) {
      var response = upload(editorToken, c.getKey(), c.getValue(), "alt", "x");
      assertThat(response.statusCode()).as(c.getKey() + ": " + response.body()).isEqualTo(415);
      var error = JSON.readTree(response.body()).path("error").asText();
      assertThat(error).as(c.getKey()).contains(c.getKey()).doesNotContain("Exception");
    }
    assertThat(count()).isEqualTo(before);
    assertThat(storedOriginals()).isEqualTo(originalsBefore);
    assertThat(leftInIncoming()).isZero();
  }

  @Test
  void a_200_megabyte_upload_is_refused_before_it_is_read_and_a_50_megabyte_one_while_it_is()
      throws Exception {
    int before = count();
    // A client that announces 200 MB: the answer comes before the body is sent.
    try (var socket = new Socket("127.0.0.1", site.port)) {
      socket.setSoTimeout(10_000);
      var head = "POST /api/v1/admin/media HTTP/1.1\r\nHost: 127.0.0.1:" + site.port
          + "\r\nAuthorization: Bearer " + editorToken
          + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: "
          + (200L * 1024 * 1024) + "\r\n\r\n--x\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      var answer = new String(readSome(socket.getInputStream()), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 413");
    }
    // Sent without a length (chunked): refused when the file passes the limit.
    var big = new byte[50 * 1024 * 1024];
    System.arraycopy(Pictures.halves(64, 64, Color.RED, Color.BLUE), 0, big, 0, 100);
    var body = new Multipart().file("file", "huge.jpg", "image/jpeg", big);
    var bytes = body.bytes();
    var response = site.send(HttpRequest.newBuilder(URI.create(site.url("/api/v1/admin/media")))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + editorToken)
        .header("Content-Type", body.contentType())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
        .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void the_newsroom_uploads_by_form_and_sets_the_focal_point_with_a_click() throws Exception {
    var editor = site.signIn("editor@example.com", PASSWORD);
    var form = new Multipart()
        .field("csrf", editor.csrf())
        .file(
            "files", "square.jpg", "image/jpeg", Pictures.halves(1200, 600, Color.RED, Color.BLUE));
    var response = site.send(HttpRequest.newBuilder(URI.create(site.url("/newsroom/media")))
        .header("Cookie", editor.cookie())
        .header("Origin", "http://127.0.0.1:" + site.port)
        .header("Content-Type", form.contentType())
        .POST(form.publisher())
        .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(303);
    var location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).matches("/newsroom/media/\\d+\\?notice=uploaded");
    long id = Long.parseLong(location.replaceAll("\\D+(\\d+).*", "$1"));
    var page = Jsoup.parse(site.get(editor, "/newsroom/media/" + id).body());
    assertThat(page.select("input[type=image][name=focus]")).hasSize(1);
    assertThat(page.select("textarea#alt").text()).isEmpty();

    var before = site.outlet.mediaDesk.find(id).orElseThrow();
    var oldSquare = before.url(Crop.SQUARE, 320, ImageFormat.JPEG);
    assertThat(bytes(oldSquare, Map.of()).statusCode()).isEqualTo(200);
    // A click on the right quarter of the picture shown 480 wide: the square crop moves right.
    var click = site.post(
        editor,
        "/newsroom/media/" + id,
        "version",
        Integer.toString(before.version()),
        "focus.x",
        "430",
        "focus.y",
        "120");
    assertThat(click.statusCode()).as(click.body()).isEqualTo(303);
    var after = site.outlet.mediaDesk.find(id).orElseThrow();
    assertThat(after.focalX()).isCloseTo(430 / 480.0, org.assertj.core.data.Offset.offset(0.002));
    assertThat(after.key()).isNotEqualTo(before.key());
    // The server's caches follow the change log, just after the commit.
    awaitStatus(after.url(Crop.SQUARE, 320, ImageFormat.JPEG), 200);
    awaitStatus(oldSquare, 301);
    var square = Pictures.decode(
        bytes(after.url(Crop.SQUARE, 320, ImageFormat.JPEG), Map.of()).body());
    assertThat(Pictures.near(square.getRGB(160, 160), Color.BLUE)).isTrue();
    // The old address moves to the new crop.
    var moved = site.get(oldSquare);
    assertThat(moved.statusCode()).isEqualTo(301);
    assertThat(moved.headers().firstValue("Location"))
        .hasValue(after.url(Crop.SQUARE, 320, ImageFormat.JPEG));

    // The fields, without script: typed fractions; a bad one is refused field by field.
    var bad = site.post(
        editor,
        "/newsroom/media/" + id,
        "version",
        Integer.toString(after.version()),
        "alt",
        "Red and blue",
        "caption",
        "",
        "credit",
        "",
        "source",
        "",
        "focusX",
        "2",
        "focusY",
        "0.5");
    assertThat(bad.statusCode()).isEqualTo(422);
    assertThat(Jsoup.parse(bad.body()).select("#focus-error").text()).contains("from 0 to 1");
    var good = site.post(
        editor,
        "/newsroom/media/" + id,
        "version",
        Integer.toString(after.version()),
        "alt",
        "Red and blue",
        "caption",
        "Two halves",
        "credit",
        "Test Desk",
        "source",
        "",
        "focusX",
        "0.25",
        "focusY",
        "0.5");
    assertThat(good.statusCode()).isEqualTo(303);
    assertThat(site.outlet.mediaDesk.find(id).orElseThrow().alt()).isEqualTo("Red and blue");

    var libraryPage = site.get(editor, "/newsroom/media?q=square");
    assertThat(libraryPage.statusCode()).as(libraryPage.body()).isEqualTo(200);
    var library = Jsoup.parse(libraryPage.body());
    assertThat(library.select(".media-grid a[href=\"/newsroom/media/" + id + "\"]"))
        .hasSize(1);
    assertThat(
            Jsoup.parse(site.get(editor, "/newsroom/media?q=nothing-like-this").body())
                .select(".media-grid li"))
        .isEmpty();
  }

  @Test
  void a_picture_needs_alt_text_before_it_is_published_and_then_shows_on_every_page()
      throws Exception {
    var program = Actor.PROGRAM;
    var picture = site.outlet.mediaDesk.upload(
        program,
        "dam.jpg",
        new ByteArrayInputStream(Pictures.halves(2000, 1200, Color.GRAY, Color.GREEN)),
        new io.masthead.media.MediaFields("", "The dam at dawn", "River Desk", "", 0.5, 0.5));
    var token = editorToken;
    var created =
        api("POST", "/api/v1/admin/articles", token, """
        {"section": "world", "headline": "Dam opens its gates", "byline": [{"credit": "staff"}],
         "body": "First paragraph.\\n\\n![The gates open](media:%s \\"Water pours out\\")\\n\\nLast.",
         "leadImage": %s}""".formatted(picture.id(), picture.id()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long article = JSON.readTree(created.body()).path("id").asLong();
    var refused = api("POST", "/api/v1/admin/articles/" + article + "/publish", token, "");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(refused.body()).path("problems").path("leadImage").asText())
        .contains("alt text");

    var media = JSON.readTree(
        api("GET", "/api/v1/admin/media/" + picture.id(), token, "").body());
    var patched = api(
        "PATCH",
        "/api/v1/admin/media/" + picture.id(),
        token,
        "{\"version\": %s, \"alt\": \"A concrete dam, its gates opening\"}"
            .formatted(media.path("version").asInt()));
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    var published = api("POST", "/api/v1/admin/articles/" + article + "/publish", token, "");
    assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    var json = JSON.readTree(published.body());
    assertThat(json.path("leadImage").path("id").asLong()).isEqualTo(picture.id());
    assertThat(json.path("leadImage").path("alt").asText())
        .isEqualTo("A concrete dam, its gates opening");

    var page = Jsoup.parse(site.get(site.articlePath(article)).body());
    var lead = page.selectFirst("figure.lead-figure");
    assertThat(lead).isNotNull();
    var img = lead.selectFirst("img");
    assertThat(img.attr("alt")).isEqualTo("A concrete dam, its gates opening");
    assertThat(img.attr("width")).isEqualTo("960");
    assertThat(img.attr("height")).isEqualTo("540");
    assertThat(img.hasAttr("loading")).isFalse(); // the first picture loads at once
    assertThat(lead.select("source[type=image/webp]").attr("srcset"))
        .contains("16x9-320.webp 320w");
    assertThat(lead.select("figcaption").text()).isEqualTo("The dam at dawn River Desk");
    var body = page.selectFirst(".article-body figure.body-figure");
    assertThat(body).isNotNull();
    assertThat(body.selectFirst("img").attr("alt")).isEqualTo("The gates open");
    assertThat(body.selectFirst("img").attr("loading")).isEqualTo("lazy");
    assertThat(body.select("figcaption").text()).isEqualTo("Water pours out River Desk");
    assertThat(page.select("meta[property=og:image]").attr("content"))
        .matches("http://127\\.0\\.0\\.1:\\d+/media/" + picture.id()
            + "/[0-9a-f]{10}/social-1200\\.jpg");
    assertThat(page.select("meta[name=twitter:card]").attr("content"))
        .isEqualTo("summary_large_image");
    var ld = JSON.readTree(page.selectFirst("script[type=application/ld+json]").data());
    assertThat(ld.path("image")).hasSize(3);
    assertThat(ld.path("image").get(0).asText()).contains("/16x9-1200.jpg");
    assertThat(ld.path("image").get(2).asText()).contains("/1x1-1200.jpg");

    var home = Jsoup.parse(site.get("/").body());
    assertThat(home.select("img[alt=A concrete dam, its gates opening]")).isNotEmpty();

    // The library says it is used; its alt text cannot be emptied while it is live.
    var again = JSON.readTree(
        api("GET", "/api/v1/admin/media/" + picture.id(), token, "").body());
    var emptied = api(
        "PATCH",
        "/api/v1/admin/media/" + picture.id(),
        token,
        "{\"version\": %s, \"alt\": \"\"}".formatted(again.path("version").asInt()));
    assertThat(emptied.statusCode()).isEqualTo(422);

    // An edit of the picture shows on the article's page at once (its cached page dropped).
    var renamed = api(
        "PATCH",
        "/api/v1/admin/media/" + picture.id(),
        token,
        "{\"version\": %s, \"alt\": \"The dam from the river\"}"
            .formatted(again.path("version").asInt()));
    assertThat(renamed.statusCode()).isEqualTo(200);
    // The change log's followers drop the cached page just after the commit.
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!Jsoup.parse(site.get(site.articlePath(article)).body())
        .selectFirst("figure.lead-figure img")
        .attr("alt")
        .equals("The dam from the river")) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("the article kept the old alt text");
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  @Test
  void the_newsroom_upload_refuses_strangers_before_reading_and_forms_without_their_token()
      throws Exception {
    int before = count();
    var form = new Multipart()
        .file("files", "x.jpg", "image/jpeg", Pictures.halves(64, 64, Color.RED, Color.BLUE));
    var stranger = site.send(HttpRequest.newBuilder(URI.create(site.url("/newsroom/media")))
        .header("Origin", "http://127.0.0.1:" + site.port)
        .header("Content-Type", form.contentType())
        .POST(form.publisher())
        .build());
    assertThat(stranger.statusCode()).isEqualTo(401);
    var editor = site.signIn("editor@example.com", PASSWORD);
    var forged = site.send(HttpRequest.newBuilder(URI.create(site.url("/newsroom/media")))
        .header("Cookie", editor.cookie())
        .header("Origin", "http://127.0.0.1:" + site.port)
        .header("Content-Type", form.contentType())
        .POST(form.publisher())
        .build());
    assertThat(forged.statusCode()).isEqualTo(403); // no CSRF token in the form
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void a_contributor_changes_only_their_own_pictures() throws Exception {
    var theirs = site.outlet.mediaDesk.upload(
        site.outlet.staff.find("editor@example.com").orElseThrow().actor(),
        "editors.jpg",
        new ByteArrayInputStream(Pictures.halves(400, 300, Color.RED, Color.BLUE)),
        new io.masthead.media.MediaFields("x", "", "", "", 0.5, 0.5));
    var response = api(
        "PATCH",
        "/api/v1/admin/media/" + theirs.id(),
        contributorToken,
        "{\"version\": 1, \"alt\": \"mine now\"}");
    assertThat(response.statusCode()).isEqualTo(403);
    var own = upload(
        contributorToken,
        "own.jpg",
        Pictures.halves(400, 300, Color.RED, Color.BLUE),
        "alt",
        "mine");
    long id = JSON.readTree(own.body()).path("id").asLong();
    assertThat(api(
                "PATCH",
                "/api/v1/admin/media/" + id,
                contributorToken,
                "{\"version\": 1, \"caption\": \"by me\"}")
            .statusCode())
        .isEqualTo(200);
    assertThat(upload(null, "anon.jpg", Pictures.halves(40, 30, Color.RED, Color.BLUE), "alt", "x")
            .statusCode())
        .isEqualTo(401);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private long originalsBefore;

  @org.junit.jupiter.api.BeforeEach
  void countOriginals() throws Exception {
    originalsBefore = storedOriginals();
  }

  private HttpResponse<String> upload(
      String token, String name, byte[] content, String field, String value) {
    var body = new Multipart().field(field, value).file("file", name, "image/jpeg", content);
    var request = HttpRequest.newBuilder(URI.create(site.url("/api/v1/admin/media")))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", body.contentType())
        .POST(body.publisher());
    if (token != null) request.header("Authorization", "Bearer " + token);
    return site.send(request.build());
  }

  private HttpResponse<String> api(String method, String path, String token, String json) {
    return site.send(HttpRequest.newBuilder(URI.create(site.url(path)))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .method(
            method,
            json.isEmpty()
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  private HttpResponse<byte[]> bytes(String path, Map<String, String> headers) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(site.url(path))).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    return site.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private void awaitStatus(String path, int status) throws Exception {
    var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (bytes(path, Map.of()).statusCode() != status) {
      if (System.nanoTime() > deadline)
        throw new AssertionError(path + " never answered " + status);
      java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
    }
  }

  private int count() {
    return site.outlet.media.list(MediaRepository.Filter.ALL, 0, 1).total();
  }

  private long storedOriginals() throws Exception {
    var dir = site.outlet.config.storage().dataDirectory().resolve("media/originals");
    if (!Files.exists(dir)) return 0;
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private long leftInIncoming() throws Exception {
    var dir = site.outlet.config.storage().dataDirectory().resolve("media/incoming");
    if (!Files.exists(dir)) return 0;
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("upload-")).count();
    }
  }

  private static byte[] readSome(InputStream in) throws Exception {
    var buffer = new byte[4096];
    int n = in.read(buffer);
    return n <= 0 ? new byte[0] : Arrays.copyOf(buffer, n);
  }
}
