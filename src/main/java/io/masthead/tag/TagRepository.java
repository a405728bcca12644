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

  /** The edition's tag with this name, made when there is none yet. */
  public long findOrCreate(String edition, String name) {
    var clean = name.strip();
    var slug = io.masthead.article.Slug.fromText(clean).value();
    return database.inTransaction(h -> h.createQuery("SELECT id FROM tag WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition).bind("slug", slug).mapTo(Long.class).findOne()
        .orElseGet(() -> insert(h, edition, slug, clean)));
  }

  public java.util.List<Tag> list(String edition) {
    return database.read(h -> h.createQuery("SELECT id, edition, slug, name FROM tag WHERE edition = :edition ORDER BY name")
        .bind("edition", edition)
        .map((rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")))
        .list());
  }
}
