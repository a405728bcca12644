package io.masthead.series;

import io.masthead.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes series. Thread-safe. */
public final class SeriesRepository {
  private static final String COLUMNS = "id, edition, slug, title, description, promoted";
  private final Database database;

  public SeriesRepository(Database database) {
    this.database = database;
  }

  public Optional<Series> findBySlug(String edition, String slug) {
    return database.read(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM series WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", slug)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  /** The series promoted to the edition's site banner, if any. */
  public Optional<Series> promoted(String edition) {
    return database.read(h -> h.createQuery("SELECT " + COLUMNS
            + " FROM series WHERE edition = :edition AND promoted = TRUE ORDER BY id LIMIT 1")
        .bind("edition", edition)
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  public static boolean slugTaken(Handle h, String edition, String slug) {
    return io.masthead.storage.EditionScoped.slugTaken(h, "series", edition, slug);
  }

  static boolean update(Handle h, String edition, long id, String title, String description) {
    return h.createUpdate(
                "UPDATE series SET title = :title, description = :description WHERE id = :id AND edition = :e")
            .bind("title", title)
            .bind("description", description)
            .bind("id", id)
            .bind("e", edition)
            .execute()
        > 0;
  }

  public static long insert(
      Handle h, String edition, String slug, String title, String description, boolean promoted) {
    return h.createUpdate("""
            INSERT INTO series (edition, slug, title, description, promoted)
            VALUES (:edition, :slug, :title, :description, :promoted)""")
        .bind("edition", edition)
        .bind("slug", slug)
        .bind("title", title)
        .bind("description", description)
        .bind("promoted", promoted)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** The ids of the edition's series, inside a transaction. */
  public static java.util.Set<Long> ids(Handle h, String edition) {
    return java.util.Set.copyOf(h.createQuery("SELECT id FROM series WHERE edition = :edition")
        .bind("edition", edition)
        .mapTo(Long.class)
        .list());
  }

  public static Series map(ResultSet rs) throws SQLException {
    return new Series(
        rs.getLong("id"),
        rs.getString("edition"),
        rs.getString("slug"),
        rs.getString("title"),
        rs.getString("description"),
        rs.getBoolean("promoted"));
  }

  public java.util.List<Series> list(String edition) {
    return database.read(h -> h.createQuery(
            "SELECT id, edition, slug, title, description, promoted FROM series WHERE edition = :edition ORDER BY title")
        .bind("edition", edition)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  /** The id of the series promoted to the edition's banner, or null, inside a transaction. */
  public static Long promoted(Handle h, String edition) {
    return h.createQuery(
            "SELECT id FROM series WHERE edition = :edition AND promoted = TRUE ORDER BY id LIMIT 1")
        .bind("edition", edition)
        .mapTo(Long.class)
        .findOne()
        .orElse(null);
  }

  /** Makes one series the edition's site banner (or none, with null). */
  public static void promote(Handle h, String edition, Long seriesId) {
    h.createUpdate("UPDATE series SET promoted = (id = :id) WHERE edition = :edition")
        .bindByType("id", seriesId == null ? -1L : seriesId, Long.class)
        .bind("edition", edition)
        .execute();
  }
}
