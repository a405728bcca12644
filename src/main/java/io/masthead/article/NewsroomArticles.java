package io.masthead.article;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The newsroom's view of articles: lists with filters, in any status. Thread-safe. */
public final class NewsroomArticles {
  /** One line of a newsroom list. {@code changedAt} is the last save, publication or creation. */
  public record Row(
      long id,
      String edition,
      String headline,
      ArticleStatus status,
      String section,
      Instant publishedAt,
      Instant changedAt,
      String writer,
      Long writerId) {}

  /**
   * Every field may be null: no filter. {@code matches} are the articles a search found, best
   * first: the list keeps that order; without them, {@code text} searches headlines.
   */
  public record Filter(
      ArticleStatus status,
      Long sectionId,
      String edition,
      Long writerId,
      Long authorId,
      String text,
      List<Long> matches) {
    public Filter(
        ArticleStatus status,
        Long sectionId,
        String edition,
        Long writerId,
        Long authorId,
        String text) {
      this(status, sectionId, edition, writerId, authorId, text, null);
    }
  }

  private final Database database;

  public NewsroomArticles(Database database) {
    this.database = database;
  }

  public List<Row> list(Filter filter, String order, int limit) {
    var where = new ArrayList<String>();
    var binds = new LinkedHashMap<String, Object>();
    if (filter.status() != null) {
      where.add("a.status = :status");
      binds.put("status", filter.status().code());
    }
    if (filter.sectionId() != null) {
      where.add("a.section_id = :section");
      binds.put("section", filter.sectionId());
    }
    if (filter.edition() != null) {
      where.add("a.edition = :edition");
      binds.put("edition", filter.edition());
    }
    if (filter.writerId() != null) {
      where.add("a.created_by = :writer");
      binds.put("writer", filter.writerId());
    }
    if (filter.authorId() != null) {
      where.add(
          "EXISTS (SELECT 1 FROM article_byline b WHERE b.article_id = a.id AND b.author_id = :author)");
      binds.put("author", filter.authorId());
    }
    if (filter.matches() != null) {
      if (filter.matches().isEmpty()) return List.of();
      where.add("a.id IN (<matches>)");
    } else if (filter.text() != null && !filter.text().isBlank()) {
      where.add("LOWER(a.headline) LIKE :text ESCAPE '\\'");
      binds.put(
          "text",
          "%"
              + filter
                  .text()
                  .strip()
                  .toLowerCase(java.util.Locale.ROOT)
                  .replace("\\", "\\\\")
                  .replace("%", "\\%")
                  .replace("_", "\\_")
              + "%");
    }
    var orderBy = switch (order) {
      case "published" -> "a.published_at DESC, a.id DESC";
      case "scheduled" -> "a.published_at ASC, a.id ASC";
      default -> "COALESCE(a.modified_at, a.published_at, a.created_at) DESC, a.id DESC";
    };
    var sql = """
        SELECT a.id, a.edition, a.headline, a.status, s.name AS section, a.published_at,
               COALESCE(a.modified_at, a.published_at, a.created_at) AS changed_at, st.name AS writer, a.created_by
          FROM article a JOIN section s ON s.id = a.section_id LEFT JOIN staff st ON st.id = a.created_by
        """ + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY "
        + orderBy + " LIMIT :limit";
    return database.read(h -> {
      var query = h.createQuery(sql)
          .bind("limit", filter.matches() == null ? limit : filter.matches().size());
      binds.forEach(query::bind);
      if (filter.matches() != null) query.bindList("matches", filter.matches());
      var rows = query
          .map((rs, ctx) -> {
            long writer = rs.getLong("created_by");
            Long writerId = rs.wasNull() ? null : writer;
            return new Row(
                rs.getLong("id"),
                rs.getString("edition"),
                rs.getString("headline"),
                ArticleStatus.ofCode(rs.getString("status")),
                rs.getString("section"),
                Dialect.instant(rs, "published_at"),
                Dialect.instant(rs, "changed_at"),
                rs.getString("writer"),
                writerId);
          })
          .list();
      if (filter.matches() == null) return rows;
      var rank = new java.util.HashMap<Long, Integer>();
      for (int i = 0; i < filter.matches().size(); i++)
        rank.putIfAbsent(filter.matches().get(i), i);
      return rows.stream()
          .sorted(java.util.Comparator.comparingInt(r -> rank.get(r.id())))
          .limit(limit)
          .toList();
    });
  }
}
