package io.masthead.demo;

import io.masthead.command.Actor;
import io.masthead.wire.WireDesk;
import io.masthead.wire.WireRepository;
import io.masthead.wire.WireSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's wire desk: three fictional agencies (Northwire in RSS, Kestrel in ninjs, Sahel Press
 * in NewsML-G2; English and Arabic) delivering to drop folders under the data directory, with the
 * last hours' copy already in them, so the desk shows story clusters on first start; and the
 * stream {@code masthead wire simulate} keeps coming.
 */
public final class DemoWire {
  /** The demo's copy is made from this seed: the same outlet every time. */
  private static final long SEED = 2026;

  private static final String COUNTER = ".next-event";

  private DemoWire() {}

  /** The folder an agency's files are dropped in. */
  public static Path folder(Path dataDirectory, WireStories.Agency agency) {
    return dataDirectory
        .resolve("wire")
        .resolve(agency.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
  }

  /**
   * Adds the agencies as sources (those not there yet) and drops the copy of {@code events}
   * events of the last hours in their folders; the wire poller reads them once the outlet serves.
   */
  public static void setUp(
      WireDesk desk, WireRepository wire, Path dataDirectory, int events, Instant now) {
    sources(desk, wire, dataDirectory);
    drop(dataDirectory, 0, events, now.minus(Duration.ofMinutes(3L * events + 30)));
  }

  /** The demo agencies' sources, added when missing; by agency name. */
  public static Map<String, WireSource> sources(
      WireDesk desk, WireRepository wire, Path dataDirectory) {
    var out = new LinkedHashMap<String, WireSource>();
    for (var agency : WireStories.AGENCIES) {
      var existing =
          wire.sources().stream().filter(s -> s.name().equals(agency.name())).findFirst();
      var folder = folder(dataDirectory, agency).toAbsolutePath();
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long id = existing
          .map(WireSource::id)
          .orElseGet(() -> desk.addSource(
              Actor.PROGRAM,
              new WireDesk.SourceInput(
                  agency.name(), agency.format().code(), "", folder.toString(), null, true)));
      out.put(agency.name(), wire.source(id).orElseThrow());
    }
    return out;
  }

  /** The demo's copy of events {@code first} to {@code first + count - 1}, as {@link #drop} writes it. */
  public static List<WireStories.Story> stories(int first, int count, Instant start) {
    return WireStories.stories(SEED, first, count, start);
  }

  /**
   * Writes the items of events {@code first} to {@code first + count - 1} into the agencies'
   * folders, one file per item (written aside, then moved in: a reader never sees half a file).
   * Returns how many files.
   */
  public static int drop(Path dataDirectory, int first, int count, Instant start) {
    var stories = stories(first, count, start);
    int files = 0;
    for (var story : stories) {
      var folder = folder(dataDirectory, story.agency());
      var name = WireFiles.fileName(story, first * 100 + files);
      try {
        Files.createDirectories(folder);
        var partial = folder.resolve("." + name + ".part");
        Files.writeString(partial, WireFiles.render(List.of(story)), StandardCharsets.UTF_8);
        Files.move(partial, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files++;
    }
    return files;
  }

  /**
   * Keeps copy coming: every {@code every}, the next event's items land in the folders (times are
   * now). Runs until interrupted, or {@code limit} events (0: no limit); prints a line each time.
   */
  public static void simulate(
      Path dataDirectory, Duration every, int limit, java.io.PrintStream out)
      throws InterruptedException {
    var counter = dataDirectory.resolve("wire").resolve(COUNTER);
    int next = readCounter(counter).orElse(1000);
    for (int n = 0; limit == 0 || n < limit; n++) {
      // The kill of an event comes an hour after it: in a live stream, now.
      int files = drop(dataDirectory, next, 1, Instant.now().minus(Duration.ofSeconds(1)));
      out.printf(Locale.ROOT, "event %d: %d file(s) dropped for the wire desk%n", next, files);
      next++;
      writeCounter(counter, next);
      if (limit == 0 || n + 1 < limit) Thread.sleep(every.toMillis());
    }
  }

  private static Optional<Integer> readCounter(Path file) {
    try {
      return Optional.of(Integer.parseInt(Files.readString(file).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void writeCounter(Path file, int value) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, Integer.toString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
