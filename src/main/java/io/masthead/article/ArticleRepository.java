package io.masthead.article;

import io.masthead.author.AuthorRepository;
import io.masthead.section.SectionRepository;
import io.masthead.series.Series;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import io.masthead.tag.Tag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads articles and listings. Every listing is one indexed range scan. Thread-safe. */
public final class ArticleRepository {
  private static final String SUMMARY_COLUMNS = """
      a.id, a.edition, a.slug, a.headline, a.standfirst, a.published_at, a.updated_at,
      s.id AS s_id, s.edition AS s_edition, s.slug AS s_slug, s.name AS s_name,
      s.description AS s_description, s.parent_id AS s_parent_id, s.position AS s_position""";

  private final Database database;

  public ArticleRepository(Database database) {
    this.database = database;
  }

  /** An article of the edition by its slug, whatever its status. */
  public Optional<Article> findBySlug(String edition, String slug) {
    return database.read(h -> findWhere(h, "a.edition = :edition AND a.slug = :slug", Map.of("edition", edition, "slug", slug)));
  }

  public Optional<Article> find(long id) {
    return database.read(h -> find(h, id));
  }

  /** The article that once had this slug, for a 301 to where it is now. */
  public Optional<Article> findByOldSlug(String edition, String slug) {
    return database.read(h -> h.createQuery("SELECT article_id FROM article_alias WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition).bind("slug", slug)
        .mapTo(Long.class).findOne()
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
        .bind("listing", listingKey).bind("limit", limit).bind("offset", offset)
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
    database.read(h -> h.createQuery("SELECT " + SUMMARY_COLUMNS + """
             FROM article a JOIN section s ON s.id = a.section_id
            WHERE a.id IN (<ids>) AND a.status = 'published'""")
        .bindList("ids", ids)
        .map((rs, ctx) -> summary(rs))
        .list()).forEach(a -> byId.put(a.id(), a));
    var ordered = new ArrayList<ArticleSummary>();
    for (var id : ids) if (byId.containsKey(id)) ordered.add(byId.get(id));
    return ordered;
  }

  static Optional<Article> find(Handle h, long id) {
    return findWhere(h, "a.id = :id", Map.of("id", id));
  }

  /**
   * One article with its section and series in one query, then its byline, tags and
   * corrections: four statements, the least a page needs.
   */
  private static Optional<Article> findWhere(Handle h, String condition, Map<String, Object> parameters) {
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
    var found = query.map((rs, ctx) -> {
          rs.getLong("sr_id");
          var series = rs.wasNull() ? null : new Series(rs.getLong("sr_id"), rs.getString("sr_edition"),
              rs.getString("sr_slug"), rs.getString("sr_title"), rs.getString("sr_description"), rs.getBoolean("sr_promoted"));
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
              List.of());
        })
        .findOne();
    return found.map(a -> {
      var parts = parts(h, a.id());
      return new Article(a.id(), a.edition(), a.section(), a.series(), a.slug(), a.headline(), a.standfirst(),
          a.bodyMarkdown(), a.bodyHtml(), a.wordCount(), a.status(), a.createdAt(), a.publishedAt(), a.updatedAt(),
          a.version(), parts.byline(), parts.tags(), parts.corrections());
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
            case 1 -> byline.add(rs.getString("credit") != null
                ? BylineEntry.of(Credit.ofCode(rs.getString("credit")))
                : BylineEntry.of(AuthorRepository.map(rs, "")));
            case 2 -> tags.add(new Tag(rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")));
            default -> corrections.add(new Correction(Dialect.instant(rs, "at"), rs.getString("name")));
          }
          return 0;
        })
        .forEach(ignored -> {});
    corrections.sort(java.util.Comparator.comparing(Correction::publishedAt));
    return new Parts(byline, tags, corrections);
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
        Dialect.instant(rs, "updated_at"));
  }
}
