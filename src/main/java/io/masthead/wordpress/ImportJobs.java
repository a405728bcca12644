package io.masthead.wordpress;

import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The newsroom's imports: an admin's uploaded export imported in the background, one at a time
 * on this node, with its progress and, at the end, its summary for the import page. The same
 * {@link WordPressImport} as the command line's, so a second upload of the same file changes
 * nothing. Thread-safe.
 */
public final class ImportJobs {
  private static final Logger log = LoggerFactory.getLogger(ImportJobs.class);

  /**
   * The import running or last run on this node.
   *
   * @param summary the report's lines once it ended; {@code failure} when it could not run
   */
  public record Status(
      String fileName,
      String edition,
      boolean dryRun,
      String by,
      Instant started,
      Instant ended,
      long done,
      long total,
      List<String> summary,
      String failure) {
    public boolean running() {
      return ended == null;
    }

    Status progress(long done, long total) {
      return new Status(
          fileName, edition, dryRun, by, started, ended, done, total, summary, failure);
    }

    Status end(Instant at, List<String> lines, String why) {
      return new Status(fileName, edition, dryRun, by, started, at, done, total, lines, why);
    }
  }

  private final Supplier<WordPressImport> importer;
  private final Path folder;
  private final Clock clock;
  private final AtomicReference<Status> status = new AtomicReference<>();

  /** @param folder where uploaded exports are kept while they are imported */
  public ImportJobs(Supplier<WordPressImport> importer, Path folder, Clock clock) {
    this.importer = importer;
    this.folder = folder;
    this.clock = clock;
  }

  public Optional<Status> status() {
    return Optional.ofNullable(status.get());
  }

  /** Where the next upload is to be written before {@link #start}. */
  public Path newUpload() throws java.io.IOException {
    Files.createDirectories(folder);
    return Files.createTempFile(folder, "wordpress-", ".xml");
  }

  /**
   * Starts importing {@code file} (which this takes over and deletes at the end) in the
   * background; refused while another import runs here.
   */
  public synchronized void start(
      Actor actor, String by, Path file, String fileName, WordPressImport.Options options) {
    var current = status.get();
    if (current != null && current.running()) {
      deleteQuietly(file);
      throw new Refusal.NotAllowed(
          "an import is running (" + current.fileName() + "); wait for it to end");
    }
    var started = new Status(
        fileName,
        options.edition().name(),
        options.dryRun(),
        by,
        clock.instant(),
        null,
        0,
        0,
        List.of(),
        null);
    status.set(started);
    Thread.ofPlatform().name("wordpress-import").daemon().start(() -> {
      try {
        var report = importer
            .get()
            .run(
                actor,
                file,
                options,
                (done, total) -> status.updateAndGet(s -> s.progress(done, total)));
        status.updateAndGet(s -> s.end(clock.instant(), report.lines(), null));
        log.info("import of {} by {} ended: {}", fileName, by, report.counts());
      } catch (WxrReader.Unreadable e) {
        status.updateAndGet(s -> s.end(clock.instant(), List.of(), e.getMessage()));
      } catch (Exception e) {
        log.error("import of {} failed", fileName, e);
        status.updateAndGet(s -> s.end(
            clock.instant(),
            List.of(),
            "the import stopped: " + e.getMessage()
                + ". What was imported stays; run it again to finish."));
      } finally {
        deleteQuietly(file);
      }
    });
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (java.io.IOException e) {
      log.warn("could not delete {}", file, e);
    }
  }
}
