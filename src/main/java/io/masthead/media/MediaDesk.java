package io.masthead.media;

import io.masthead.audit.AuditLog;
import io.masthead.change.Change.MediaChanged;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Refusal.FieldProblem;
import io.masthead.command.Role;
import io.masthead.origin.Origin;
import io.masthead.origin.OriginRepository;
import io.masthead.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;

/**
 * The one door for writes to the media library: uploads from the newsroom's form and the Admin
 * API, edits of a picture's description and focal point, and later the importers. Each command
 * checks the actor's role, checks the file by decoding it (never by its name) and the fields into
 * field problems, and writes the row, the audit entry and one typed change in one transaction; a
 * refused upload leaves no file and no row. Thread-safe.
 */
public final class MediaDesk {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MediaDesk.class);

  /** The largest upload taken: a 24-megapixel JPEG from a camera is 10–15 MB. */
  public static final long MAX_UPLOAD_BYTES = 40L * 1024 * 1024;

  private final Database database;
  private final ChangeLog changeLog;
  private final AuditLog audit;
  private final OriginalStore originals;
  private final Renditions renditions;
  private final Clock clock;
  private volatile java.util.function.LongConsumer written = id -> {};

  public MediaDesk(
      Database database,
      ChangeLog changeLog,
      AuditLog audit,
      OriginalStore originals,
      Renditions renditions,
      Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.audit = audit;
    this.originals = originals;
    this.renditions = renditions;
    this.clock = clock;
  }

  /** A picture as stored now (not from a cache: the newsroom edits what is there). */
  public java.util.Optional<Media> find(long id) {
    return database.read(h -> MediaRepository.find(h, id));
  }

  /** A picture another save changed first: nothing was written. */
  public static final class Conflict extends Refusal.NotAllowed {
    public Conflict(int current) {
      super("someone saved version " + current
          + " of this picture first; read it, then send your change with that version");
    }
  }

  /**
   * Adds a picture to the library. Empty fields are filled from the file's IPTC/XMP metadata; the
   * renditions pages show first are made in the background at once.
   *
   * @throws Refusal.TooLarge past {@link #MAX_UPLOAD_BYTES}
   * @throws Refusal.Unsupported when the file is no picture the library takes, or is damaged
   */
  public Media upload(Actor actor, String fileName, InputStream content, MediaFields fields) {
    return add(actor, fileName, content, fields, true);
  }

  /**
   * {@link #upload}, with the renditions made ahead only when {@code makeRenditionsNow}: the demo
   * generator and importers add many pictures at once and leave them to be made when first asked.
   */
  public Media add(
      Actor actor,
      String fileName,
      InputStream content,
      MediaFields fields,
      boolean makeRenditionsNow) {
    return add(actor, fileName, content, fields, makeRenditionsNow, null);
  }

  /**
   * A picture an importer brings, added once: a second run (or a run resumed after the first was
   * killed) finds the one its origin recorded, in the same transaction as the picture, without
   * reading the file again. Renditions are made when first asked for.
   */
  public Media importPicture(
      Actor actor, Origin origin, String fileName, Path file, MediaFields fields) {
    var known = findImported(origin);
    if (known.isPresent()) return known.get();
    try (var in = Files.newInputStream(file)) {
      return add(actor, fileName, in, fields, false, origin);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Told of each picture this desk wrote, as soon as its transaction committed: this node's
   * caches of pictures drop it at once, so the writer's next request reads what it wrote (the
   * change log tells the other nodes, and this one again, a moment later).
   */
  public void onWritten(java.util.function.LongConsumer listener) {
    this.written = listener;
  }

  /** The picture an importer added before for {@code origin}, if it did. */
  public java.util.Optional<Media> findImported(Origin origin) {
    return database.read(
        h -> OriginRepository.find(h, origin).flatMap(k -> MediaRepository.find(h, k.targetId())));
  }

  private Media add(
      Actor actor,
      String fileName,
      InputStream content,
      MediaFields fields,
      boolean makeRenditionsNow,
      Origin origin) {
    actor.require(Role.CONTRIBUTOR);
    check(fields);
    var name = cleanName(fileName);
    long started = System.nanoTime();
    try (var received = originals.receive(content, MAX_UPLOAD_BYTES)) {
      long receivedAt = System.nanoTime();
      if (received.bytes() == 0) throw Refusal.Invalid.of("file", "The file is empty.");
      var embedded = EmbeddedMetadata.read(received.file());
      Images.Decoded decoded;
      try {
        // With renditions to make at once, decoded at the size they need (and only once).
        decoded = Images.check(
            received.file(),
            embedded.orientation(),
            makeRenditionsNow ? Rendition.WIDTHS[Rendition.WIDTHS.length - 1] : 0);
      } catch (Images.Unacceptable e) {
        throw new Refusal.Unsupported((name.isEmpty() ? "" : "“" + name + "”: ") + e.getMessage());
      }
      var probe = decoded.probe();
      var merged = fields.orFrom(embedded);
      long checkedAt = System.nanoTime();
      originals.keep(received);
      long id = database.inTransaction(h -> {
        long newId = MediaRepository.insert(
            h,
            received.sha256(),
            probe.contentType(),
            name,
            probe,
            received.bytes(),
            merged,
            actor.staffId(),
            clock.instant());
        if (origin != null) OriginRepository.record(h, origin, newId, clock.instant());
        audit.record(h, actor.staffId(), "media.added", "media " + newId, name);
        changeLog.append(h, new MediaChanged(newId, "media.added", Set.of()));
        return newId;
      });
      written.accept(id);
      var media = database.read(h -> MediaRepository.find(h, id)).orElseThrow();
      log.info(
          "picture {} added: {} KB received in {} ms, checked in {} ms",
          id,
          received.bytes() / 1024,
          (receivedAt - started) / 1_000_000,
          (checkedAt - receivedAt) / 1_000_000);
      if (makeRenditionsNow) {
        renditions
            .warm(media, decoded)
            .thenRun(() -> log.info(
                "picture {}: renditions made {} ms after the upload began",
                id,
                (System.nanoTime() - started) / 1_000_000));
      }
      return media;
    } catch (OriginalStore.TooLarge e) {
      throw new Refusal.TooLarge("The file is larger than " + (MAX_UPLOAD_BYTES / 1024 / 1024)
          + " MB; the library takes pictures up to that size.");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Changes a picture's description and focal point over version {@code expectedVersion} (a
   * negative version saves over whatever is there). The pages showing it drop.
   */
  public Media update(Actor actor, long id, MediaFields fields, int expectedVersion) {
    actor.require(Role.CONTRIBUTOR);
    check(fields);
    var saved = database.inTransaction(h -> {
      var before =
          MediaRepository.find(h, id).orElseThrow(() -> new Refusal.NotFound("no picture " + id));
      if (!actor.may(Role.EDITOR)
          && (before.uploadedBy() == null || !before.uploadedBy().equals(actor.staffId()))) {
        throw new Refusal.Forbidden(
            "a contributor may change the pictures they uploaded; this one is another's");
      }
      if (expectedVersion >= 0 && before.version() != expectedVersion)
        throw new Conflict(before.version());
      var showing = MediaRepository.articlesShowing(h, id);
      if (fields.alt().isEmpty() && before.hasAlt() && MediaRepository.anyLive(h, showing)) {
        throw Refusal.Invalid.of(
            "alt",
            "This picture is on published articles: it keeps its alt text (say what it shows).");
      }
      if (!MediaRepository.update(h, id, before.version(), fields, clock.instant()))
        throw new Conflict(before.version() + 1);
      audit.record(h, actor.staffId(), "media.updated", "media " + id, "");
      changeLog.append(h, new MediaChanged(id, "media.updated", showing));
      return new Media[] {before, MediaRepository.find(h, id).orElseThrow()};
    });
    var before = saved[0];
    var after = saved[1];
    written.accept(id);
    if (!before.key().equals(after.key())) {
      // A new crop: the old renditions are never asked for again (their addresses move).
      renditions.forget(before);
      renditions.warm(after);
    }
    return after;
  }

  private static void check(MediaFields f) {
    var problems = new ArrayList<FieldProblem>();
    if (f.alt().length() > MediaFields.MAX_ALT)
      problems.add(new FieldProblem("alt", "Alt text has at most 1000 characters."));
    if (f.caption().length() > MediaFields.MAX_CAPTION)
      problems.add(new FieldProblem("caption", "A caption has at most 2000 characters."));
    if (f.credit().length() > MediaFields.MAX_CREDIT)
      problems.add(new FieldProblem("credit", "A credit has at most 300 characters."));
    if (f.source().length() > MediaFields.MAX_SOURCE)
      problems.add(new FieldProblem("source", "A source has at most 300 characters."));
    if (!(f.focalX() >= 0 && f.focalX() <= 1 && f.focalY() >= 0 && f.focalY() <= 1)) {
      problems.add(new FieldProblem(
          "focus", "The focal point is two fractions from 0 to 1 (0.5, 0.5 is the middle)."));
    }
    if (!problems.isEmpty()) throw new Refusal.Invalid(problems);
  }

  /** The file's own name, without any folder and at most 300 characters. */
  static String cleanName(String fileName) {
    if (fileName == null) return "";
    var name = fileName.replace('\\', '/');
    name =
        name.substring(name.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
    return name.length() <= 300 ? name : name.substring(name.length() - 300);
  }
}
