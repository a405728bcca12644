package io.masthead.web.newsroom;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.newsroom.Sessions.Session;
import io.masthead.web.Templates;
import io.masthead.web.Uploads;
import io.masthead.wordpress.ImportJobs;
import io.masthead.wordpress.WordPressImport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Admins move a WordPress site in from here: the export uploaded (plain or gzipped), imported in
 * the background by the same importer as {@code masthead import wordpress}, its progress and then
 * its summary on the page (refreshed by script while it runs; a link without). Pictures need the
 * command line's {@code --uploads}: a browser cannot send a site's uploads folder. Thread-safe.
 */
public final class ImportPages {
  /** An edition to import into. */
  public record Choice(String value, String label, boolean selected) {}

  /** The running or last import, as the page shows it. */
  public record JobView(
      String fileName,
      String edition,
      String by,
      String started,
      boolean running,
      boolean dryRun,
      long done,
      long total,
      int percent,
      String elapsed,
      List<String> summary,
      String failure) {}

  public record ImportView(
      NewsroomViews.Frame frame,
      List<Choice> editions,
      List<String> problems,
      long maxMegabytes,
      JobView job) {}

  private final NewsroomAuth auth;
  private final ImportJobs jobs;
  private final Editions editions;
  private final Templates templates;

  public ImportPages(NewsroomAuth auth, ImportJobs jobs, Editions editions, Templates templates) {
    this.auth = auth;
    this.jobs = jobs;
    this.editions = editions;
    this.templates = templates;
  }

  public void show(Context ctx) {
    var session = auth.require(ctx, Role.ADMIN);
    render(ctx, 200, session, List.of());
  }

  public void start(Context ctx) {
    var read = new ArrayList<io.javalin.http.UploadedFile>();
    Session session;
    try {
      session =
          auth.requireForUpload(ctx, Role.ADMIN, () -> read.addAll(Uploads.files(ctx, "file")));
    } catch (Refusal.TooLarge e) {
      var who = auth.require(ctx, Role.ADMIN);
      render(
          ctx,
          413,
          who,
          List.of("An export of up to " + Uploads.MAX_FILE_MEGABYTES
              + " MB can be uploaded here: gzip it (export.xml.gz is usually a tenth of the size),"
              + " or import it with the command line, masthead import wordpress."));
      return;
    }
    if (read.isEmpty()) {
      render(ctx, 422, session, List.of("Choose the export file (Tools → Export in WordPress)."));
      return;
    }
    var code = Optional.ofNullable(Uploads.field(ctx, "edition")).orElse("");
    var edition = editions.find(code).orElse(null);
    if (edition == null) {
      render(ctx, 422, session, List.of("Choose the edition to import into."));
      return;
    }
    boolean dryRun = "on".equals(Uploads.field(ctx, "dryRun"));
    boolean staffAccounts = "on".equals(Uploads.field(ctx, "staffAccounts"));
    var upload = read.getFirst();
    try {
      var file = jobs.newUpload();
      try (var in = upload.content()) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      jobs.start(
          session.staff().actor(),
          session.staff().email(),
          file,
          upload.filename(),
          new WordPressImport.Options(edition, null, dryRun, staffAccounts));
    } catch (Refusal.NotAllowed busy) {
      render(ctx, 409, session, List.of("An import is running already: wait for it to end."));
      return;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.redirect("/newsroom/import", HttpStatus.SEE_OTHER);
  }

  private void render(Context ctx, int status, Session session, List<String> problems) {
    var job = jobs.status().map(s -> {
      var end = s.ended() != null ? s.ended() : java.time.Instant.now();
      var elapsed = Duration.between(s.started(), end);
      return new JobView(
          s.fileName(),
          s.edition(),
          s.by(),
          NewsroomText.shown(s.started(), editions.defaultEdition().timeZone()),
          s.running(),
          s.dryRun(),
          s.done(),
          s.total(),
          s.total() == 0 ? 0 : (int) (100 * s.done() / s.total()),
          elapsed.toMinutes() > 0
              ? elapsed.toMinutes() + " min " + elapsed.toSecondsPart() + " s"
              : elapsed.toSeconds() + " s",
          s.summary(),
          s.failure());
    });
    var chosen = Optional.ofNullable(ctx.formParam("edition"))
        .orElse(editions.defaultEdition().code());
    var choices = editions.all().stream()
        .map(e -> new Choice(e.code(), e.name(), e.code().equals(chosen)))
        .toList();
    templates.sendPrivate(
        ctx,
        status,
        "newsroom/import.jte",
        new ImportView(
            NewsroomText.frame(session, "Import from WordPress", "import", null),
            choices,
            problems,
            Uploads.MAX_FILE_MEGABYTES,
            job.orElse(null)));
  }
}
