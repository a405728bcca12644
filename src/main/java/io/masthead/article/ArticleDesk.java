package io.masthead.article;

import io.masthead.audit.AuditLog;
import io.masthead.author.AuthorRepository;
import io.masthead.change.Change.ArticleChanged;
import io.masthead.change.Change.ArticleEvent;
import io.masthead.change.Change.ArticlesImported;
import io.masthead.change.ChangeLog;
import io.masthead.command.Actor;
import io.masthead.command.Refusal;
import io.masthead.command.Refusal.FieldProblem;
import io.masthead.command.Role;
import io.masthead.edition.Editions;
import io.masthead.media.MediaRepository;
import io.masthead.origin.LegacyAddressRepository;
import io.masthead.origin.OriginRepository;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.Database;
import io.masthead.tag.TagRepository;
import io.masthead.text.Slug;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The one door for every write to an article: the newsroom's forms, the Admin API, the scheduler,
 * and later the wire desk and importers all call these commands, and nothing else writes
 * articles. Each command takes the {@link Actor}, checks what the actor may do
 * ({@link ArticlePermissions}), checks the input into field problems ({@link Refusal.Invalid}),
 * writes the article, its revision, its listings, the audit entry and one typed change, all in ONE
 * transaction: it all happens, or (on any refusal or failure) none of it. "Save and publish" is one
 * command, one version, one revision and one change. Thread-safe.
 */
public final class ArticleDesk {
  /**
   * How far ahead a publication can be scheduled: further is a typing mistake, not an embargo (and
   * a year past 9999 would not sort as a time on SQLite).
   */
  public static final Duration FURTHEST_SCHEDULE = Duration.ofDays(36_524);

  public static final int MAX_HEADLINE = 300;
  public static final int MAX_STANDFIRST = 1000;
  public static final int MAX_BODY = 200_000;
  public static final int MAX_TAGS = 20;

  private final Database database;
  private final ChangeLog changeLog;
  private final BodyRenderer bodies;
  private final Clock clock;
  private final AuditLog audit;

  public ArticleDesk(
      Database database, ChangeLog changeLog, BodyRenderer bodies, AuditLog audit, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.bodies = bodies;
    this.audit = audit;
    this.clock = clock;
  }

  /** A save that started from an older version than the one stored: nothing was written. */
  public static final class Conflict extends Refusal {
    private final Article current;

    public Conflict(Article current) {
      super("someone saved version " + current.version()
          + " first; read it, then send your change with that version");
      this.current = current;
    }

    public Article current() {
      return current;
    }

    @Override
    public Kind kind() {
      return Kind.CONFLICT;
    }
  }

  /** Creates a draft written by the actor, as version and revision 1; returns its id. */
  public long create(Actor actor, ArticleInput input) {
    return create(actor, input, List.of());
  }

  /**
   * Creates a draft written from agency items (the wire desk's "Write story"), keeping the exact
   * versions it came from: their embargo holds its publication back, and a later kill of one of
   * them flags it.
   */
  public long create(Actor actor, ArticleInput input, List<WireSourceRef> sources) {
    actor.require(Role.CONTRIBUTOR);
    return database.inTransaction(h -> {
      var checked = check(h, input, false, null);
      var draft = checked.draft();
      var slug = slugFor(h, draft, null);
      var now = clock.instant();
      long id = ArticleRepository.insert(h, draft, slug, checked.body(), actor.staffId(), now);
      MediaRepository.setArticleMedia(h, id, checked.pictures());
      RevisionRepository.insert(h, id, 1, draft, slug, actor.staffId(), now);
      ArticleSourceRepository.insert(h, id, sources);
      audit.record(
          h,
          actor.staffId(),
          ArticleEvent.CREATED.kind(),
          "article " + id,
          sources.isEmpty()
              ? draft.headline()
              : draft.headline() + " (from wire items "
                  + sources.stream().map(s -> s.itemId() + " v" + s.version()).toList() + ")");
      changeLog.append(h, new ArticleChanged(id, ArticleEvent.CREATED, Set.of()));
      return id;
    });
  }

  /**
   * Saves new content over version {@code expectedVersion} and then takes {@code action} (SAVE
   * for none), as one step: one new version, one revision, one change. A newer stored version
   * means someone else saved in between, and nothing is written ({@link Conflict}). A negative
   * {@code expectedVersion} saves over whatever is there (the program's own edits).
   *
   * @param scheduleAt the publication time, for SCHEDULE only
   */
  public void save(
      Actor actor,
      long id,
      ArticleInput input,
      int expectedVersion,
      ArticleAction action,
      Instant scheduleAt) {
    database.useTransaction(h -> {
      var before = find(h, id);
      allow(h, actor, before, ArticleAction.SAVE, action);
      if (!before.edition().equals(input.edition()))
        throw Refusal.Invalid.of("edition", "An article stays in its edition.");
      if (expectedVersion >= 0 && before.version() != expectedVersion) throw new Conflict(before);
      var checked = check(h, input, action == ArticleAction.SCHEDULE, scheduleAt);
      var draft = checked.draft();
      var listings = new LinkedHashSet<>(ListingRepository.current(h, id));
      var slug = slugFor(h, draft, id);
      if (!slug.equals(before.slug()))
        ArticleRepository.keepOldSlug(h, before.edition(), id, before.slug(), slug);
      boolean textChanged = !before.headline().equals(draft.headline())
          || !before.standfirst().equals(draft.standfirst())
          || !before.bodyMarkdown().equals(draft.bodyMarkdown());
      var now = clock.instant();
      if (!ArticleRepository.updateContent(
          h, id, before.version(), draft, slug, checked.body(), textChanged, now)) {
        throw new Conflict(find(h, id));
      }
      RevisionRepository.insert(h, id, before.version() + 1, draft, slug, actor.staffId(), now);
      MediaRepository.setArticleMedia(h, id, checked.pictures());
      // A live article's edit is news to the world outside (webhooks); a draft's is not.
      var event = before.status() == ArticleStatus.PUBLISHED
          ? ArticleEvent.UPDATED
          : ArticleEvent.DRAFT_UPDATED;
      if (action != ArticleAction.SAVE) {
        event = transition(h, id, action, scheduleAt, false);
        audit.record(h, actor.staffId(), ArticleEvent.UPDATED.kind(), "article " + id, "");
      }
      finish(h, actor, id, event, listings, "");
    });
  }

  /** Submits a draft for review. */
  public void submit(Actor actor, long id) {
    step(actor, id, ArticleAction.SUBMIT, null);
  }

  /** Publishes now (a scheduled article goes out now, not at its time; a republished one keeps its first time). */
  public void publish(Actor actor, long id) {
    step(actor, id, ArticleAction.PUBLISH, null);
  }

  /**
   * Schedules publication (an embargo): the article goes live at {@code at}, exactly once, by
   * {@link #publishDue} on whichever node gets there first.
   */
  public void schedule(Actor actor, long id, Instant at) {
    step(actor, id, ArticleAction.SCHEDULE, at);
  }

  /** Sends the article back to its writer as a draft. */
  public void returnToDraft(Actor actor, long id) {
    step(actor, id, ArticleAction.RETURN, null);
  }

  /** Takes the article off the site: its address then answers 410 Gone. */
  public void unpublish(Actor actor, long id) {
    step(actor, id, ArticleAction.UNPUBLISH, null);
  }

  /** Publishes a dated correction notice on the article. */
  public void correct(Actor actor, long id, String notice) {
    actor.require(Role.EDITOR);
    if (notice == null || notice.isBlank())
      throw Refusal.Invalid.of("notice", "A correction needs its text.");
    if (notice.length() > 2000)
      throw Refusal.Invalid.of("notice", "A correction has at most 2000 characters.");
    database.useTransaction(h -> {
      find(h, id);
      var listings = new LinkedHashSet<>(ListingRepository.current(h, id));
      ArticleRepository.insertCorrection(h, id, notice.strip(), clock.instant());
      finish(h, actor, id, ArticleEvent.CORRECTED, listings, notice.strip());
    });
  }

  /** Puts an earlier revision's content back, as a new save over {@code expectedVersion}. */
  public void restore(Actor actor, long id, int revision, int expectedVersion) {
    var old = database
        .read(h -> RevisionRepository.find(h, id, revision))
        .orElseThrow(() -> new Refusal.NotFound("no revision " + revision + " of article " + id));
    var draft = old.draft();
    var tagNames = database.read(h -> TagRepository.names(h, draft.tagIds()));
    var input = new ArticleInput(
        draft.edition(),
        draft.sectionId(),
        draft.seriesId(),
        draft.headline(),
        draft.standfirst(),
        draft.slug(),
        tagNames,
        draft.bodyMarkdown(),
        draft.byline().stream()
            .filter(b -> b.authorId() != null)
            .map(b -> b.authorId())
            .toList(),
        draft.byline().stream()
            .filter(b -> b.credit() != null)
            .map(b -> b.credit())
            .toList(),
        draft.leadMediaId());
    save(actor, id, input, expectedVersion, ArticleAction.SAVE, null);
  }

  /** What {@link #importArticles} did with one article. */
  public enum ImportOutcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    /** Nothing was written for it: see the refusal. */
    REFUSED
  }

  /**
   * An imported article written, and what writing it did; for REFUSED, the reason (and no id).
   */
  public record Imported(long id, ImportOutcome outcome, Refusal refusal) {
    Imported(long id, ImportOutcome outcome) {
      this(id, outcome, null);
    }
  }

  /**
   * Writes articles brought from another system, each keyed by its {@link ImportedArticle#origin}:
   * the first time as a new article (revision 1), later as a new revision when anything about it
   * changed, and not at all when nothing did. Its status and times are the source's (a post
   * published in 2019 stays published then); its old addresses answer 301 to it. The checks are
   * the newsroom's (fields, structure, alt text on pictures), except that a scheduled time may have
   * passed: the scheduler then publishes it at once.
   *
   * <p>One transaction for the batch (one commit per post was most of an import's time on SQLite);
   * each article is still all or nothing: one the checks refuse is rolled back to its savepoint and
   * answered REFUSED, and the others are written. An article, its revision, its origin and its old
   * addresses commit together, so an import killed midway and run again finds each article it
   * wrote and writes the rest: no duplicate, nothing missing.
   */
  public List<Imported> importArticles(Actor actor, List<ImportedArticle> batch) {
    actor.require(Role.EDITOR);
    // Bodies are rendered on every core before the write lock is taken, not one by one under it.
    var rendered = batch.parallelStream()
        .map(a -> a.input().body().length() > MAX_BODY
            ? null
            : bodies.render(a.input().body()))
        .toList();
    return database.inTransaction(h -> {
      var results = new ArrayList<Imported>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        h.savepoint("imported");
        try {
          results.add(importOne(h, actor, batch.get(i), rendered.get(i)));
          h.releaseSavepoint("imported");
        } catch (Refusal refusal) {
          h.rollbackToSavepoint("imported");
          h.releaseSavepoint("imported");
          results.add(new Imported(-1, ImportOutcome.REFUSED, refusal));
        }
      }
      return results;
    });
  }

  private Imported importOne(
      Handle h, Actor actor, ImportedArticle imported, BodyRenderer.RenderedBody rendered) {
    var origin = imported.origin();
    var known = OriginRepository.find(h, origin);
    if (known.isPresent() && known.get().fingerprint().equals(origin.fingerprint()))
      return new Imported(known.get().targetId(), ImportOutcome.UNCHANGED);
    var checked = check(h, imported.input(), false, null, rendered);
    var draft = checked.draft();
    var now = clock.instant();
    long id;
    Set<String> listings;
    ArticleEvent event;
    if (known.isEmpty()) {
      var slug = importedSlug(h, draft, null);
      id = ArticleRepository.insert(h, draft, slug, checked.body(), actor.staffId(), now);
      RevisionRepository.insert(h, id, 1, draft, slug, actor.staffId(), now);
      listings = Set.of();
      event = imported.status() == ArticleStatus.PUBLISHED
          ? ArticleEvent.PUBLISHED
          : ArticleEvent.CREATED;
    } else {
      id = known.get().targetId();
      var before = find(h, id);
      if (!before.edition().equals(draft.edition()))
        throw Refusal.Invalid.of("edition", "An article stays in its edition.");
      listings = new LinkedHashSet<>(ListingRepository.current(h, id));
      var slug = importedSlug(h, draft, id);
      if (!slug.equals(before.slug()))
        ArticleRepository.keepOldSlug(h, before.edition(), id, before.slug(), slug);
      if (!ArticleRepository.updateContent(
          h, id, before.version(), draft, slug, checked.body(), false, now)) {
        throw new Conflict(find(h, id));
      }
      RevisionRepository.insert(h, id, before.version() + 1, draft, slug, actor.staffId(), now);
      if (imported.status() != ArticleStatus.PUBLISHED) event = ArticleEvent.DRAFT_UPDATED;
      else if (before.status() == ArticleStatus.PUBLISHED) event = ArticleEvent.UPDATED;
      else event = ArticleEvent.PUBLISHED;
    }
    ArticleRepository.setImported(
        h,
        id,
        imported.status(),
        imported.createdAt() == null ? now : imported.createdAt(),
        imported.status() == ArticleStatus.PUBLISHED || imported.status() == ArticleStatus.SCHEDULED
            ? imported.publishedAt()
            : null,
        imported.status() == ArticleStatus.PUBLISHED ? imported.updatedAt() : null);
    MediaRepository.setArticleMedia(h, id, checked.pictures());
    OriginRepository.record(h, origin, id, now);
    LegacyAddressRepository.pointAtArticle(h, imported.oldAddresses(), id);
    finish(h, actor, id, event, listings, "imported from " + origin.source());
    return new Imported(id, known.isEmpty() ? ImportOutcome.CREATED : ImportOutcome.UPDATED);
  }

  /**
   * Publishes every scheduled article whose time has come. Each one is flipped by a conditional
   * update in its own transaction, so with several nodes running this, each article is published
   * by exactly one of them. Returns the ids this call published.
   */
  public List<Long> publishDue() {
    var due = database.read(h -> ArticleRepository.due(h, clock.instant()));
    var published = new ArrayList<Long>();
    for (var id : due) {
      boolean mine = database.inTransaction(h -> {
        // An agency moved its embargo past the scheduled time: it waits for the embargo.
        if (ArticleSourceRepository.embargo(h, id, clock.instant()).isPresent()) return false;
        var listings = new LinkedHashSet<>(ListingRepository.current(h, id));
        if (!ArticleRepository.move(
            h, id, EnumSet.of(ArticleStatus.SCHEDULED), "status = 'published'", Map.of(), true)) {
          return false; // another node was first
        }
        finish(h, Actor.PROGRAM, id, ArticleEvent.PUBLISHED, listings, "on schedule");
        return true;
      });
      if (mine) published.add(id);
    }
    return published;
  }

  /**
   * Writes a batch of archived articles in one transaction, with the ids they bring, and appends
   * one change for the batch. The bulk path of the demo generator and of archive imports: the
   * articles are the program's own, already checked and rendered, so only the program may use it.
   */
  public void importArchive(Actor actor, List<ArchivedArticle> batch) {
    if (!actor.isProgram())
      throw new Refusal.Forbidden("only Masthead itself writes archives in bulk");
    if (batch.isEmpty()) return;
    database.useTransaction(h -> {
      ArticleRepository.insertArchive(h, batch);
      ArticleRepository.followIds(h, database.dialect());
      var editions = batch.stream().map(a -> a.draft().edition()).distinct().toList();
      audit.record(
          h,
          actor.staffId(),
          "articles.imported",
          batch.size() + " articles",
          String.join(",", editions));
      var ids = batch.stream().mapToLong(ArchivedArticle::id).summaryStatistics();
      changeLog.append(h, new ArticlesImported(editions, Set.of(), ids.getMin(), ids.getMax()));
    });
  }

  /** The id the next archived article takes. */
  public long nextArchiveId() {
    return database.read(ArticleRepository::nextId);
  }

  /** What this actor may do to this article now (the editor's buttons). */
  public List<ArticleAction> actions(Actor actor, long id) {
    return database.read(h ->
        ArticlePermissions.actions(actor, find(h, id).status(), ArticleRepository.writerOf(h, id)));
  }

  // ---- the parts every command shares --------------------------------------------------------

  private void step(Actor actor, long id, ArticleAction action, Instant at) {
    database.useTransaction(h -> {
      var before = find(h, id);
      allow(h, actor, before, action);
      if (action == ArticleAction.SCHEDULE) checkScheduleTime(at);
      var listings = new LinkedHashSet<>(ListingRepository.current(h, id));
      var event = transition(h, id, action, at, true);
      finish(h, actor, id, event, listings, "");
    });
  }

  /** Moves the article's status; refuses with the reason when its status does not allow the step. */
  private ArticleEvent transition(
      Handle h, long id, ArticleAction action, Instant at, boolean nextVersion) {
    var now = clock.instant();
    if (action == ArticleAction.PUBLISH || action == ArticleAction.SCHEDULE) {
      var embargo = ArticleSourceRepository.embargo(h, id, now);
      if (embargo.isPresent() && (action == ArticleAction.PUBLISH || at.isBefore(embargo.get()))) {
        throw new Refusal.NotAllowed("an agency item this article was written from is under embargo"
            + " until " + embargo.get() + " (UTC): schedule it for then or later");
      }
    }
    boolean moved = switch (action) {
      case SAVE -> true;
      case SUBMIT ->
        ArticleRepository.move(
            h, id, EnumSet.of(ArticleStatus.DRAFT), "status = 'review'", Map.of(), nextVersion);
      // A scheduled article published early goes out now, not at its scheduled time.
      case PUBLISH ->
        ArticleRepository.move(
            h,
            id,
            EnumSet.complementOf(EnumSet.of(ArticleStatus.PUBLISHED)),
            """
          published_at = CASE WHEN status = 'scheduled' OR published_at IS NULL THEN :now ELSE published_at END,
          status = 'published'""",
            Map.of("now", now),
            nextVersion);
      case SCHEDULE ->
        ArticleRepository.move(
            h,
            id,
            EnumSet.complementOf(EnumSet.of(ArticleStatus.PUBLISHED)),
            "status = 'scheduled', published_at = :at",
            Map.of("at", at),
            nextVersion);
      case RETURN ->
        ArticleRepository.move(
            h,
            id,
            EnumSet.of(ArticleStatus.REVIEW, ArticleStatus.SCHEDULED),
            "status = 'draft', published_at = NULL",
            Map.of(),
            nextVersion);
      case UNPUBLISH ->
        ArticleRepository.move(
            h,
            id,
            EnumSet.of(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED),
            "status = 'unpublished'",
            Map.of(),
            nextVersion);
    };
    if (!moved) {
      throw new Refusal.NotAllowed(
          switch (action) {
            case SUBMIT -> "only a draft can be submitted for review";
            case PUBLISH -> "the article is published already";
            case SCHEDULE -> "a published article cannot be scheduled; unpublish it first";
            case RETURN -> "only an article in review or scheduled can go back to draft";
            case UNPUBLISH -> "only a published or scheduled article can be unpublished";
            case SAVE -> "cannot save";
          });
    }
    return switch (action) {
      case SAVE -> ArticleEvent.DRAFT_UPDATED;
      case SUBMIT -> ArticleEvent.SUBMITTED;
      case PUBLISH -> ArticleEvent.PUBLISHED;
      case SCHEDULE -> ArticleEvent.SCHEDULED;
      case RETURN -> ArticleEvent.RETURNED;
      case UNPUBLISH -> ArticleEvent.UNPUBLISHED;
    };
  }

  /** Re-derives the listings, stamps the change time, records the audit entry and appends the change. */
  private void finish(
      Handle h,
      Actor actor,
      long id,
      ArticleEvent event,
      Set<String> listingsBefore,
      String detail) {
    var listings = new LinkedHashSet<>(listingsBefore);
    var article = find(h, id); // once, for the listings and the alt text check
    listings.addAll(ListingRepository.refresh(h, article));
    requireAltText(h, article);
    ArticleRepository.touch(h, id, clock.instant());
    audit.record(h, actor.staffId(), event.kind(), "article " + id, detail);
    changeLog.append(h, new ArticleChanged(id, event, listings));
  }

  /**
   * Refuses to leave a live or scheduled article showing a picture without alt text: readers who
   * cannot see it would be told nothing.
   */
  private static void requireAltText(Handle h, Article article) {
    long id = article.id();
    if (article.status() != ArticleStatus.PUBLISHED && article.status() != ArticleStatus.SCHEDULED)
      return;
    var shown = MediaRepository.shownBy(h, id);
    var withoutAlt = MediaRepository.withoutAlt(h, shown);
    if (withoutAlt.isEmpty()) return;
    var field = article.leadMediaId() != null && withoutAlt.contains(article.leadMediaId())
        ? "leadImage"
        : "body";
    throw Refusal.Invalid.of(
        field,
        "Pictures need alt text (what they show, for readers who cannot see them) before they can"
            + " be published: add it to picture "
            + withoutAlt.stream()
                .map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "))
            + " in the media library.");
  }

  private static Article find(Handle h, long id) {
    return ArticleRepository.find(h, id)
        .orElseThrow(() -> new Refusal.NotFound("no article " + id));
  }

  /** Refuses unless the actor may take every one of {@code actions} on the article as it is. */
  private static void allow(Handle h, Actor actor, Article article, ArticleAction... actions) {
    var permitted = ArticlePermissions.actions(
        actor, article.status(), ArticleRepository.writerOf(h, article.id()));
    for (var action : actions) {
      if (!permitted.contains(action)) {
        throw new Refusal.Forbidden(actor.describe() + " (" + actor.role().code() + ") may not "
            + action.code() + " article " + article.id() + " while it is "
            + article.status().code());
      }
    }
  }

  /** A time in the past is a step the clock no longer allows (409); one past the range is a mistake (422). */
  private void checkScheduleTime(Instant at) {
    if (at != null && !at.isAfter(clock.instant()))
      throw new Refusal.NotAllowed("a scheduled time must be in the future");
    scheduleProblem(at).ifPresent(p -> {
      throw new Refusal.Invalid(List.of(p));
    });
  }

  private java.util.Optional<FieldProblem> scheduleProblem(Instant at) {
    var now = clock.instant();
    if (at == null)
      return java.util.Optional.of(new FieldProblem("publishAt", "Give the publication time."));
    if (!at.isAfter(now))
      return java.util.Optional.of(new FieldProblem("publishAt", "Choose a time in the future."));
    if (at.isAfter(now.plus(FURTHEST_SCHEDULE))) {
      return java.util.Optional.of(
          new FieldProblem("publishAt", "Choose a time within the next hundred years."));
    }
    return java.util.Optional.empty();
  }

  /** A checked input: the draft to store, and its body rendered (once, for the check and the write). */
  private record Checked(ArticleDraft draft, BodyRenderer.RenderedBody body) {
    /** The pictures the article shows: its lead image and those in its body. */
    Set<Long> pictures() {
      var ids = new LinkedHashSet<Long>();
      if (draft.leadMediaId() != null) ids.add(draft.leadMediaId());
      ids.addAll(body.mediaIds());
      return ids;
    }
  }

  /**
   * Checks the input field by field against the edition's structure, then makes the tags it
   * names that do not exist yet (inside the transaction: a refusal later leaves none behind).
   */
  private Checked check(Handle h, ArticleInput input, boolean scheduling, Instant scheduleAt) {
    return check(h, input, scheduling, scheduleAt, null);
  }

  /** {@link #check}, with the body rendered already ({@code rendered}) or, when null, here. */
  private Checked check(
      Handle h,
      ArticleInput input,
      boolean scheduling,
      Instant scheduleAt,
      BodyRenderer.RenderedBody rendered) {
    var problems = new ArrayList<FieldProblem>();
    if (!Editions.exists(h, input.edition()))
      throw Refusal.Invalid.of("edition", "Choose an edition.");
    var edition = input.edition();
    var headline = input.headline().strip();
    if (headline.isEmpty()) problems.add(new FieldProblem("headline", "A headline is needed."));
    if (headline.length() > MAX_HEADLINE)
      problems.add(new FieldProblem("headline", "A headline has at most 300 characters."));
    if (input.standfirst().length() > MAX_STANDFIRST)
      problems.add(new FieldProblem("standfirst", "A standfirst has at most 1000 characters."));
    BodyRenderer.RenderedBody body = null;
    if (input.body().length() > MAX_BODY) {
      problems.add(new FieldProblem("body", "The body is too long (200,000 characters at most)."));
    } else {
      body = rendered != null ? rendered : bodies.render(input.body());
    }
    if (body != null && body.foreignImages() > 0) {
      problems.add(new FieldProblem(
          "body",
          "Pictures come from the media library: upload them there and write"
              + " ![what it shows](media:NUMBER \"Caption\"). Pictures from other sites or"
              + " other addresses cannot be shown."));
    }
    var tree = SectionRepository.tree(h, edition);
    if (input.sectionId() == null
        || tree.all().stream().noneMatch(s -> s.id() == input.sectionId())) {
      problems.add(new FieldProblem("section", "Choose a section of this edition."));
    }
    if (input.seriesId() != null && !SeriesRepository.ids(h, edition).contains(input.seriesId())) {
      problems.add(new FieldProblem("series", "Choose a series of this edition, or none."));
    }
    if (!AuthorRepository.ids(h, edition).containsAll(input.authorIds()))
      problems.add(new FieldProblem("byline", "Choose authors of this edition."));
    if (input.authorIds().isEmpty() && input.credits().isEmpty()) {
      problems.add(new FieldProblem("byline", "Credit at least one author, or Staff or Agencies."));
    }
    var slug = input.slug().strip();
    if (!slug.isEmpty() && !Slug.isValid(slug)) {
      problems.add(
          new FieldProblem(
              "slug",
              "A slug is lower-case letters and digits joined by single hyphens, such as storm-hits-coast."));
    }
    var tagNames = input.tagNames().stream()
        .map(String::strip)
        .filter(t -> !t.isEmpty())
        .distinct()
        .toList();
    if (tagNames.size() > MAX_TAGS) problems.add(new FieldProblem("tags", "At most 20 tags."));
    if (input.leadMediaId() != null
        && MediaRepository.existing(h, Set.of(input.leadMediaId())).isEmpty()) {
      problems.add(new FieldProblem(
          "leadImage",
          input.leadMediaId() < 1
              ? "Give a picture's number in the library, such as 42."
              : "There is no picture " + input.leadMediaId() + " in the library."));
    }
    if (body != null) {
      var missing = new LinkedHashSet<>(body.mediaIds());
      missing.removeAll(MediaRepository.existing(h, body.mediaIds()));
      if (!missing.isEmpty()) {
        problems.add(new FieldProblem(
            "body",
            "The body shows pictures the library does not have: "
                + missing.stream().map(m -> "media:" + m).toList()
                + ". Upload them first, or correct the numbers."));
      }
    }
    if (tagNames.stream().anyMatch(t -> t.length() > 100))
      problems.add(new FieldProblem("tags", "A tag has at most 100 characters."));
    if (scheduling) scheduleProblem(scheduleAt).ifPresent(problems::add);
    if (!problems.isEmpty()) throw new Refusal.Invalid(problems);
    var byline = new ArrayList<ArticleDraft.BylineRef>();
    input.authorIds().stream()
        .distinct()
        .forEach(id -> byline.add(ArticleDraft.BylineRef.author(id)));
    input.credits().stream().distinct().forEach(c -> byline.add(ArticleDraft.BylineRef.credit(c)));
    var tagIds = tagNames.stream()
        .map(name -> TagRepository.findOrCreate(h, edition, name))
        .distinct()
        .toList();
    var draft = new ArticleDraft(
        edition,
        input.sectionId(),
        input.seriesId(),
        slug.isEmpty() ? null : slug,
        headline,
        input.standfirst().strip(),
        input.body(),
        byline,
        tagIds,
        input.leadMediaId());
    return new Checked(draft, body);
  }

  /**
   * An imported article's slug: the one it had, or when another article has it already (two
   * posts of the same name in different sections of the old site), the same with "-2", "-3"…
   */
  private static String importedSlug(Handle h, ArticleDraft draft, Long articleId) {
    var base = draft.slugOrFromHeadline();
    for (int n = 1; n < 1000; n++) {
      var candidate = n == 1 ? base.value() : base.numbered(n).value();
      if (!ArticleRepository.slugTaken(h, draft.edition(), candidate, articleId)) return candidate;
    }
    throw Refusal.Invalid.of("slug", "Too many articles of this edition have this address.");
  }

  /**
   * The slug to store: the one asked for, which must be free, or one made from the headline,
   * with "-2", "-3"… added until it is free. A slug is taken by another article's current or
   * old address.
   */
  private static String slugFor(Handle h, ArticleDraft draft, Long articleId) {
    boolean asked = draft.slug() != null && !draft.slug().isBlank();
    var base = draft.slugOrFromHeadline();
    for (int n = 1; n < 1000; n++) {
      var candidate = n == 1 ? base.value() : base.numbered(n).value();
      if (!ArticleRepository.slugTaken(h, draft.edition(), candidate, articleId)) return candidate;
      if (asked) break;
    }
    throw Refusal.Invalid.of(
        "slug", "Another article of this edition has this address already; choose another slug.");
  }
}
