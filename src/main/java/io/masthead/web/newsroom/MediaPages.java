package io.masthead.web.newsroom;

import static io.masthead.web.newsroom.FormFields.parseId;

import io.javalin.http.Context;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
import io.masthead.media.Media;
import io.masthead.media.MediaDesk;
import io.masthead.media.MediaFields;
import io.masthead.media.MediaRepository;
import io.masthead.newsroom.StaffService;
import io.masthead.web.HttpProblem;
import io.masthead.web.Picture;
import io.masthead.web.Templates;
import io.masthead.web.Uploads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The media library in the newsroom: upload (several files at once; a plain form, enhanced with
 * drag and drop and progress by script), search and filter, and one picture's page where an
 * editor writes its alt text, caption and credit and sets its focal point by clicking the picture
 * (a plain image button: it works without script) or by typing the two fractions. Thread-safe.
 */
public final class MediaPages {
  public static final int PAGE_SIZE = 24;

  /** The width the focal-point picture is shown at: fixed, so a click's coordinates map exactly. */
  static final int FOCUS_WIDTH = 480;

  public record Tile(
      long id, String thumb, String alt, String name, boolean needsAlt, String when) {}

  public record LibraryView(
      NewsroomViews.Frame frame,
      List<Tile> tiles,
      int total,
      String query,
      List<NewsroomViews.Option> uploaders,
      String month,
      List<NewsroomViews.Option> usage,
      String newer,
      String older,
      List<String> problems,
      int maxMegabytes,
      int maxFiles) {}

  public record CropPreview(String label, String html) {}

  public record ItemView(
      NewsroomViews.Frame frame,
      long id,
      int version,
      String fileName,
      String size,
      String uploaded,
      String focusSrc,
      int focusWidth,
      int focusHeight,
      String focusX,
      String focusY,
      String markerLeft,
      String markerTop,
      String alt,
      String caption,
      String credit,
      String source,
      List<CropPreview> crops,
      List<MediaRepository.Use> uses,
      String markdown,
      Map<String, String> errors) {}

  private final NewsroomAuth auth;
  private final MediaDesk desk;
  private final MediaRepository media;
  private final StaffService staff;
  private final Templates templates;

  public MediaPages(
      NewsroomAuth auth,
      MediaDesk desk,
      MediaRepository media,
      StaffService staff,
      Templates templates) {
    this.auth = auth;
    this.desk = desk;
    this.media = media;
    this.staff = staff;
    this.templates = templates;
  }

  public void library(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    renderLibrary(ctx, 200, session, List.of());
  }

  /** The upload form: one or several files; one picture goes straight to its page to be described. */
  public void upload(Context ctx) {
    var read = new ArrayList<io.javalin.http.UploadedFile>();
    var session = auth.requireForUpload(
        ctx, Role.CONTRIBUTOR, () -> read.addAll(Uploads.files(ctx, "files")));
    var files = List.copyOf(read);
    if (files.isEmpty()) {
      renderLibrary(ctx, 422, session, List.of("Choose one or more pictures to upload."));
      return;
    }
    var problems = new ArrayList<String>();
    var added = new ArrayList<Media>();
    int status = 422;
    for (var file : files) {
      try (var content = file.content()) {
        added.add(desk.upload(
            session.staff().actor(),
            file.filename(),
            content,
            new MediaFields("", "", "", "", 0.5, 0.5)));
      } catch (Refusal r) {
        problems.add(
            r instanceof Refusal.Invalid invalid
                ? String.join(" ", invalid.byField().values())
                : r.getMessage());
        status = io.masthead.web.ErrorPages.status(r.kind());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (problems.isEmpty() && added.size() == 1) {
      ctx.redirect(
          "/newsroom/media/" + added.getFirst().id() + "?notice=uploaded",
          io.javalin.http.HttpStatus.SEE_OTHER);
    } else if (problems.isEmpty()) {
      ctx.redirect("/newsroom/media?notice=uploaded", io.javalin.http.HttpStatus.SEE_OTHER);
    } else {
      if (!added.isEmpty()) problems.addFirst(added.size() + " uploaded; these were not:");
      renderLibrary(ctx, added.isEmpty() ? status : 200, session, problems);
    }
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var picture = find(ctx);
    var notice = switch (String.valueOf(ctx.queryParam("notice"))) {
      case "uploaded" ->
        "Uploaded. Say what it shows (alt text) before it goes on a published article.";
      case "saved" -> "Saved.";
      case "focus" -> "Focal point set: every crop now centres there.";
      default -> null;
    };
    render(ctx, 200, session, picture, MediaFields.of(picture), Map.of(), notice);
  }

  /** Saves the fields; or, from the image button, only the focal point where it was clicked. */
  public void save(Context ctx) {
    var session = auth.require(ctx, Role.CONTRIBUTOR);
    var picture = find(ctx);
    var errors = new LinkedHashMap<String, String>();
    int version = FormFields.intOr(ctx.formParam("version"), -1);
    MediaFields fields;
    String notice;
    if (ctx.formParam("focus.x") != null && ctx.formParam("focus.y") != null) {
      // A click on the picture shown FOCUS_WIDTH wide: its coordinates in CSS pixels.
      int shownHeight = Crop.FULL.heightFor(FOCUS_WIDTH, picture.width(), picture.height());
      double x =
          clamp(FormFields.intOr(ctx.formParam("focus.x"), FOCUS_WIDTH / 2) / (double) FOCUS_WIDTH);
      double y =
          clamp(FormFields.intOr(ctx.formParam("focus.y"), shownHeight / 2) / (double) shownHeight);
      fields = MediaFields.of(picture).withFocus(round(x), round(y));
      notice = "focus";
    } else {
      double x = fraction(ctx.formParam("focusX"), "focus", errors);
      double y = fraction(ctx.formParam("focusY"), "focus", errors);
      fields = new MediaFields(
          ctx.formParam("alt"),
          ctx.formParam("caption"),
          ctx.formParam("credit"),
          ctx.formParam("source"),
          x,
          y);
      notice = "saved";
      if (!errors.isEmpty()) {
        render(ctx, 422, session, picture, fields, errors, null);
        return;
      }
    }
    try {
      desk.update(session.staff().actor(), picture.id(), fields, version);
      ctx.redirect(
          "/newsroom/media/" + picture.id() + "?notice=" + notice,
          io.javalin.http.HttpStatus.SEE_OTHER);
    } catch (Refusal.Invalid e) {
      render(ctx, 422, session, picture, fields, e.byField(), null);
    } catch (MediaDesk.Conflict e) {
      render(ctx, 409, session, find(ctx), fields, Map.of("form", e.getMessage()), null);
    }
  }

  private Media find(Context ctx) {
    long id = parseId(ctx.pathParam("id"));
    return desk.find(id).orElseThrow(() -> new HttpProblem.NotFound("no picture " + id));
  }

  private void renderLibrary(
      Context ctx,
      int status,
      io.masthead.newsroom.Sessions.Session session,
      List<String> problems) {
    var query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip();
    Long uploader = null;
    var who = ctx.queryParam("uploader");
    if (who != null && !who.isBlank()) uploader = parseId(who);
    var month = ctx.queryParam("month") == null ? "" : ctx.queryParam("month").strip();
    java.time.Instant from = null;
    java.time.Instant until = null;
    if (!month.isEmpty()) {
      try {
        var ym = YearMonth.parse(month);
        from = ym.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        until = ym.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new HttpProblem.BadRequest("a month is written 2026-12");
      }
    }
    var used = switch (String.valueOf(ctx.queryParam("used"))) {
      case "yes" -> Boolean.TRUE;
      case "no" -> Boolean.FALSE;
      default -> null;
    };
    int page = Math.max(1, FormFields.intOr(ctx.queryParam("page"), 1));
    var found = media.list(
        new MediaRepository.Filter(query, uploader, from, until, used),
        (page - 1) * PAGE_SIZE,
        PAGE_SIZE);
    var tiles = found.media().stream()
        .map(m -> new Tile(
            m.id(),
            new Picture(m).thumbFor("10rem"),
            m.alt(),
            m.fileName().isEmpty() ? "Picture " + m.id() : m.fileName(),
            !m.hasAlt(),
            NewsroomText.shown(m.uploadedAt(), ZoneOffset.UTC)))
        .toList();
    var uploaders = new ArrayList<NewsroomViews.Option>();
    uploaders.add(new NewsroomViews.Option("", "Anyone", uploader == null));
    for (var s : staff.list()) {
      uploaders.add(new NewsroomViews.Option(
          Long.toString(s.id()), s.name(), uploader != null && uploader == s.id()));
    }
    var usage = List.of(
        new NewsroomViews.Option("", "Used or not", used == null),
        new NewsroomViews.Option("yes", "On articles", Boolean.TRUE.equals(used)),
        new NewsroomViews.Option("no", "Not used yet", Boolean.FALSE.equals(used)));
    var base = "/newsroom/media?q=" + enc(query) + "&uploader=" + (uploader == null ? "" : uploader)
        + "&month=" + enc(month) + "&used=" + (used == null ? "" : used ? "yes" : "no") + "&page=";
    var notice = "uploaded".equals(ctx.queryParam("notice")) ? "Uploaded." : null;
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/media.jte",
        new LibraryView(
            NewsroomText.frame(session, "Media library", "media", notice),
            tiles,
            found.total(),
            query,
            uploaders,
            month,
            usage,
            page > 1 ? base + (page - 1) : null,
            page * PAGE_SIZE < found.total() ? base + (page + 1) : null,
            problems,
            (int) (MediaDesk.MAX_UPLOAD_BYTES >> 20),
            Uploads.MAX_FILES));
  }

  private void render(
      Context ctx,
      int status,
      io.masthead.newsroom.Sessions.Session session,
      Media picture,
      MediaFields fields,
      Map<String, String> errors,
      String notice) {
    int focusHeight = Crop.FULL.heightFor(FOCUS_WIDTH, picture.width(), picture.height());
    var shown = new Picture(picture);
    var crops = new ArrayList<CropPreview>();
    crops.add(new CropPreview("16:9 (articles, cards)", shown.preview(Crop.WIDE)));
    crops.add(new CropPreview("4:3 (lists)", shown.preview(Crop.STANDARD)));
    crops.add(new CropPreview("1:1", shown.preview(Crop.SQUARE)));
    crops.add(new CropPreview("Social card", shown.preview(Crop.SOCIAL)));
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/mediaitem.jte",
        new ItemView(
            NewsroomText.frame(
                session,
                picture.fileName().isEmpty() ? "Picture " + picture.id() : picture.fileName(),
                "media",
                notice),
            picture.id(),
            picture.version(),
            picture.fileName(),
            picture.width() + " × " + picture.height() + " px, "
                + String.format(Locale.ROOT, "%.1f MB", picture.bytes() / 1048576.0),
            NewsroomText.shown(picture.uploadedAt(), ZoneOffset.UTC) + " UTC"
                + (picture.uploaderName().isEmpty() ? "" : " by " + picture.uploaderName()),
            picture.url(Crop.FULL, FOCUS_WIDTH, ImageFormat.JPEG),
            FOCUS_WIDTH,
            focusHeight,
            format(fields.focalX()),
            format(fields.focalY()),
            String.format(Locale.ROOT, "%.1f", picture.focalX() * 100),
            String.format(Locale.ROOT, "%.1f", picture.focalY() * 100),
            fields.alt(),
            fields.caption(),
            fields.credit(),
            fields.source(),
            crops,
            media.uses(picture.id()),
            "![" + (picture.alt().isEmpty() ? "alt text" : picture.alt().replace("]", ""))
                + "](media:" + picture.id() + ")",
            errors));
  }

  private static double fraction(String text, String field, Map<String, String> errors) {
    try {
      double value = Double.parseDouble(text == null ? "" : text.strip().replace(',', '.'));
      if (value >= 0 && value <= 1) return value;
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.put(field, "The focal point is two numbers from 0 to 1, such as 0.5 and 0.33.");
    return 0.5;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(1, v));
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static String format(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
