package io.masthead.article;

import io.masthead.audit.AuditLog;
import io.masthead.section.SectionRepository;
import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes articles. Each operation is one transaction that also keeps the article's listings
 * and appends a change-log row naming every page it touched, so that caches follow exactly.
 * Thread-safe.
 */
public final class ArticleService {
  private final Database database;
  private final ChangeLog changeLog;
  private final BodyRenderer bodyRenderer;
  private final Clock clock;
  private final AuditLog audit;

  public ArticleService(Database database, ChangeLog changeLog, BodyRenderer bodyRenderer, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.bodyRenderer = bodyRenderer;
    this.clock = clock;
    this.audit = new AuditLog(database, clock);
  }

  /** A save that started from an older version than the one stored: nothing was written. */
  public static final class Conflict extends RuntimeException {
    private final Article current;

    public Conflict(Article current) {
      super("article " + current.id() + " is at version " + current.version(), null, false, false);
      this.current = current;
    }

    public Article current() {
      return current;
    }
  }

  /** The slug asked for is another article's address in this edition. */
  public static final class SlugTaken extends RuntimeException {
    public SlugTaken(String slug) {
      super("another article of this edition has the address " + slug, null, false, false);
    }
  }

  /**
   * The slug to store: the one asked for, which must be free, or one made from the headline,
   * with "-2", "-3"… added until it is free. A slug is taken by another article's current or
   * old address.
   */
  private static String slugFor(Handle h, ArticleDraft draft, Long articleId) {
    boolean asked = draft.slug() != null && !draft.slug().isBlank();
    var base = draft.slugOrFromHeadline().value();
    for (int n = 1; n < 1000; n++) {
      var candidate = n == 1 ? base : base.substring(0, Math.min(base.length(), Slug.MAX_LENGTH - 5)) + "-" + n;
      long taken = h.createQuery("""
              SELECT (SELECT COUNT(*) FROM article WHERE edition = :edition AND slug = :slug AND id <> :id)
                   + (SELECT COUNT(*) FROM article_alias WHERE edition = :edition AND slug = :slug AND article_id <> :id)""")
          .bind("edition", draft.edition()).bind("slug", candidate).bind("id", articleId == null ? -1L : articleId)
          .mapTo(Long.class).one();
      if (taken == 0) return candidate;
      if (asked) throw new SlugTaken(candidate);
    }
    throw new SlugTaken(base);
  }

  /** A workflow step the article's status does not allow ("publish" on a removed article...). */
  public static final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
      super(message, null, false, false);
    }
  }

  /** Creates a draft and returns its id. */
  public long createDraft(ArticleDraft draft) {
    return createDraft(draft, null);
  }

  /** Creates a draft written by {@code staffId} (null: the program), as revision 1. */
  public long createDraft(ArticleDraft draft, Long staffId) {
    long id = database.inTransaction(h -> {
      var body = bodyRenderer.render(draft.bodyMarkdown());
      var slug = slugFor(h, draft, null);
      long articleId = h.createUpdate("""
              INSERT INTO article (edition, section_id, series_id, slug, headline, standfirst, body_md, body_html,
                                   word_count, status, created_at, version)
              VALUES (:edition, :section, :series, :slug, :headline, :standfirst, :md, :html, :words, 'draft', :now, 1)""")
          .bind("edition", draft.edition())
          .bind("section", draft.sectionId())
          .bind("series", draft.seriesId())
          .bind("slug", slug)
          .bind("headline", draft.headline())
          .bind("standfirst", draft.standfirst())
          .bind("md", draft.bodyMarkdown())
          .bind("html", body.html())
          .bind("words", body.wordCount())
          .bind("now", clock.instant())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      h.createUpdate("UPDATE article SET created_by = :staff, modified_at = :now WHERE id = :id")
          .bindByType("staff", staffId, Long.class).bind("now", clock.instant()).bind("id", articleId).execute();
      writeBylineAndTags(h, articleId, draft);
      writeRevision(h, articleId, 1, draft, slug, staffId);
      audit.record(h, staffId, "article.created", "article " + articleId, draft.headline());
      return articleId;
    });
    return id;
  }

  /** Publishes now (or keeps the first publication time if it was published before). */
  public void publish(long id) {
    publish(id, null);
  }

  public void publish(long id, Long staffId) {
    commit(id, "article.published", staffId, h -> {
      // A scheduled article published early goes out now, not at its scheduled time.
      h.createUpdate("""
              UPDATE article SET published_at = CASE WHEN status = 'scheduled' OR published_at IS NULL THEN :now ELSE published_at END,
                     status = 'published', version = version + 1
               WHERE id = :id""")
          .bind("id", id).bind("now", clock.instant()).execute();
    });
  }

  /** Takes the article off the site: its address then answers 410 Gone. */
  public void unpublish(long id) {
    unpublish(id, null);
  }

  public void unpublish(long id, Long staffId) {
    if (!move(id, staffId, "article.unpublished", "", Set.of(ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED),
        "status = 'unpublished'", Map.of())) {
      refuse(id, "only a published or scheduled article can be unpublished");
    }
  }

  /** A draft goes to the editors for review. */
  public void submit(long id, Long staffId) {
    if (!move(id, staffId, "article.submitted", "", Set.of(ArticleStatus.DRAFT), "status = 'review'", Map.of())) {
      refuse(id, "only a draft can be submitted for review");
    }
  }

  /** Sends the article back to its writer as a draft. */
  public void returnToDraft(long id, Long staffId) {
    if (!move(id, staffId, "article.returned", "", Set.of(ArticleStatus.REVIEW, ArticleStatus.SCHEDULED),
        "status = 'draft', published_at = NULL", Map.of())) {
      refuse(id, "only an article in review or scheduled can go back to draft");
    }
  }

  /**
   * Schedules publication (an embargo): the article goes live at {@code at}, exactly once, by
   * {@link #publishDue} on whichever node gets there first.
   */
  public void schedule(long id, Instant at, Long staffId) {
    if (!at.isAfter(clock.instant())) throw new NotAllowed("a scheduled time must be in the future");
    var notPublished = java.util.EnumSet.complementOf(java.util.EnumSet.of(ArticleStatus.PUBLISHED));
    if (!move(id, staffId, "article.scheduled", "", notPublished, "status = 'scheduled', published_at = :at", Map.of("at", at))) {
      refuse(id, "a published article cannot be scheduled; unpublish it first");
    }
  }

  /**
   * Publishes every scheduled article whose time has come. Each one is flipped by a conditional
   * update in its own transaction, so with several nodes running this, each article is published
   * by exactly one of them. Returns the ids this call published.
   */
  public List<Long> publishDue() {
    var due = database.read(h -> h.createQuery(
            "SELECT id FROM article WHERE status = 'scheduled' AND published_at <= :now ORDER BY published_at")
        .bind("now", clock.instant()).mapTo(Long.class).list());
    var published = new java.util.ArrayList<Long>();
    for (var id : due) {
      // false: another node was first
      if (move(id, null, "article.published", "on schedule", Set.of(ArticleStatus.SCHEDULED), "status = 'published'", Map.of())) {
        published.add(id);
      }
    }
    return published;
  }

  /**
   * Moves the article to another status in one update that also checks the status it is in:
   * a check read before the write could be overtaken by another editor's (or node's) change
   * in between. Returns false, writing and logging nothing, when the article is not in
   * {@code from}.
   */
  private boolean move(long id, Long staffId, String kind, String detail, Set<ArticleStatus> from, String assignments,
      Map<String, Object> values) {
    return commitIf(id, kind, staffId, detail, h -> h.createUpdate(
            "UPDATE article SET " + assignments + ", version = version + 1 WHERE id = :id AND status IN (<from>)")
        .bind("id", id)
        .bindList("from", from.stream().map(ArticleStatus::code).toList())
        .bindMap(values)
        .execute() > 0);
  }

  /** Why a move changed nothing: there is no such article, or it is in the wrong status. */
  private void refuse(long id, String why) {
    statusOf(id); // throws when there is no such article
    throw new NotAllowed(why);
  }

  private ArticleStatus statusOf(long id) {
    return database.read(h -> h.createQuery("SELECT status FROM article WHERE id = :id").bind("id", id)
        .mapTo(String.class).findOne().map(ArticleStatus::ofCode)
        .orElseThrow(() -> new NoSuchElementException("no article " + id)));
  }

  /**
   * Replaces the article's content. A live article gets an "Updated" time, and its old slug
   * keeps answering with a 301 to the new address.
   */
  public void update(long id, ArticleDraft draft) {
    save(id, draft, -1, null);
  }

  /**
   * Saves new content over version {@code expectedVersion}; a newer stored version means
   * someone else saved in between, and nothing is written ({@link Conflict}). A negative
   * {@code expectedVersion} saves over whatever is there. Every save is a revision.
   */
  public void save(long id, ArticleDraft draft, int expectedVersion, Long staffId) {
    commit(id, "article.updated", staffId, h -> {
      var before = ArticleRepository.find(h, id).orElseThrow(() -> new NoSuchElementException("no article " + id));
      if (expectedVersion >= 0 && before.version() != expectedVersion) throw new Conflict(before);
      var slug = slugFor(h, draft, id);
      if (!slug.equals(before.slug())) {
        h.createUpdate("DELETE FROM article_alias WHERE edition = :edition AND slug = :slug")
            .bind("edition", before.edition()).bind("slug", slug).execute();
        h.createUpdate("INSERT INTO article_alias (edition, slug, article_id) VALUES (:edition, :slug, :id)")
            .bind("edition", before.edition()).bind("slug", before.slug()).bind("id", id).execute();
      }
      var body = bodyRenderer.render(draft.bodyMarkdown());
      h.createUpdate("""
              UPDATE article SET section_id = :section, series_id = :series, slug = :slug, headline = :headline,
                     standfirst = :standfirst, body_md = :md, body_html = :html, word_count = :words,
                     updated_at = CASE WHEN status = 'published' AND :changed THEN :now ELSE updated_at END,
                     version = version + 1
               WHERE id = :id""")
          .bind("id", id)
          // "Updated" tells readers the text changed: a save that changed no words does not set it.
          .bind("changed", !before.headline().equals(draft.headline()) || !before.standfirst().equals(draft.standfirst())
              || !before.bodyMarkdown().equals(draft.bodyMarkdown()))
          .bind("section", draft.sectionId())
          .bind("series", draft.seriesId())
          .bind("slug", slug)
          .bind("headline", draft.headline())
          .bind("standfirst", draft.standfirst())
          .bind("md", draft.bodyMarkdown())
          .bind("html", body.html())
          .bind("words", body.wordCount())
          .bind("now", clock.instant())
          .execute();
      h.createUpdate("DELETE FROM article_byline WHERE article_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM article_tag WHERE article_id = :id").bind("id", id).execute();
      writeBylineAndTags(h, id, draft);
      writeRevision(h, id, before.version() + 1, draft, slug, staffId);
    });
  }

  /** Puts an earlier revision's content back, as a new save over {@code expectedVersion}. */
  public void restore(long id, int revision, int expectedVersion, Long staffId) {
    var old = revision(id, revision).orElseThrow(() -> new NoSuchElementException("no revision " + revision + " of " + id));
    save(id, old.draft(), expectedVersion, staffId);
  }

  /** The saved revisions of an article, newest first. */
  public List<Revision> revisions(long id) {
    return database.read(h -> h.createQuery(REVISION_QUERY + " WHERE r.article_id = :id ORDER BY r.version DESC")
        .bind("id", id).map((rs, ctx) -> revision(rs)).list());
  }

  public java.util.Optional<Revision> revision(long id, int version) {
    return database.read(h -> h.createQuery(REVISION_QUERY + " WHERE r.article_id = :id AND r.version = :version")
        .bind("id", id).bind("version", version).map((rs, ctx) -> revision(rs)).findOne());
  }

  private static final String REVISION_QUERY = """
      SELECT r.*, a.edition, COALESCE(s.name, '') AS saved_by_name FROM article_revision r
        JOIN article a ON a.id = r.article_id LEFT JOIN staff s ON s.id = r.saved_by""";

  private static Revision revision(java.sql.ResultSet rs) throws java.sql.SQLException {
    long series = rs.getLong("series_id");
    Long seriesId = rs.wasNull() ? null : series;
    var draft = new ArticleDraft(rs.getString("edition"), rs.getLong("section_id"), seriesId, rs.getString("slug"),
        rs.getString("headline"), rs.getString("standfirst"), rs.getString("body_md"),
        Revision.parseByline(rs.getString("byline")), Revision.parseTags(rs.getString("tags")));
    return new Revision(rs.getLong("article_id"), rs.getInt("version"), io.masthead.storage.Dialect.instant(rs, "saved_at"),
        rs.getString("saved_by_name"), draft);
  }

  private void writeRevision(Handle h, long id, int version, ArticleDraft draft, String slug, Long staffId) {
    h.createUpdate("""
            INSERT INTO article_revision (article_id, version, saved_by, saved_at, section_id, series_id, slug, headline,
                                          standfirst, body_md, byline, tags)
            VALUES (:id, :version, :staff, :now, :section, :series, :slug, :headline, :standfirst, :md, :byline, :tags)""")
        .bind("id", id).bind("version", version).bindByType("staff", staffId, Long.class).bind("now", clock.instant())
        .bind("section", draft.sectionId()).bindByType("series", draft.seriesId(), Long.class)
        .bind("slug", slug).bind("headline", draft.headline())
        .bind("standfirst", draft.standfirst()).bind("md", draft.bodyMarkdown())
        .bind("byline", Revision.formatByline(draft.byline())).bind("tags", Revision.formatTags(draft.tagIds()))
        .execute();
  }

  /** Publishes a dated correction notice on the article. */
  public void correct(long id, String notice) {
    correct(id, notice, null);
  }

  public void correct(long id, String notice, Long staffId) {
    if (notice == null || notice.isBlank()) throw new IllegalArgumentException("a correction needs its text");
    commit(id, "article.corrected", staffId, h -> h.createUpdate(
            "INSERT INTO correction (article_id, published_at, body) VALUES (:id, :now, :body)")
        .bind("id", id).bind("now", clock.instant()).bind("body", notice.strip()).execute());
  }

  private interface Write {
    void apply(Handle h);
  }

  /** Applies a write, re-derives the listings, and logs every page that shows the article. */
  private void commit(long id, String kind, Long staffId, Write write) {
    commitIf(id, kind, staffId, "", h -> {
      write.apply(h);
      return true;
    });
  }

  private interface ConditionalWrite {
    /** Returns false when it changed nothing: then nothing is logged. */
    boolean apply(Handle h);
  }

  private boolean commitIf(long id, String kind, Long staffId, String detail, ConditionalWrite write) {
    boolean changed = database.inTransaction(h -> {
      Set<String> tags = new LinkedHashSet<>(currentListings(h, id));
      if (!write.apply(h)) return false;
      tags.addAll(refreshListings(h, id));
      tags.add(Article.cacheTag(id));
      h.createUpdate("UPDATE article SET modified_at = :now WHERE id = :id").bind("now", clock.instant()).bind("id", id).execute();
      ChangeLog.append(h, clock, kind, tags);
      audit.record(h, staffId, kind, "article " + id, detail);
      return true;
    });
    if (changed) changeLog.poke();
    return changed;
  }

  private static List<String> currentListings(Handle h, long id) {
    return h.createQuery("SELECT listing FROM listing WHERE article_id = :id").bind("id", id).mapTo(String.class).list();
  }

  /** Rewrites the listing rows of one article from its current state; returns its listing keys. */
  static Set<String> refreshListings(Handle h, long id) {
    h.createUpdate("DELETE FROM listing WHERE article_id = :id").bind("id", id).execute();
    var article = ArticleRepository.find(h, id).orElseThrow();
    var keys = listingKeys(h, article);
    if (article.isLive()) {
      var batch = h.prepareBatch("INSERT INTO listing (listing, published_at, article_id) VALUES (:listing, :at, :id)");
      for (var key : keys) batch.bind("listing", key).bind("at", article.publishedAt()).bind("id", id).add();
      batch.execute();
    }
    return keys;
  }

  /** Every listing the article belongs in when it is live. */
  public static Set<String> listingKeys(Handle h, Article article) {
    var tree = SectionRepository.tree(h, article.edition());
    return listingKeys(article.edition(), tree.pathTo(tree.get(article.section().id())).stream().map(s -> s.id()).toList(),
        article.series() == null ? null : article.series().id(), article.tags().stream().map(t -> t.id()).toList(),
        article.byline().stream().filter(b -> b.author() != null).map(b -> b.author().id()).toList());
  }

  /**
   * The one rule for where a live article is listed: its edition, its section and every section
   * above it, its series, its tags and its authors.
   */
  public static Set<String> listingKeys(String edition, java.util.Collection<Long> sectionPath, Long seriesId,
      java.util.Collection<Long> tagIds, java.util.Collection<Long> authorIds) {
    var keys = new LinkedHashSet<String>();
    keys.add("edition:" + edition);
    sectionPath.forEach(id -> keys.add(io.masthead.section.Section.listingKey(id)));
    if (seriesId != null) keys.add("series:" + seriesId);
    tagIds.forEach(id -> keys.add("tag:" + id));
    authorIds.forEach(id -> keys.add("author:" + id));
    return keys;
  }

  private static void writeBylineAndTags(Handle h, long articleId, ArticleDraft draft) {
    var byline = h.prepareBatch(
        "INSERT INTO article_byline (article_id, position, author_id, credit) VALUES (:id, :position, :author, :credit)");
    int position = 0;
    for (var entry : draft.byline()) {
      byline.bind("id", articleId).bind("position", position++)
          .bind("author", entry.authorId())
          .bind("credit", entry.credit() == null ? null : entry.credit().code())
          .add();
    }
    if (position > 0) byline.execute();
    var tags = h.prepareBatch("INSERT INTO article_tag (article_id, tag_id) VALUES (:id, :tag)");
    for (var tagId : new LinkedHashSet<>(draft.tagIds())) tags.bind("id", articleId).bind("tag", tagId).add();
    if (!draft.tagIds().isEmpty()) tags.execute();
  }

}
