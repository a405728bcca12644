package io.masthead.wire;

import io.masthead.article.ArticleDesk;
import io.masthead.article.ArticleInput;
import io.masthead.article.ArticleSourceRepository;
import io.masthead.article.Credit;
import io.masthead.article.WireSourceRef;
import io.masthead.audit.AuditLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Role;
import io.masthead.section.Section;
import io.masthead.section.SectionRepository;
import io.masthead.storage.Database;
import io.masthead.storage.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The one door for every write of the wire desk: sources (admins), incoming files (editors, the
 * Admin API, the pollers), cluster corrections and "Write story". A file is read whole before
 * anything is written; its items, their versions, the file as received and the grouping commit in
 * one transaction. A file that cannot be read is kept in the rejected list with the reason, and
 * the source goes on. Thread-safe: ingests on one node run one at a time (the grouping's window is
 * this node's memory, refreshed from the database before each file, so items another node stored
 * are seen).
 */
public final class WireDesk {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WireDesk.class);
  public static final int MAX_NAME = 100;
  /** A poll at least this often, at most this rarely. */
  public static final int MIN_EVERY = 1;

  public static final int MAX_EVERY = 86_400;

  /** A source as an admin fills it in; blank url and folder for a source that pushes. */
  public record SourceInput(
      String name,
      String format,
      String url,
      String folder,
      Integer everySeconds,
      boolean active) {}

  /** What happened to one item of a file. */
  public enum Outcome {
    NEW,
    /** A newer version: the item now reads as it says, and the older one is kept. */
    UPDATED,
    /** Already had: the same version again. */
    UNCHANGED,
    /** An older version than the one stored: ignored. */
    STALE
  }

  public record Received(long itemId, String guid, int version, Outcome outcome, Long clusterId) {}

  /** A file read: each item and what was done with it, and what the reader noticed. */
  public record Ingested(List<Received> items, List<String> notes, boolean sameFileAgain) {}

  /** A file that could not be read: kept in the rejected list (its id), nothing else written. */
  public static final class FileRejected extends Refusal {
    private final long rejectionId;

    FileRejected(String reason, long rejectionId) {
      super(reason);
      this.rejectionId = rejectionId;
    }

    public long rejectionId() {
      return rejectionId;
    }

    @Override
    public Kind kind() {
      return Kind.INVALID;
    }
  }

  /** How a story is written from items: the edition and section (null to let the rules choose). */
  public record Story(String edition, Long sectionId, boolean asReceived) {}

  private final Database database;
  private final AuditLog audit;
  private final ArticleDesk articles;
  private final Clock clock;
  private Grouping grouping = new Grouping();
  private Instant windowReadAt = Instant.EPOCH;
  private final Map<Long, Instant> seen = new HashMap<>();

  public WireDesk(Database database, AuditLog audit, ArticleDesk articles, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.articles = articles;
    this.clock = clock;
  }

  // ---- sources -------------------------------------------------------------------------------

  public long addSource(Actor actor, SourceInput input) {
    actor.require(Role.ADMIN);
    return database.inTransaction(h -> {
      var checked = check(h, input, null);
      long id = WireRepository.insertSource(
          h,
          checked.name,
          checked.format,
          checked.url,
          checked.folder,
          checked.every,
          clock.instant());
      audit.record(h, actor.staffId(), "wire.source-added", checked.name, checked.format.code());
      return id;
    });
  }

  public void updateSource(Actor actor, long id, SourceInput input) {
    actor.require(Role.ADMIN);
    database.useTransaction(h -> {
      WireRepository.source(h, id)
          .orElseThrow(() -> new Refusal.NotFound("No wire source " + id + "."));
      var checked = check(h, input, id);
      WireRepository.updateSource(
          h,
          id,
          checked.name,
          checked.format,
          checked.url,
          checked.folder,
          checked.every,
          input.active(),
          clock.instant());
      audit.record(
          h,
          actor.staffId(),
          "wire.source-changed",
          checked.name,
          input.active() ? "active" : "paused");
    });
  }

  private record CheckedSource(
      String name, WireFormat format, String url, String folder, int every) {}

  private static CheckedSource check(Handle h, SourceInput input, Long id) {
    var problems = new ArrayList<Refusal.FieldProblem>();
    var name = input.name() == null ? "" : input.name().strip();
    if (name.isEmpty())
      problems.add(
          new Refusal.FieldProblem("name", "Name the agency, as credits show it (e.g. AFP)."));
    else if (name.length() > MAX_NAME)
      problems.add(new Refusal.FieldProblem("name", "At most 100 characters."));
    else if (WireRepository.nameTaken(h, name, id))
      problems.add(new Refusal.FieldProblem("name", "Another source has this name."));
    var format = WireFormat.ofCode(input.format());
    if (format.isEmpty())
      problems.add(
          new Refusal.FieldProblem("format", "Choose the format: rss, atom, ninjs or newsml-g2."));
    var url = input.url() == null ? "" : input.url().strip();
    var folder = input.folder() == null ? "" : input.folder().strip();
    if (!url.isEmpty()) {
      try {
        var uri = new URI(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
            || uri.getHost() == null)
          problems.add(new Refusal.FieldProblem("url", "Give an http:// or https:// address."));
      } catch (java.net.URISyntaxException e) {
        problems.add(
            new Refusal.FieldProblem("url", "This is not an address: " + e.getReason() + "."));
      }
      if (url.length() > 2000)
        problems.add(new Refusal.FieldProblem("url", "At most 2000 characters."));
    }
    if (!folder.isEmpty()) {
      if (!url.isEmpty())
        problems.add(new Refusal.FieldProblem(
            "folder", "A source is polled from a URL or a folder, not both."));
      var path = WirePoller.folderPath(folder);
      if (path == null)
        problems.add(new Refusal.FieldProblem(
            "folder",
            "This server cannot name a folder so: a character in it is not allowed in a path,"
                + " or not in the character set of the server's locale."));
      else if (!path.isAbsolute())
        problems.add(new Refusal.FieldProblem(
            "folder", "Give the folder's full path, such as /srv/wire/afp."));
      if (folder.length() > 1000)
        problems.add(new Refusal.FieldProblem("folder", "At most 1000 characters."));
    }
    // A folder is only looked at, so every second; an agency's server is asked once a minute.
    int every = input.everySeconds() != null ? input.everySeconds() : url.isEmpty() ? 1 : 60;
    if (every < MIN_EVERY || every > MAX_EVERY)
      problems.add(new Refusal.FieldProblem(
          "every", "Poll every second to every 24 hours (86400 seconds)."));
    if (!problems.isEmpty()) throw new Refusal.Invalid(problems);
    return new CheckedSource(name, format.orElseThrow(), url, folder, every);
  }

  /** Saves the rules that map subjects to sections and tags. */
  public void saveRules(Actor actor, String text) {
    actor.require(Role.ADMIN);
    var value = text == null ? "" : text.strip();
    if (value.length() > SubjectRules.MAX_TEXT)
      throw Refusal.Invalid.of("rules", "At most " + SubjectRules.MAX_TEXT + " characters.");
    var problems = new ArrayList<String>();
    SubjectRules.parse(value, problems);
    if (!problems.isEmpty()) throw Refusal.Invalid.of("rules", String.join(" ", problems));
    database.useTransaction(h -> {
      Settings.put(h, SubjectRules.SETTING, value);
      audit.record(
          h,
          actor.staffId(),
          "wire.rules-saved",
          "subject rules",
          value.lines().count() + " lines");
    });
  }

  // ---- incoming files ------------------------------------------------------------------------

  /**
   * Reads one file the source delivered and stores its items. The same file twice (by content)
   * changes nothing; a newer version of an item updates it and keeps the older; a kill flags
   * every article written from the item.
   *
   * @throws FileRejected when the file cannot be read (it is then in the rejected list)
   */
  public Ingested ingest(Actor actor, long sourceId, String fileName, byte[] content) {
    var result =
        ingestAll(actor, sourceId, List.of(new Delivered(fileName, content))).getFirst();
    if (result.rejected() != null) throw result.rejected();
    return result.ingested();
  }

  /** A file as a source delivered it. */
  public record Delivered(String name, byte[] content) {
    public Delivered {
      name = name == null ? "" : name;
    }
  }

  /** What became of one delivered file: read ({@code ingested}) or {@code rejected}. */
  public record Result(String name, Ingested ingested, FileRejected rejected) {}

  /**
   * {@link #ingest} for several files of one source at once, as a drop folder holds them: one
   * transaction for the batch (a commit per file was most of the time), each file still all or
   * nothing. A file that cannot be read, or not stored, is rejected and kept in the list with the
   * reason; the others are read. The results in the files' order.
   */
  public List<Result> ingestAll(Actor actor, long sourceId, List<Delivered> files) {
    actor.require(Role.EDITOR);
    var source = database
        .read(h -> WireRepository.sourceForIngest(h, sourceId))
        .orElseThrow(() -> new Refusal.NotFound("No wire source " + sourceId + "."));
    var parsed = new ArrayList<WireParsers.Parsed>(files.size());
    var unreadable = new HashMap<Integer, String>();
    for (int i = 0; i < files.size(); i++) {
      try {
        parsed.add(WireParsers.parse(source.format(), files.get(i).content()));
      } catch (Unreadable e) {
        parsed.add(null);
        unreadable.put(i, e.getMessage());
      }
    }
    var results = new Result[files.size()];
    synchronized (this) {
      try {
        database.useTransaction(h -> {
          readWindow(h);
          for (int i = 0; i < files.size(); i++) {
            var file = files.get(i);
            if (parsed.get(i) == null) continue;
            h.savepoint("file");
            try {
              results[i] = new Result(
                  file.name(),
                  write(
                      h,
                      actor,
                      source,
                      file.name(),
                      file.content(),
                      sha256(file.content()),
                      parsed.get(i)),
                  null);
              h.releaseSavepoint("file");
            } catch (RuntimeException e) {
              // A file that breaks the store must not stop the source: it is set aside, told.
              h.rollbackToSavepoint("file");
              h.releaseSavepoint("file");
              log.warn("wire source {}: could not store {}", source.name(), file.name(), e);
              unreadable.put(
                  i,
                  "Masthead could not store it (" + e.getClass().getSimpleName()
                      + "); the log says more.");
            }
          }
        });
      } catch (RuntimeException e) {
        // The window may hold items that were rolled back: read it again next time.
        grouping = new Grouping();
        windowReadAt = Instant.EPOCH;
        seen.clear();
        throw e;
      }
    }
    if (!unreadable.isEmpty()) {
      database.useTransaction(h -> unreadable.forEach((i, reason) -> {
        var content = files.get(i).content();
        var excerpt = new String(content, 0, Math.min(content.length, 600), StandardCharsets.UTF_8);
        long id = WireRepository.insertRejected(
            h, sourceId, files.get(i).name(), reason, excerpt, clock.instant());
        results[i] = new Result(files.get(i).name(), null, new FileRejected(reason, id));
      }));
    }
    return List.of(results);
  }

  private Ingested write(
      Handle h,
      Actor actor,
      WireSource source,
      String fileName,
      byte[] content,
      String sha,
      WireParsers.Parsed parsed) {
    var now = clock.instant();
    var received = new ArrayList<Received>();
    if (WireRepository.delivered(h, source.id(), sha)) {
      for (var in : parsed.items())
        WireRepository.stored(h, source.id(), in.guid())
            .ifPresent(s -> received.add(
                new Received(s.id(), in.guid(), s.version(), Outcome.UNCHANGED, s.clusterId())));
      return new Ingested(received, parsed.notes(), true);
    }
    long delivery = WireRepository.insertDelivery(
        h,
        source.id(),
        fileName == null ? "" : fileName,
        sha,
        new String(content, StandardCharsets.UTF_8),
        now);
    for (var in : parsed.items()) {
      var stored = WireRepository.stored(h, source.id(), in.guid());
      var at = in.versionCreated() != null ? in.versionCreated() : now;
      if (stored.isEmpty()) {
        int version = in.version() == null ? 1 : in.version();
        var features = grouping.features(0, 0, in, at);
        long id = WireRepository.insertItem(
            h, source.id(), in, version, delivery, features.simhash(), now);
        WireRepository.insertVersion(h, id, in, version, delivery, now);
        features = withIds(features, id, 0);
        var match = grouping.best(features);
        long cluster = match != null
            ? match.clusterId()
            : WireRepository.insertCluster(h, in.language(), in.headline(), at);
        WireRepository.group(
            h,
            id,
            cluster,
            match == null ? null : match.itemId(),
            match == null ? null : match.score(),
            match == null ? "" : match.reason(),
            now);
        WireRepository.touchCluster(h, cluster, at);
        grouping.remember(withIds(features, id, cluster));
        seen.put(id, now);
        received.add(new Received(id, in.guid(), version, Outcome.NEW, cluster));
        continue;
      }
      var s = stored.get();
      boolean newer = in.version() != null
          ? in.version() > s.version()
          : !in.versionStamp().equals(s.versionStamp())
              && (in.versionCreated() == null
                  || s.versionCreated() == null
                  || !in.versionCreated().isBefore(s.versionCreated()));
      if (!newer) {
        boolean same = in.version() != null
            ? in.version() == s.version()
            : in.versionStamp().equals(s.versionStamp());
        received.add(new Received(
            s.id(),
            in.guid(),
            s.version(),
            same ? Outcome.UNCHANGED : Outcome.STALE,
            s.clusterId()));
        continue;
      }
      int version = in.version() != null ? in.version() : s.version() + 1;
      var features = grouping.features(s.id(), s.clusterId() == null ? 0 : s.clusterId(), in, at);
      WireRepository.updateItem(h, s.id(), in, version, delivery, features.simhash(), now);
      WireRepository.insertVersion(h, s.id(), in, version, delivery, now);
      if (s.clusterId() != null) {
        WireRepository.touchCluster(h, s.clusterId(), at);
        grouping.remember(features);
      }
      seen.put(s.id(), now);
      var flagged = ArticleSourceRepository.itemChanged(
          h, s.id(), in.embargo(), in.signal() == Signal.KILLED);
      if (in.signal() == Signal.KILLED && s.signal() != Signal.KILLED) {
        audit.record(
            h,
            actor.staffId(),
            "wire.killed",
            source.name() + " " + in.guid(),
            flagged.isEmpty() ? "no article was written from it" : "flags articles " + flagged);
      }
      received.add(new Received(s.id(), in.guid(), version, Outcome.UPDATED, s.clusterId()));
    }
    return new Ingested(received, parsed.notes(), false);
  }

  private static Grouping.Features withIds(Grouping.Features f, long itemId, long clusterId) {
    return new Grouping.Features(
        itemId, clusterId, f.language(), f.at(), f.terms(), f.names(), f.simhash(), f.headline());
  }

  /** Brings the window up to date with what was stored since it was last read, here or elsewhere. */
  private void readWindow(Handle h) {
    var now = clock.instant();
    grouping.expire(now);
    // A little overlap: a transaction of another node may commit a moment after its timestamp.
    var since = windowReadAt.minusSeconds(5);
    // Only the texts not seen at this time are read: most of what changed is this node's own.
    var unseen = WireRepository.changedSince(h, since, now.minus(Grouping.WINDOW)).stream()
        .filter(c -> seen.get(c.id()) == null || c.updatedAt().isAfter(seen.get(c.id())))
        .map(WireRepository.Changed::id)
        .toList();
    for (var t : WireRepository.texts(h, unseen)) {
      grouping.remember(grouping.features(
          t.id(),
          t.clusterId() == null ? 0 : t.clusterId(),
          t.language(),
          t.at(),
          t.headline(),
          t.lead(),
          t.bodyHtml(),
          t.place()));
      seen.put(t.id(), t.updatedAt());
    }
    seen.values().removeIf(at -> at.isBefore(now.minus(Grouping.WINDOW)));
    windowReadAt = now;
  }

  // ---- clusters ------------------------------------------------------------------------------

  /** Moves every item of cluster {@code from} into {@code into}. */
  public void merge(Actor actor, long into, long from) {
    actor.require(Role.EDITOR);
    if (into == from) throw Refusal.Invalid.of("cluster", "Choose another cluster to merge with.");
    database.useTransaction(h -> {
      for (var id : List.of(into, from))
        if (!WireRepository.clusterExists(h, id))
          throw new Refusal.NotFound("No story cluster " + id + ".");
      WireRepository.moveItems(h, from, into, clock.instant());
      audit.record(
          h, actor.staffId(), "wire.clusters-merged", "cluster " + into, "from cluster " + from);
    });
  }

  /** Takes an item out of its cluster into one of its own; the new cluster's id. */
  public long split(Actor actor, long itemId) {
    actor.require(Role.EDITOR);
    return database.inTransaction(h -> {
      var item = WireRepository.item(h, itemId)
          .orElseThrow(() -> new Refusal.NotFound("No wire item " + itemId + "."));
      var now = clock.instant();
      long cluster =
          WireRepository.insertCluster(h, item.language(), item.headline(), item.versionCreated());
      WireRepository.group(h, itemId, cluster, null, null, "split off by an editor", now);
      audit.record(
          h,
          actor.staffId(),
          "wire.item-split",
          "item " + itemId,
          "from cluster " + item.clusterId());
      return cluster;
    });
  }

  // ---- write story ---------------------------------------------------------------------------

  /**
   * A draft written from the items: the first item's headline and lead, each item's text quoted
   * for rewriting under its agency's name (or, {@code asReceived}, the first item's text as it
   * is, credited "Agencies" only), the section and tags the subject rules give, bylined "Staff,
   * Agencies"; it keeps the exact item versions. Refused for a withdrawn item. The draft's id.
   */
  public long writeStory(Actor actor, List<Long> itemIds, Story story) {
    actor.require(Role.CONTRIBUTOR);
    if (itemIds.isEmpty())
      throw Refusal.Invalid.of("items", "Choose at least one item to write from.");
    if (itemIds.size() > 20) throw Refusal.Invalid.of("items", "Write from at most 20 items.");
    var items = new ArrayList<WireItem>();
    for (var id : new LinkedHashSet<>(itemIds))
      items.add(database
          .read(h -> WireRepository.item(h, id))
          .orElseThrow(() -> new Refusal.NotFound("No wire item " + id + ".")));
    var rulesText = new Settings(database).find(SubjectRules.SETTING).orElse("");
    var tree = database.read(h -> SectionRepository.tree(h, story.edition()));
    for (var item : items)
      if (item.signal() == Signal.KILLED)
        throw new Refusal.NotAllowed(
            item.agency() + " has withdrawn \"" + item.headline() + "\": it cannot be used.");
    var first = items.getFirst();
    var subjects = items.stream().flatMap(i -> i.subjects().stream()).distinct().toList();
    var rules = SubjectRules.parse(rulesText, new ArrayList<>());
    var section = Optional.ofNullable(story.sectionId())
        .or(() -> rules.section(subjects).flatMap(tree::findBySlug).map(Section::id))
        .or(() -> subjects.stream()
            .flatMap(sub -> tree.all().stream()
                .filter(s -> s.name().equalsIgnoreCase(sub) || s.slug().equalsIgnoreCase(sub)))
            .map(Section::id)
            .findFirst())
        .or(() -> tree.topLevel().stream().findFirst().map(Section::id))
        .orElse(null);
    var tags = new ArrayList<>(rules.tags(subjects));
    subjects.stream()
        .filter(sub -> !rules.covers(sub)
            && tree.all().stream().noneMatch(s -> s.name().equalsIgnoreCase(sub)))
        .filter(sub -> sub.length() <= 100 && !sub.contains(":"))
        .limit(5)
        .forEach(tags::add);
    var body = story.asReceived() ? markdown(first.paragraphs()) : quoted(items);
    var input = new ArticleInput(
        story.edition(),
        section,
        null,
        first.headline(),
        first.lead().length() > ArticleDesk.MAX_STANDFIRST
            ? first.lead().substring(0, ArticleDesk.MAX_STANDFIRST)
            : first.lead(),
        "",
        tags.stream().distinct().limit(ArticleDesk.MAX_TAGS).toList(),
        body,
        List.of(),
        story.asReceived() ? List.of(Credit.AGENCIES) : List.of(Credit.STAFF, Credit.AGENCIES));
    var sources = items.stream()
        .map(i ->
            new WireSourceRef(i.id(), i.version(), i.agency(), i.headline(), i.embargo(), false))
        .toList();
    return articles.create(actor, input, sources);
  }

  /** Each item's text under its agency's name, quoted: the writer rewrites above it and deletes it. */
  private static String quoted(List<WireItem> items) {
    var out = new StringBuilder();
    for (var item : items) {
      out.append("> **")
          .append(escape(item.agency()))
          .append("**, version ")
          .append(item.version());
      if (!item.dateline().isEmpty()) out.append(", ").append(escape(item.dateline()));
      out.append(": ").append(escape(item.headline())).append("\n>\n");
      for (var p : item.paragraphs()) out.append("> ").append(escape(p)).append("\n>\n");
      out.setLength(out.length() - 2);
      out.append("\n");
    }
    return out.toString().strip();
  }

  private static String markdown(List<String> paragraphs) {
    return String.join("\n\n", paragraphs.stream().map(WireDesk::escape).toList());
  }

  /** Text made literal in Markdown; a line that would start a heading, list or quote stays a paragraph. */
  static String escape(String text) {
    var s = io.masthead.text.Markdown.literal(text);
    return s.matches("^\\s*([#>+=-]|\\d+[.)]).*") ? "\\" + s.stripLeading() : s;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
