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
    return database.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM series WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition).bind("slug", slug)
        .map((rs, ctx) -> map(rs)).findOne());
  }

  /** The series promoted to the edition's site banner, if any. */
  public Optional<Series> promoted(String edition) {
    return database.read(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM series WHERE edition = :edition AND promoted = TRUE ORDER BY id LIMIT 1")
        .bind("edition", edition)
        .map((rs, ctx) -> map(rs)).findOne());
  }

  public static long insert(Handle h, String edition, String slug, String title, String description, boolean promoted) {
    return h.createUpdate("""
            INSERT INTO series (edition, slug, title, description, promoted)
            VALUES (:edition, :slug, :title, :description, :promoted)""")
        .bind("edition", edition).bind("slug", slug).bind("title", title)
        .bind("description", description).bind("promoted", promoted)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }

  public static Series map(ResultSet rs) throws SQLException {
    return new Series(rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("title"),
        rs.getString("description"), rs.getBoolean("promoted"));
  }

  public java.util.List<Series> list(String edition) {
    return database.read(h -> h.createQuery("SELECT id, edition, slug, title, description, promoted FROM series WHERE edition = :edition ORDER BY title")
        .bind("edition", edition).map((rs, ctx) -> map(rs)).list());
  }

  /**
   * Makes one series the edition's site banner (or none, with null), logging the edition's
   * structure tag so that every page of the edition drops its cached copy.
   */
  public void promote(String edition, Long seriesId, io.masthead.storage.ChangeLog changeLog, java.time.Clock clock) {
    database.useTransaction(h -> {
      h.createUpdate("UPDATE series SET promoted = (id = :id) WHERE edition = :edition")
          .bindByType("id", seriesId == null ? -1L : seriesId, Long.class).bind("edition", edition).execute();
      io.masthead.storage.ChangeLog.append(h, clock, "series.promoted", java.util.List.of("structure:" + edition));
    });
    changeLog.poke();
  }
}
