package io.masthead.article;

import io.masthead.author.AuthorRepository;
import io.masthead.change.Tags;
import io.masthead.section.SectionRepository;
import io.masthead.series.Series;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import io.masthead.tag.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads articles and listings. Every listing is one indexed range scan. Thread-safe. */
public final class ArticleRepository {
  private static final String SUMMARY_COLUMNS = """
      a.id, a.edition, a.slug, a.headline, a.standfirst, a.published_at, a.updated_at, a.lead_media_id,
      s.id AS s_id, s.edition AS s_edition, s.slug AS s_slug, s.name AS s_name,
      s.description AS s_description, s.parent_id AS s_parent_id, s.position AS s_position""";

  private final Database database;

  public ArticleRepository(Database database) {
    this.database = database;
  }

  /** An article of the edition by its slug, whatever its status. */
  public Optional<Article> findBySlug(String edition, String slug) {
    return database.read(h -> findWhere(
        h, "a.edition = :edition AND a.slug = :slug", Map.of("edition", edition, "slug", slug)));
  }

  public Optional<Article> find(long id) {
    return database.read(h -> find(h, id));
  }

  /**
   * The ids of the published articles from {@code first} to {@code last}, in order: one scan of
   * the primary key, the status checked here (see {@link #list} for why not in the WHERE clause).
   */
  public List<Long> publishedIdsBetween(long first, long last) {
    return database.read(h -> {
      try (var rows = h
          .createQuery(
              "SELECT id, status FROM article WHERE id >= :first AND id <= :last ORDER BY id")
          .bind("first", first)
          .bind("last", last)
          .map((rs, ctx) -> "published".equals(rs.getString(2)) ? rs.getLong(1) : -1L)
          .stream()) {
        return rows.filter(id -> id >= 0).toList();
      }
    });
  }

  /** The article that once had this slug, for a 301 to where it is now. */
  public Optional<Article> findByOldSlug(String edition, String slug) {
    return database.read(h -> h.createQuery(
            "SELECT article_id FROM article_alias WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", slug)
        .mapTo(Long.class)
        .findOne()
        .flatMap(id -> find(h, id)));
  }

  /** One page of a listing, newest first. */
  public List<ArticleSummary> list(String listingKey, int offset, int limit) {
    return database.read(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + """
             FROM listing l
             JOIN article a ON a.id = l.article_id
             JOIN section s ON s.id = a.section_id
            WHERE l.listing = :listing
            ORDER BY l.published_at DESC, l.article_id DESC
            LIMIT :limit OFFSET :offset""")
        .bind("listing", listingKey)
        .bind("limit", limit)
        .bind("offset", offset)
        .map((rs, ctx) -> summary(rs))
        .list());
  }

  /** A random sample of published articles, for benchmarks and checks. Scans the table: not for pages. */
  public List<ArticleSummary> sample(int count) {
    return database.read(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + """
             FROM article a JOIN section s ON s.id = a.section_id
            WHERE a.status = 'published'
            ORDER BY RANDOM() LIMIT :count""")
        .bind("count", count)
        .map((rs, ctx) -> summary(rs))
        .list());
  }

  /** Published articles with these ids, in the order given; unknown or unpublished ids are skipped. */
  public List<ArticleSummary> listPublished(List<Long> ids) {
    if (ids.isEmpty()) return List.of();
    var byId = new HashMap<Long, ArticleSummary>();
    // The status is checked here, not in the WHERE clause: given "status = 'published'", SQLite
    // chose the status index and scanned every published article instead of looking up ten ids.
    database
        .read(h -> h.createQuery("SELECT a.status, " + SUMMARY_COLUMNS + """
             FROM article a JOIN section s ON s.id = a.section_id
            WHERE a.id IN (<ids>)""")
            .bindList("ids", ids)
            .map((rs, ctx) ->
                ArticleStatus.PUBLISHED.code().equals(rs.getString("status")) ? summary(rs) : null)
            .list())
        .stream()
        .filter(java.util.Objects::nonNull)
        .forEach(a -> byId.put(a.id(), a));
    var ordered = new ArrayList<ArticleSummary>();
    for (var id : ids) if (byId.containsKey(id)) ordered.add(byId.get(id));
    return ordered;
  }

  /** One address of a sitemap: where a live article is and when it last changed. */
  public record Located(
      long id,
      String edition,
      String sectionSlug,
      String slug,
      Instant publishedAt,
      Instant changedAt,
      String headline) {}

  /** The columns {@link #located} reads, from {@code article a} joined with {@code section s}. */
  private static final String LOCATED_COLUMNS =
      "a.id, a.edition, s.slug AS section_slug, a.slug, a.published_at, a.updated_at, a.headline";

  private static Located located(ResultSet rs) throws SQLException {
    var published = Dialect.instant(rs, "published_at");
    var updated = Dialect.instant(rs, "updated_at");
    return new Located(
        rs.getLong("id"),
        rs.getString("edition"),
        rs.getString("section_slug"),
        rs.getString("slug"),
        published,
        updated == null ? published : updated,
        rs.getString("headline"));
  }

  /** A published correction of a live article, with where the article is. */
  public record CorrectionNotice(long id, Instant at, String body, Located article) {}

  /** The newest corrections of the edition's live articles. */
  public List<CorrectionNotice> recentCorrections(String edition, int limit) {
    return database.read(h -> h.createQuery(
            "SELECT c.id AS c_id, c.published_at AS c_at, c.body AS c_body, " + LOCATED_COLUMNS
                + """
              FROM correction c JOIN article a ON a.id = c.article_id JOIN section s ON s.id = a.section_id
             WHERE a.edition = :edition AND a.status = 'published'
             ORDER BY c.published_at DESC, c.id DESC LIMIT :limit""")
        .bind("edition", edition)
        .bind("limit", limit)
        .map((rs, ctx) -> new CorrectionNotice(
            rs.getLong("c_id"), Dialect.instant(rs, "c_at"), rs.getString("c_body"), located(rs)))
        .list());
  }

  /** A month with live articles: how many, and when the newest change among them was. */
  public record Month(String month, long count, Instant lastChanged) {}

  /**
   * Every month (UTC) with live articles, oldest first. Counted from the editions' listings (one
   * row per live article, a covering index: 0.3 s at a million articles, where reading the
   * articles themselves took 26 s cold); the newest edit of each month from the edited articles
   * alone, through their partial index ({@code article_edited}), the status checked here.
   */
  public List<Month> liveMonths() {
    var ym = database.dialect().yearMonth("published_at");
    return database.read(h -> {
      var months = new java.util.TreeMap<String, Month>();
      h.createQuery("SELECT " + ym + " AS month, COUNT(*) AS n, MAX(published_at) AS newest"
              + " FROM listing WHERE listing >= :from AND listing < :to GROUP BY " + ym)
          .bind("from", Tags.edition(""))
          .bind("to", Tags.edition("").substring(0, Tags.edition("").length() - 1) + ";")
          .map((rs, ctx) ->
              new Month(rs.getString("month"), rs.getLong("n"), Dialect.instant(rs, "newest")))
          .forEach(m -> months.put(m.month(), m));
      try (var edited = h
          .createQuery(
              "SELECT published_at, updated_at, status FROM article WHERE updated_at IS NOT NULL")
          .setFetchSize(1_000)
          .map((rs, ctx) -> "published".equals(rs.getString("status"))
              ? new Instant[] {
                Dialect.instant(rs, "published_at"), Dialect.instant(rs, "updated_at")
              }
              : null)
          .stream()) {
        edited.filter(java.util.Objects::nonNull).forEach(times -> {
          var month = java.time.YearMonth.from(times[0].atZone(java.time.ZoneOffset.UTC))
              .toString();
          months.computeIfPresent(
              month,
              (key, m) ->
                  times[1].isAfter(m.lastChanged()) ? new Month(key, m.count(), times[1]) : m);
        });
      }
      return List.copyOf(months.values());
    });
  }

  /**
   * Live articles published in [{@code from}, {@code to}), oldest first, skipping {@code offset},
   * handed to {@code each} as they are read: never all rows in memory.
   */
  public void forEachLive(
      Instant from, Instant to, int offset, int limit, java.util.function.Consumer<Located> each) {
    database.read(h -> {
      h.createQuery("SELECT " + LOCATED_COLUMNS + """
                FROM article a JOIN section s ON s.id = a.section_id
               WHERE a.status = 'published' AND a.published_at >= :from AND a.published_at < :to
               ORDER BY a.published_at, a.id LIMIT :limit OFFSET :offset""")
          .bind("from", from)
          .bind("to", to)
          .bind("limit", limit)
          .bind("offset", offset)
          .setFetchSize(1_000)
          .map((rs, ctx) -> located(rs))
          .forEach(each);
      return null;
    });
  }

  static Optional<Article> find(Handle h, long id) {
    return findWhere(h, "a.id = :id", Map.of("id", id));
  }

  /**
   * One article with its section and series in one query, then its byline, tags and
   * corrections: four statements, the least a page needs.
   */
  private static Optional<Article> findWhere(
      Handle h, String condition, Map<String, Object> parameters) {
    var query = h.createQuery("""
            SELECT a.*, s.id AS s_id, s.edition AS s_edition, s.slug AS s_slug, s.name AS s_name,
                   s.description AS s_description, s.parent_id AS s_parent_id, s.position AS s_position,
                   sr.id AS sr_id, sr.edition AS sr_edition, sr.slug AS sr_slug, sr.title AS sr_title,
                   sr.description AS sr_description, sr.promoted AS sr_promoted
              FROM article a
              JOIN section s ON s.id = a.section_id
              LEFT JOIN series sr ON sr.id = a.series_id
             WHERE\s""" + condition);
    parameters.forEach(query::bind);
    var found = query
        .map((rs, ctx) -> {
          rs.getLong("sr_id");
          var series = rs.wasNull()
              ? null
              : new Series(
                  rs.getLong("sr_id"),
                  rs.getString("sr_edition"),
                  rs.getString("sr_slug"),
                  rs.getString("sr_title"),
                  rs.getString("sr_description"),
                  rs.getBoolean("sr_promoted"));
          return new Article(
              rs.getLong("id"),
              rs.getString("edition"),
              SectionRepository.map(rs, "s_"),
              series,
              rs.getString("slug"),
              rs.getString("headline"),
              rs.getString("standfirst"),
              rs.getString("body_md"),
              rs.getString("body_html"),
              rs.getInt("word_count"),
              ArticleStatus.ofCode(rs.getString("status")),
              Dialect.instant(rs, "created_at"),
              Dialect.instant(rs, "published_at"),
              Dialect.instant(rs, "updated_at"),
              rs.getInt("version"),
              List.of(),
              List.of(),
              List.of(),
              rs.getObject("lead_media_id") == null ? null : rs.getLong("lead_media_id"));
        })
        .findOne();
    return found.map(a -> {
      var parts = parts(h, a.id());
      return new Article(
          a.id(),
          a.edition(),
          a.section(),
          a.series(),
          a.slug(),
          a.headline(),
          a.standfirst(),
          a.bodyMarkdown(),
          a.bodyHtml(),
          a.wordCount(),
          a.status(),
          a.createdAt(),
          a.publishedAt(),
          a.updatedAt(),
          a.version(),
          parts.byline(),
          parts.tags(),
          parts.corrections(),
          a.leadMediaId());
    });
  }

  /** What hangs off an article, read in one statement. */
  private record Parts(List<BylineEntry> byline, List<Tag> tags, List<Correction> corrections) {}

  /**
   * The byline, tags and corrections of an article in one statement (one round trip instead of
   * three on the render path): each row says which of the three it is.
   */
  private static Parts parts(Handle h, long articleId) {
    var byline = new ArrayList<BylineEntry>();
    var tags = new ArrayList<Tag>();
    var corrections = new ArrayList<Correction>();
    // Corrections come first: PostgreSQL takes a UNION column's type from its first typed value.
    h.createQuery("""
            SELECT 3 AS part, 0 AS pos, NULL AS credit, c.id, NULL AS edition, NULL AS slug, c.body AS name,
                   NULL AS job_title, NULL AS bio, c.published_at AS at
              FROM correction c WHERE c.article_id = :id
            UNION ALL
            SELECT 1, b.position, b.credit, au.id, au.edition, au.slug, au.name, au.job_title, au.bio, NULL
              FROM article_byline b LEFT JOIN author au ON au.id = b.author_id WHERE b.article_id = :id
            UNION ALL
            SELECT 2, 0, NULL, t.id, t.edition, t.slug, t.name, NULL, NULL, NULL
              FROM article_tag x JOIN tag t ON t.id = x.tag_id WHERE x.article_id = :id
            ORDER BY 1, 2, 7""")
        .bind("id", articleId)
        .map((rs, ctx) -> {
          switch (rs.getInt("part")) {
            case 1 ->
              byline.add(
                  rs.getString("credit") != null
                      ? BylineEntry.of(Credit.ofCode(rs.getString("credit")))
                      : BylineEntry.of(AuthorRepository.map(rs, "")));
            case 2 ->
              tags.add(new Tag(
                  rs.getLong("id"),
                  rs.getString("edition"),
                  rs.getString("slug"),
                  rs.getString("name")));
            default ->
              corrections.add(new Correction(Dialect.instant(rs, "at"), rs.getString("name")));
          }
          return 0;
        })
        .forEach(ignored -> {});
    corrections.sort(java.util.Comparator.comparing(Correction::publishedAt));
    return new Parts(byline, tags, corrections);
  }

  // ---- writes: called by ArticleDesk inside its transaction ----------------------------------

  static long insert(
      Handle h,
      ArticleDraft draft,
      String slug,
      BodyRenderer.RenderedBody body,
      Long staffId,
      Instant now) {
    long id = h.createUpdate("""
            INSERT INTO article (edition, section_id, series_id, slug, headline, standfirst, body_md, body_html,
                                 word_count, status, created_at, version, lead_media_id, created_by, modified_at)
            VALUES (:edition, :section, :series, :slug, :headline, :standfirst, :md, :html, :words, 'draft', :now, 1,
                    :lead, :staff, :now)""")
        .bindByType("staff", staffId, Long.class)
        .bindByType("lead", draft.leadMediaId(), Long.class)
        .bind("edition", draft.edition())
        .bind("section", draft.sectionId())
        .bindByType("series", draft.seriesId(), Long.class)
        .bind("slug", slug)
        .bind("headline", draft.headline())
        .bind("standfirst", draft.standfirst())
        .bind("md", draft.bodyMarkdown())
        .bind("html", body.html())
        .bind("words", body.wordCount())
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
    writeBylineAndTags(h, id, draft);
    return id;
  }

  /**
   * Replaces the content of version {@code expectedVersion} and makes it the next version, in
   * one conditional update: of two saves over the same version, the second changes nothing
   * (on PostgreSQL it waits for the first's row lock, then finds the version moved). Returns
   * false when the stored version is no longer the one expected.
   */
  static boolean updateContent(
      Handle h,
      long id,
      int expectedVersion,
      ArticleDraft draft,
      String slug,
      BodyRenderer.RenderedBody body,
      boolean textChanged,
      Instant now) {
    int rows = h.createUpdate("""
            UPDATE article SET section_id = :section, series_id = :series, slug = :slug, headline = :headline,
                   standfirst = :standfirst, body_md = :md, body_html = :html, word_count = :words,
                   lead_media_id = :lead,
                   updated_at = CASE WHEN status = 'published' AND :changed THEN :now ELSE updated_at END,
                   version = version + 1
             WHERE id = :id AND version = :expected""")
        .bind("id", id)
        .bind("expected", expectedVersion)
        // "Updated" tells readers the text changed: a save that changed no words does not set it.
        .bind("changed", textChanged)
        .bindByType("lead", draft.leadMediaId(), Long.class)
        .bind("section", draft.sectionId())
        .bindByType("series", draft.seriesId(), Long.class)
        .bind("slug", slug)
        .bind("headline", draft.headline())
        .bind("standfirst", draft.standfirst())
        .bind("md", draft.bodyMarkdown())
        .bind("html", body.html())
        .bind("words", body.wordCount())
        .bind("now", now)
        .execute();
    if (rows == 0) return false;
    h.createUpdate("DELETE FROM article_byline WHERE article_id = :id")
        .bind("id", id)
        .execute();
    h.createUpdate("DELETE FROM article_tag WHERE article_id = :id")
        .bind("id", id)
        .execute();
    writeBylineAndTags(h, id, draft);
    return true;
  }

  /**
   * Moves the article to another status in one update that also checks the status it is in, so
   * that a check read before the write cannot be overtaken by another editor's (or node's)
   * change. Returns false, changing nothing, when the article is not in {@code from}.
   */
  static boolean move(
      Handle h,
      long id,
      java.util.Set<ArticleStatus> from,
      String assignments,
      Map<String, Object> values,
      boolean nextVersion) {
    return h.createUpdate(
                "UPDATE article SET " + assignments + (nextVersion ? ", version = version + 1" : "")
                    + " WHERE id = :id AND status IN (<from>)")
            .bind("id", id)
            .bindList("from", from.stream().map(ArticleStatus::code).toList())
            .bindMap(values)
            .execute()
        > 0;
  }

  /** Sets an imported article's status and its source's own times. */
  static void setImported(
      Handle h,
      long id,
      ArticleStatus status,
      Instant createdAt,
      Instant publishedAt,
      Instant updatedAt) {
    h.createUpdate("""
            UPDATE article SET status = :status, created_at = :created, published_at = :published,
                   updated_at = :updated
             WHERE id = :id""")
        .bind("id", id)
        .bind("status", status.code())
        .bind("created", createdAt)
        .bindByType("published", publishedAt, Instant.class)
        .bindByType("updated", updatedAt, Instant.class)
        .execute();
  }

  static void touch(Handle h, long id, Instant now) {
    h.createUpdate("UPDATE article SET modified_at = :now WHERE id = :id")
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /** Whether another article of the edition has this slug as its address, now or before. */
  static boolean slugTaken(Handle h, String edition, String slug, Long articleId) {
    return h.createQuery("""
            SELECT (SELECT COUNT(*) FROM article WHERE edition = :edition AND slug = :slug AND id <> :id)
                 + (SELECT COUNT(*) FROM article_alias WHERE edition = :edition AND slug = :slug AND article_id <> :id)""")
            .bind("edition", edition)
            .bind("slug", slug)
            .bind("id", articleId == null ? -1L : articleId)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** The old slug keeps answering, with a 301 to the new one. */
  static void keepOldSlug(Handle h, String edition, long id, String oldSlug, String newSlug) {
    h.createUpdate("DELETE FROM article_alias WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", newSlug)
        .execute();
    h.createUpdate(
            "INSERT INTO article_alias (edition, slug, article_id) VALUES (:edition, :slug, :id)")
        .bind("edition", edition)
        .bind("slug", oldSlug)
        .bind("id", id)
        .execute();
  }

  static void insertCorrection(Handle h, long id, String body, Instant at) {
    h.createUpdate(
            "INSERT INTO correction (article_id, published_at, body) VALUES (:id, :now, :body)")
        .bind("id", id)
        .bind("now", at)
        .bind("body", body)
        .execute();
  }

  /** Who created the article (null for generated and imported ones). */
  static Long writerOf(Handle h, long id) {
    return h.createQuery("SELECT created_by FROM article WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> {
          long writer = rs.getLong(1);
          return rs.wasNull() ? null : writer;
        })
        .findOne()
        .orElse(null);
  }

  /** Scheduled articles whose time has come, oldest first. */
  static List<Long> due(Handle h, Instant now) {
    return h.createQuery(
            "SELECT id FROM article WHERE status = 'scheduled' AND published_at <= :now ORDER BY published_at")
        .bind("now", now)
        .mapTo(Long.class)
        .list();
  }

  /** Writes a batch of archived articles with their ids, bylines, tags, listings, corrections and old addresses. */
  static void insertArchive(Handle h, List<ArchivedArticle> rows) {
    var article = h.prepareBatch("""
        INSERT INTO article (id, edition, section_id, series_id, slug, headline, standfirst, body_md, body_html,
                             word_count, status, created_at, published_at, updated_at, version, lead_media_id)
        VALUES (:id, :edition, :section, :series, :slug, :headline, :standfirst, :md, :html, :words, :status,
                :created, :published, :updated, 1, :lead)""");
    var pictures =
        h.prepareBatch("INSERT INTO article_media (article_id, media_id) VALUES (:id, :media)");
    int pictureRows = 0;
    var byline = h.prepareBatch(
        "INSERT INTO article_byline (article_id, position, author_id, credit) VALUES (:id, :position, :author, :credit)");
    var tag = h.prepareBatch("INSERT INTO article_tag (article_id, tag_id) VALUES (:id, :tag)");
    var listing = h.prepareBatch(
        "INSERT INTO listing (listing, published_at, article_id) VALUES (:listing, :at, :id)");
    var correction = h.prepareBatch(
        "INSERT INTO correction (article_id, published_at, body) VALUES (:id, :at, :body)");
    var alias = h.prepareBatch(
        "INSERT INTO article_alias (edition, slug, article_id) VALUES (:edition, :slug, :id)");
    int bylines = 0;
    int tags = 0;
    int listings = 0;
    int corrections = 0;
    int aliases = 0;
    for (var r : rows) {
      var d = r.draft();
      article
          .bind("id", r.id())
          .bind("edition", d.edition())
          .bind("section", d.sectionId())
          .bindByType("series", d.seriesId(), Long.class)
          .bind("slug", r.slug())
          .bind("headline", d.headline())
          .bind("standfirst", d.standfirst())
          .bind("md", d.bodyMarkdown())
          .bind("html", r.bodyHtml())
          .bind("words", r.wordCount())
          .bind("status", r.status().code())
          .bind("created", r.createdAt())
          .bindByType("published", r.publishedAt(), Instant.class)
          .bindByType("updated", r.updatedAt(), Instant.class)
          .bindByType("lead", d.leadMediaId(), Long.class)
          .add();
      if (d.leadMediaId() != null) {
        pictures.bind("id", r.id()).bind("media", d.leadMediaId()).add();
        pictureRows++;
      }
      int position = 0;
      for (var entry : d.byline()) {
        byline
            .bind("id", r.id())
            .bind("position", position++)
            .bindByType("author", entry.authorId(), Long.class)
            .bindByType(
                "credit", entry.credit() == null ? null : entry.credit().code(), String.class)
            .add();
        bylines++;
      }
      for (var t : new java.util.LinkedHashSet<>(d.tagIds())) {
        tag.bind("id", r.id()).bind("tag", t).add();
        tags++;
      }
      if (r.correction() != null) {
        var at = (r.updatedAt() != null ? r.updatedAt() : r.publishedAt()).plusSeconds(60);
        correction
            .bind("id", r.id())
            .bind("at", at)
            .bind("body", r.correction())
            .add();
        corrections++;
      }
      if (r.oldSlug() != null) {
        alias
            .bind("edition", d.edition())
            .bind("slug", r.oldSlug())
            .bind("id", r.id())
            .add();
        aliases++;
      }
      if (r.status() == ArticleStatus.PUBLISHED) {
        var authors = d.byline().stream()
            .filter(b -> b.authorId() != null)
            .map(b -> b.authorId())
            .toList();
        for (var key : ListingRepository.keys(
            d.edition(), r.sectionPath(), d.seriesId(), d.tagIds(), authors)) {
          listing
              .bind("listing", key)
              .bind("at", r.publishedAt())
              .bind("id", r.id())
              .add();
          listings++;
        }
      }
    }
    if (rows.isEmpty()) return;
    article.execute();
    if (pictureRows > 0) pictures.execute();
    if (bylines > 0) byline.execute();
    if (tags > 0) tag.execute();
    if (listings > 0) listing.execute();
    if (corrections > 0) correction.execute();
    if (aliases > 0) alias.execute();
  }

  /** After rows were written with their own ids, the next generated id follows them. */
  static void followIds(Handle h, io.masthead.storage.Dialect dialect) {
    var reset = dialect.resetIdentitySql("article");
    if (reset != null) h.createQuery(reset).mapTo(Long.class).one();
  }

  /** The next article id after the highest one (archives bring their own ids). */
  static long nextId(Handle h) {
    return h.createQuery("SELECT COALESCE(MAX(id), 0) FROM article")
            .mapTo(Long.class)
            .one()
        + 1;
  }

  private static void writeBylineAndTags(Handle h, long articleId, ArticleDraft draft) {
    var byline = h.prepareBatch(
        "INSERT INTO article_byline (article_id, position, author_id, credit) VALUES (:id, :position, :author, :credit)");
    int position = 0;
    for (var entry : draft.byline()) {
      byline
          .bind("id", articleId)
          .bind("position", position++)
          .bindByType("author", entry.authorId(), Long.class)
          .bindByType("credit", entry.credit() == null ? null : entry.credit().code(), String.class)
          .add();
    }
    if (position > 0) byline.execute();
    var tags = h.prepareBatch("INSERT INTO article_tag (article_id, tag_id) VALUES (:id, :tag)");
    for (var tagId : new java.util.LinkedHashSet<>(draft.tagIds()))
      tags.bind("id", articleId).bind("tag", tagId).add();
    if (!draft.tagIds().isEmpty()) tags.execute();
  }

  private static ArticleSummary summary(ResultSet rs) throws SQLException {
    return new ArticleSummary(
        rs.getLong("id"),
        rs.getString("edition"),
        SectionRepository.map(rs, "s_"),
        rs.getString("slug"),
        rs.getString("headline"),
        rs.getString("standfirst"),
        Dialect.instant(rs, "published_at"),
        Dialect.instant(rs, "updated_at"),
        rs.getObject("lead_media_id") == null ? null : rs.getLong("lead_media_id"));
  }
}
