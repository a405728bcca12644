package io.masthead.author;

import io.masthead.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes authors. Thread-safe. */
public final class AuthorRepository {
  private final Database database;

  public AuthorRepository(Database database) {
    this.database = database;
  }

  public Optional<Author> findBySlug(String edition, String slug) {
    return database.read(h -> h.createQuery(
            "SELECT id, edition, slug, name, job_title, bio FROM author WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", slug)
        .map((rs, ctx) -> map(rs, ""))
        .findOne());
  }

  public static boolean slugTaken(Handle h, String edition, String slug) {
    return io.masthead.storage.EditionScoped.slugTaken(h, "author", edition, slug);
  }

  static boolean update(
      Handle h, String edition, long id, String name, String jobTitle, String bio) {
    return h.createUpdate(
                "UPDATE author SET name = :name, job_title = :job, bio = :bio WHERE id = :id AND edition = :e")
            .bind("name", name)
            .bind("job", jobTitle)
            .bind("bio", bio)
            .bind("id", id)
            .bind("e", edition)
            .execute()
        > 0;
  }

  public static long insert(
      Handle h, String edition, String slug, String name, String jobTitle, String bio) {
    return h.createUpdate("""
            INSERT INTO author (edition, slug, name, job_title, bio) VALUES (:edition, :slug, :name, :job, :bio)""")
        .bind("edition", edition)
        .bind("slug", slug)
        .bind("name", name)
        .bind("job", jobTitle)
        .bind("bio", bio)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** The ids of the edition's authors, inside a transaction. */
  public static java.util.Set<Long> ids(Handle h, String edition) {
    return java.util.Set.copyOf(h.createQuery("SELECT id FROM author WHERE edition = :edition")
        .bind("edition", edition)
        .mapTo(Long.class)
        .list());
  }

  public static Author map(ResultSet rs, String prefix) throws SQLException {
    return new Author(
        rs.getLong(prefix + "id"),
        rs.getString(prefix + "edition"),
        rs.getString(prefix + "slug"),
        rs.getString(prefix + "name"),
        rs.getString(prefix + "job_title"),
        rs.getString(prefix + "bio"));
  }

  public java.util.List<Author> list(String edition) {
    return database.read(h -> h.createQuery(
            "SELECT id, edition, slug, name, job_title, bio FROM author WHERE edition = :edition ORDER BY name")
        .bind("edition", edition)
        .map((rs, ctx) -> map(rs, ""))
        .list());
  }
}
