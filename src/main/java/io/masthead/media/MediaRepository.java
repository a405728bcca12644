package io.masthead.media;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The media library's rows, and which articles show which pictures. Thread-safe. */
public final class MediaRepository {
  private static final String COLUMNS = """
      m.id, m.sha256, m.content_type, m.file_name, m.width, m.height, m.orientation, m.bytes, m.alt, m.caption,
      m.credit, m.source, m.focal_x, m.focal_y, m.uploaded_by, COALESCE(s.name, '') AS uploader,
      m.uploaded_at, m.version""";
  private static final String FROM = " FROM media m LEFT JOIN staff s ON s.id = m.uploaded_by";

  /** What the library page filters by; blank or null means any. */
  public record Filter(String query, Long uploadedBy, Instant from, Instant until, Boolean used) {
    public static final Filter ALL = new Filter("", null, null, null, null);
  }

  /** One page of the library, and how many pictures match in all. */
  public record Page(List<Media> media, int total) {}

  private final Database database;

  public MediaRepository(Database database) {
    this.database = database;
  }

  public Optional<Media> find(long id) {
    return database.read(h -> find(h, id));
  }

  static Optional<Media> find(Handle h, long id) {
    return h.createQuery("SELECT " + COLUMNS + FROM + " WHERE m.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> media(rs))
        .findOne();
  }

  /** The pictures with these ids, by id; unknown ids are left out. */
  public Map<Long, Media> findAll(Set<Long> ids) {
    if (ids.isEmpty()) return Map.of();
    var found = new HashMap<Long, Media>();
    database
        .read(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE m.id IN (<ids>)")
            .bindList("ids", List.copyOf(ids))
            .map((rs, ctx) -> media(rs))
            .list())
        .forEach(m -> found.put(m.id(), m));
    return found;
  }

  /** One page of the library, newest first. */
  public Page list(Filter filter, int offset, int limit) {
    var where = new ArrayList<String>();
    var binds = new HashMap<String, Object>();
    if (filter.query() != null && !filter.query().isBlank()) {
      where.add("(LOWER(m.alt) LIKE :q ESCAPE '!' OR LOWER(m.caption) LIKE :q ESCAPE '!'"
          + " OR LOWER(m.credit) LIKE :q ESCAPE '!' OR LOWER(m.file_name) LIKE :q ESCAPE '!'"
          + " OR LOWER(m.source) LIKE :q ESCAPE '!')");
      binds.put("q", "%" + likeEscaped(filter.query().strip().toLowerCase(Locale.ROOT)) + "%");
    }
    if (filter.uploadedBy() != null) {
      where.add("m.uploaded_by = :uploader");
      binds.put("uploader", filter.uploadedBy());
    }
    if (filter.from() != null) {
      where.add("m.uploaded_at >= :from");
      binds.put("from", filter.from());
    }
    if (filter.until() != null) {
      where.add("m.uploaded_at < :until");
      binds.put("until", filter.until());
    }
    if (filter.used() != null) {
      where.add((filter.used() ? "" : "NOT ")
          + "EXISTS (SELECT 1 FROM article_media u WHERE u.media_id = m.id)");
    }
    var clause = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    return database.read(h -> {
      var count = h.createQuery("SELECT COUNT(*)" + FROM + clause);
      binds.forEach(count::bind);
      int total = count.mapTo(Integer.class).one();
      var query = h.createQuery("SELECT " + COLUMNS + FROM + clause
          + " ORDER BY m.uploaded_at DESC, m.id DESC LIMIT :limit OFFSET :offset");
      binds.forEach(query::bind);
      var media = query
          .bind("limit", limit)
          .bind("offset", offset)
          .map((rs, ctx) -> media(rs))
          .list();
      return new Page(media, total);
    });
  }

  /** The articles that show the picture (lead or body), newest first: id and headline. */
  public record Use(long articleId, String edition, String headline, String status) {}

  public List<Use> uses(long mediaId) {
    return database.read(h -> h.createQuery("""
            SELECT a.id, a.edition, a.headline, a.status FROM article_media u
              JOIN article a ON a.id = u.article_id
             WHERE u.media_id = :id ORDER BY a.id DESC LIMIT 200""")
        .bind("id", mediaId)
        .map((rs, ctx) -> new Use(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
        .list());
  }

  /** The pictures an article shows (lead and body). */
  public static Set<Long> shownBy(Handle h, long articleId) {
    return new LinkedHashSet<>(
        h.createQuery("SELECT media_id FROM article_media WHERE article_id = :id")
            .bind("id", articleId)
            .mapTo(Long.class)
            .list());
  }

  /** Whether any of these articles is published or scheduled. */
  static boolean anyLive(Handle h, Set<Long> articleIds) {
    if (articleIds.isEmpty()) return false;
    return h.createQuery("SELECT COUNT(*) FROM article WHERE id IN (<ids>)"
                + " AND status IN ('published', 'scheduled')")
            .bindList("ids", List.copyOf(articleIds))
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  static Set<Long> articlesShowing(Handle h, long mediaId) {
    return new LinkedHashSet<>(
        h.createQuery("SELECT article_id FROM article_media WHERE media_id = :id")
            .bind("id", mediaId)
            .mapTo(Long.class)
            .list());
  }

  static long insert(
      Handle h,
      String sha256,
      String contentType,
      String fileName,
      Images.Probe probe,
      long bytes,
      MediaFields fields,
      Long staffId,
      Instant now) {
    return h.createUpdate("""
            INSERT INTO media (sha256, content_type, file_name, width, height, orientation, bytes, alt, caption,
                               credit, source, focal_x, focal_y, uploaded_by, uploaded_at, updated_at)
            VALUES (:sha, :type, :name, :width, :height, :orientation, :bytes, :alt, :caption, :credit, :source,
                    :fx, :fy, :staff, :now, :now)""")
        .bind("sha", sha256)
        .bind("type", contentType)
        .bind("name", fileName)
        .bind("width", probe.width())
        .bind("height", probe.height())
        .bind("orientation", probe.orientation())
        .bind("bytes", bytes)
        .bind("alt", fields.alt())
        .bind("caption", fields.caption())
        .bind("credit", fields.credit())
        .bind("source", fields.source())
        .bind("fx", fields.focalX())
        .bind("fy", fields.focalY())
        .bindByType("staff", staffId, Long.class)
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** Writes the fields over version {@code version}; false when another save came first. */
  static boolean update(Handle h, long id, int version, MediaFields fields, Instant now) {
    return h.createUpdate("""
            UPDATE media SET alt = :alt, caption = :caption, credit = :credit, source = :source,
                   focal_x = :fx, focal_y = :fy, updated_at = :now, version = version + 1
             WHERE id = :id AND version = :version""")
            .bind("alt", fields.alt())
            .bind("caption", fields.caption())
            .bind("credit", fields.credit())
            .bind("source", fields.source())
            .bind("fx", fields.focalX())
            .bind("fy", fields.focalY())
            .bind("now", now)
            .bind("id", id)
            .bind("version", version)
            .execute()
        == 1;
  }

  /** Records which pictures an article shows now (its lead image and those in its body). */
  public static void setArticleMedia(Handle h, long articleId, Set<Long> mediaIds) {
    h.createUpdate("DELETE FROM article_media WHERE article_id = :id")
        .bind("id", articleId)
        .execute();
    if (mediaIds.isEmpty()) return;
    var batch = h.prepareBatch(
        "INSERT INTO article_media (article_id, media_id) VALUES (:article, :media)");
    for (var m : mediaIds) batch.bind("article", articleId).bind("media", m).add();
    batch.execute();
  }

  /** Which of these ids are pictures of the library. */
  public static Set<Long> existing(Handle h, Set<Long> ids) {
    if (ids.isEmpty()) return Set.of();
    return new LinkedHashSet<>(h.createQuery("SELECT id FROM media WHERE id IN (<ids>)")
        .bindList("ids", List.copyOf(ids))
        .mapTo(Long.class)
        .list());
  }

  /** Which of these ids are pictures without alt text. */
  public static Set<Long> withoutAlt(Handle h, Set<Long> ids) {
    if (ids.isEmpty()) return Set.of();
    return new LinkedHashSet<>(
        h.createQuery("SELECT id FROM media WHERE id IN (<ids>) AND TRIM(alt) = ''")
            .bindList("ids", List.copyOf(ids))
            .mapTo(Long.class)
            .list());
  }

  /** The most recent pictures: what the article editor offers as a lead image. */
  public List<Media> recent(int limit) {
    return list(Filter.ALL, 0, limit).media();
  }

  private static String likeEscaped(String text) {
    // "!" escapes: JDBI's SQL lexer reads a backslash inside quotes as escaping the quote.
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  private static Media media(ResultSet rs) throws SQLException {
    Long uploader = rs.getObject("uploaded_by") == null ? null : rs.getLong("uploaded_by");
    return new Media(
        rs.getLong("id"),
        rs.getString("sha256"),
        rs.getString("content_type"),
        rs.getString("file_name"),
        rs.getInt("width"),
        rs.getInt("height"),
        rs.getInt("orientation"),
        rs.getLong("bytes"),
        rs.getString("alt"),
        rs.getString("caption"),
        rs.getString("credit"),
        rs.getString("source"),
        rs.getDouble("focal_x"),
        rs.getDouble("focal_y"),
        uploader,
        rs.getString("uploader"),
        Dialect.instant(rs, "uploaded_at"),
        rs.getInt("version"));
  }
}
