package io.masthead.tag;

import io.masthead.storage.Database;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads and writes tags. Thread-safe. */
public final class TagRepository {
  private final Database database;

  public TagRepository(Database database) {
    this.database = database;
  }

  public Optional<Tag> findBySlug(String edition, String slug) {
    return database.read(h -> h.createQuery("SELECT id, edition, slug, name FROM tag WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition).bind("slug", slug)
        .map((rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")))
        .findOne());
  }


  public static long insert(Handle h, String edition, String slug, String name) {
    return h.createUpdate("INSERT INTO tag (edition, slug, name) VALUES (:edition, :slug, :name)")
        .bind("edition", edition).bind("slug", slug).bind("name", name)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }
}
