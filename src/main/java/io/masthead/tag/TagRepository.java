package io.masthead.tag;

import io.masthead.storage.Database;
import java.util.List;
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

  public static List<Tag> ofArticle(Handle h, long articleId) {
    return h.createQuery("""
            SELECT t.id, t.edition, t.slug, t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id
            WHERE at.article_id = :id ORDER BY t.name""")
        .bind("id", articleId)
        .map((rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")))
        .list();
  }

  public static long insert(Handle h, String edition, String slug, String name) {
    return h.createUpdate("INSERT INTO tag (edition, slug, name) VALUES (:edition, :slug, :name)")
        .bind("edition", edition).bind("slug", slug).bind("name", name)
        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
  }
}
