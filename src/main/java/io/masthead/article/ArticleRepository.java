package io.masthead.article;

import io.masthead.author.AuthorRepository;
import io.masthead.section.SectionRepository;
import io.masthead.series.SeriesRepository;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import io.masthead.tag.TagRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    return database.read(h -> h.createQuery("SELECT id FROM article WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition).bind("slug", slug)
        .mapTo(Long.class).findOne()
        .flatMap(id -> find(h, id)));
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
    return h.createQuery("""
            SELECT a.*, s.id AS s_id, s.edition AS s_edition, s.slug AS s_slug, s.name AS s_name,
                   s.description AS s_description, s.parent_id AS s_parent_id, s.position AS s_position
              FROM article a JOIN section s ON s.id = a.section_id
             WHERE a.id = :id""")
        .bind("id", id)
        .map((rs, ctx) -> {
          long seriesId = rs.getLong("series_id");
          var series = rs.wasNull() ? null
              : h.createQuery("SELECT id, edition, slug, title, description, promoted FROM series WHERE id = :id")
                  .bind("id", seriesId).map((r, c) -> SeriesRepository.map(r)).one();
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
              byline(h, id),
              TagRepository.ofArticle(h, id),
              corrections(h, id));
        })
        .findOne();
  }

  static List<BylineEntry> byline(Handle h, long articleId) {
    return h.createQuery("""
            SELECT b.credit, au.id, au.edition, au.slug, au.name, au.job_title, au.bio
              FROM article_byline b LEFT JOIN author au ON au.id = b.author_id
             WHERE b.article_id = :id ORDER BY b.position""")
        .bind("id", articleId)
        .map((rs, ctx) -> rs.getString("credit") != null
            ? BylineEntry.of(Credit.ofCode(rs.getString("credit")))
            : BylineEntry.of(AuthorRepository.map(rs, "")))
        .list();
  }

  static List<Correction> corrections(Handle h, long articleId) {
    return h.createQuery("SELECT published_at, body FROM correction WHERE article_id = :id ORDER BY published_at")
        .bind("id", articleId)
        .map((rs, ctx) -> new Correction(Dialect.instant(rs, "published_at"), rs.getString("body")))
        .list();
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
