package io.masthead.wire;

import io.masthead.command.Actor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches what sources deliver: a URL polled with a conditional GET (ETag, Last-Modified), or a
 * drop folder whose new files are read and then moved into {@code processed/} (or
 * {@code rejected/}, beside the reason in the desk). Every node runs one; each due poll is
 * claimed with a conditional update first, so with several nodes each source is polled once. A
 * failing source is tried again later and later (twice the wait each time, at most
 * {@link #LONGEST_WAIT}), and says why in plain words on the sources page until it answers again.
 */
public final class WirePoller implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WirePoller.class);
  /** The longest a failing source waits before the next try: it is back within that after an outage. */
  static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
  /** A poll's claim: longer than any poll takes, so another node takes over only from a dead one. */
  private static final Duration CLAIM = Duration.ofMinutes(2);
  /** A dropped file younger than this may still be being written. */
  private static final Duration SETTLE = Duration.ofMillis(300);

  private static final int BATCH_FILES = 50;
  private static final long BATCH_BYTES = 8L * 1024 * 1024;

  private final WireRepository wire;
  private final WireDesk desk;
  private final Clock clock;
  private final String node;
  private HttpClient http; // made at the first poll by URL: a client loads the trust store
  private final ExecutorService polls = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  private synchronized HttpClient http() {
    if (http == null)
      http = HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();
    return http;
  }

  public WirePoller(WireRepository wire, WireDesk desk, Clock clock, String node) {
    this.wire = wire;
    this.desk = desk;
    this.clock = clock;
    this.node = node;
  }

  /** Looks for due polls every {@code tickMillis}. */
  public WirePoller start(long tickMillis) {
    thread = Thread.ofVirtual().name("wire-poller").start(() -> {
      try {
        while (!stopped.await(tickMillis, TimeUnit.MILLISECONDS)) {
          try {
            pollDue();
          } catch (RuntimeException e) {
            log.warn("wire polling failed, trying again shortly: {}", e.toString());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  /** Claims and runs every poll that is due now; returns when they have all finished. */
  public void pollDue() {
    var now = clock.instant();
    var running = new java.util.ArrayList<java.util.concurrent.Future<?>>();
    for (var due : wire.due(now)) {
      if (!wire.claim(due.id(), node, now, now.plus(CLAIM))) continue;
      running.add(polls.submit(() -> poll(due)));
    }
    for (var f : running) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("a wire poll failed: {}", e.getCause().toString());
      }
    }
  }

  private void poll(WireRepository.DuePoll due) {
    Answer answer;
    try {
      answer = !due.url().isEmpty() ? fetch(due) : drain(due);
    } catch (RuntimeException e) {
      log.warn("wire source {}: {}", due.name(), e.toString());
      answer = failed("Masthead could not read it: " + e.getMessage(), due);
    }
    var now = clock.instant();
    int failures = answer.failed() ? due.failures() + 1 : 0;
    wire.polled(
        due.id(),
        now,
        answer.error(),
        failures,
        now.plus(wait(due.every(), failures)),
        answer.etag(),
        answer.lastModified());
  }

  /** The wait before the next poll: the source's own, doubled for each failure in a row, capped. */
  static Duration wait(int everySeconds, int failures) {
    var every = Duration.ofSeconds(everySeconds);
    if (failures == 0) return every;
    var longer = every.multipliedBy(1L << Math.min(failures, 16));
    var cap = LONGEST_WAIT.compareTo(every) > 0 ? LONGEST_WAIT : every;
    return longer.compareTo(cap) > 0 ? cap : longer;
  }

  /**
   * How a poll went: {@code error} for the sources page ("" when all was well); {@code failed}
   * when the source itself failed (it then waits longer), not when it sent a file the desk
   * rejected (that file is in the rejected list, and the source is fine).
   */
  private record Answer(String error, boolean failed, String etag, String lastModified) {}

  private static Answer failed(String error, WireRepository.DuePoll due) {
    return new Answer(error, true, due.etag(), due.lastModified());
  }

  private static Answer fine(String note, String etag, String lastModified) {
    return new Answer(note, false, etag, lastModified);
  }

  private Answer fetch(WireRepository.DuePoll due) {
    var request = HttpRequest.newBuilder(URI.create(due.url()))
        .timeout(Duration.ofSeconds(30))
        .header("User-Agent", "Masthead wire desk")
        .GET();
    if (!due.etag().isEmpty()) request.header("If-None-Match", due.etag());
    if (!due.lastModified().isEmpty()) request.header("If-Modified-Since", due.lastModified());
    HttpResponse<java.io.InputStream> response;
    try {
      response = http().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return failed("No answer from " + URI.create(due.url()).getHost() + ": " + describe(e), due);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("Stopped while polling.", due);
    }
    int status = response.statusCode();
    try (var body = response.body()) {
      if (status == 304) return fine("", due.etag(), due.lastModified());
      if (status != 200) {
        var why = status >= 500
            ? " (its own error)"
            : status == 404
                ? " (no such address)"
                : status == 401 || status == 403
                    ? " (not allowed: check the address or its key)"
                    : "";
        return failed("The server answered " + status + why + ".", due);
      }
      var content = body.readNBytes(WireParsers.MAX_FILE_BYTES + 1);
      var etag = response.headers().firstValue("ETag").orElse("");
      var modified = response.headers().firstValue("Last-Modified").orElse("");
      try {
        desk.ingest(Actor.PROGRAM, due.id(), due.url(), content);
        return fine("", etag, modified);
      } catch (WireDesk.FileRejected e) {
        // Its validators are kept: the same bytes would be refused again.
        return fine("The last file was rejected: " + e.getMessage(), etag, modified);
      }
    } catch (IOException e) {
      return failed(
          "The answer from " + URI.create(due.url()).getHost() + " was cut short: " + describe(e),
          due);
    }
  }

  /**
   * The folder's path; null where this JVM cannot name it: a NUL in it, or a character its
   * locale's character set lacks (ASCII in the POSIX locale, for "/srv/wire/وكالة").
   */
  static Path folderPath(String folder) {
    try {
      return Path.of(folder);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
  }

  /** Reads the folder's settled files, oldest first; each is then moved aside. */
  private Answer drain(WireRepository.DuePoll due) {
    var folder = folderPath(due.folder());
    if (folder == null)
      return failed(
          "This server cannot name the folder " + due.folder() + ": its locale's character set"
              + " lacks a character of it (start Masthead with LANG=C.UTF-8).",
          due);
    if (!Files.isDirectory(folder))
      return failed("The folder " + folder + " does not exist on this server.", due);
    java.util.List<Path> files;
    // Files carry the file system's times, not the outlet's clock.
    var settled = Instant.now().minus(SETTLE);
    try (var list = Files.list(folder)) {
      files = list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> modified(p).isBefore(settled))
          .sorted(Comparator.comparing(WirePoller::modified).thenComparing(Path::toString))
          .toList();
    } catch (IOException e) {
      return failed("The folder " + folder + " cannot be read: " + describe(e), due);
    }
    int rejected = 0;
    String lastRejection = "";
    // In batches (one transaction each), of at most BATCH_FILES files and BATCH_BYTES bytes.
    for (int from = 0; from < files.size(); ) {
      var batch = new ArrayList<Path>();
      var delivered = new ArrayList<WireDesk.Delivered>();
      long bytes = 0;
      try {
        while (from < files.size() && batch.size() < BATCH_FILES && bytes < BATCH_BYTES) {
          var file = files.get(from++);
          byte[] content;
          try (var in = Files.newInputStream(file)) {
            content = in.readNBytes(WireParsers.MAX_FILE_BYTES + 1);
          }
          batch.add(file);
          delivered.add(new WireDesk.Delivered(file.getFileName().toString(), content));
          bytes += content.length;
        }
        var results = desk.ingestAll(Actor.PROGRAM, due.id(), delivered);
        for (int i = 0; i < batch.size(); i++) {
          var file = batch.get(i);
          var result = results.get(i);
          if (result.rejected() != null) {
            rejected++;
            lastRejection = file.getFileName() + ": " + result.rejected().getMessage();
          }
          var into = Files.createDirectories(
              folder.resolve(result.rejected() == null ? "processed" : "rejected"));
          Files.move(file, into.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        return failed("Could not read or move a file in " + folder + ": " + describe(e), due);
      }
    }
    return fine(
        rejected == 0 ? "" : rejected + " file(s) rejected; the last: " + lastRejection, "", "");
  }

  private static Instant modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (IOException e) {
      return Instant.MAX;
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  @Override
  public void close() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    polls.shutdownNow();
  }
}
