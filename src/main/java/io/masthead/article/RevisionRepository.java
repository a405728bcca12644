package io.masthead.article;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Every saved version of an article's content. Thread-safe. */
public final class RevisionRepository {
  private static final String QUERY = """
      SELECT r.*, a.edition, COALESCE(s.name, '') AS saved_by_name FROM article_revision r
        JOIN article a ON a.id = r.article_id LEFT JOIN staff s ON s.id = r.saved_by""";

  private final Database database;

  public RevisionRepository(Database database) {
    this.database = database;
  }

  /** The saved revisions of an article, newest first. */
  public List<Revision> list(long articleId) {
    return database.read(
        h -> h.createQuery(QUERY + " WHERE r.article_id = :id ORDER BY r.version DESC")
            .bind("id", articleId)
            .map((rs, ctx) -> map(rs))
            .list());
  }

  public Optional<Revision> find(long articleId, int version) {
    return database.read(h -> find(h, articleId, version));
  }

  static Optional<Revision> find(Handle h, long articleId, int version) {
    return h.createQuery(QUERY + " WHERE r.article_id = :id AND r.version = :version")
        .bind("id", articleId)
        .bind("version", version)
        .map((rs, ctx) -> map(rs))
        .findOne();
  }

  static void insert(
      Handle h,
      long articleId,
      int version,
      ArticleDraft draft,
      String slug,
      Long staffId,
      Instant at) {
    h.createUpdate("""
            INSERT INTO article_revision (article_id, version, saved_by, saved_at, section_id, series_id, slug, headline,
                                          standfirst, body_md, byline, tags, lead_media_id)
            VALUES (:id, :version, :staff, :now, :section, :series, :slug, :headline, :standfirst, :md, :byline, :tags,
                    :lead)""")
        .bindByType("lead", draft.leadMediaId(), Long.class)
        .bind("id", articleId)
        .bind("version", version)
        .bindByType("staff", staffId, Long.class)
        .bind("now", at)
        .bind("section", draft.sectionId())
        .bindByType("series", draft.seriesId(), Long.class)
        .bind("slug", slug)
        .bind("headline", draft.headline())
        .bind("standfirst", draft.standfirst())
        .bind("md", draft.bodyMarkdown())
        .bind("byline", Revision.formatByline(draft.byline()))
        .bind("tags", Revision.formatTags(draft.tagIds()))
        .execute();
  }

  private static Revision map(ResultSet rs) throws SQLException {
    long series = rs.getLong("series_id");
    Long seriesId = rs.wasNull() ? null : series;
    var draft = new ArticleDraft(
        rs.getString("edition"),
        rs.getLong("section_id"),
        seriesId,
        rs.getString("slug"),
        rs.getString("headline"),
        rs.getString("standfirst"),
        rs.getString("body_md"),
        Revision.parseByline(rs.getString("byline")),
        Revision.parseTags(rs.getString("tags")),
        rs.getObject("lead_media_id") == null ? null : rs.getLong("lead_media_id"));
    return new Revision(
        rs.getLong("article_id"),
        rs.getInt("version"),
        Dialect.instant(rs, "saved_at"),
        rs.getString("saved_by_name"),
        draft);
  }
}
