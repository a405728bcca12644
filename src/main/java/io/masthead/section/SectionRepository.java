package io.masthead.section;

import io.masthead.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** Reads and writes sections. Thread-safe. */
public final class SectionRepository {
  private final Database database;

  public SectionRepository(Database database) {
    this.database = database;
  }

  public SectionTree tree(String edition) {
    return database.read(h -> tree(h, edition));
  }

  public static SectionTree tree(Handle h, String edition) {
    return new SectionTree(h.createQuery(
            "SELECT id, edition, slug, name, description, parent_id, position FROM section WHERE edition = :edition")
        .bind("edition", edition)
        .map((rs, ctx) -> map(rs, ""))
        .list());
  }

  public static boolean slugTaken(Handle h, String edition, String slug) {
    return io.masthead.storage.EditionScoped.slugTaken(h, "section", edition, slug);
  }

  static void update(
      Handle h, long id, String name, Long parentId, int position, String description) {
    h.createUpdate(
            "UPDATE section SET name = :name, parent_id = :parent, position = :position, description = :description WHERE id = :id")
        .bind("name", name)
        .bindByType("parent", parentId, Long.class)
        .bind("position", position)
        .bind("description", description)
        .bind("id", id)
        .execute();
  }

  /** A moved section's live articles leave the old parent's listing and join the new parent's. */
  static void moveListings(Handle h, long sectionId, Long oldParentId, Long newParentId) {
    if (oldParentId != null) {
      h.createUpdate(
              "DELETE FROM listing WHERE listing = :old AND article_id IN (SELECT id FROM article WHERE section_id = :id)")
          .bind("old", io.masthead.change.Tags.section(oldParentId))
          .bind("id", sectionId)
          .execute();
    }
    if (newParentId != null) {
      h.createUpdate("""
              INSERT INTO listing (listing, published_at, article_id)
              SELECT :key, published_at, id FROM article WHERE section_id = :id AND status = 'published'""")
          .bind("key", io.masthead.change.Tags.section(newParentId))
          .bind("id", sectionId)
          .execute();
    }
  }

  public static long insert(
      Handle h,
      String edition,
      String slug,
      String name,
      String description,
      Long parentId,
      int position) {
    return h.createUpdate("""
            INSERT INTO section (edition, slug, name, description, parent_id, position)
            VALUES (:edition, :slug, :name, :description, :parent, :position)""")
        .bind("edition", edition)
        .bind("slug", slug)
        .bind("name", name)
        .bind("description", description)
        .bind("parent", parentId)
        .bind("position", position)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** Maps section columns read with a prefix ({@code s_id}, {@code s_slug}…) or none. */
  public static Section map(ResultSet rs, String prefix) throws SQLException {
    long parent = rs.getLong(prefix + "parent_id");
    Long parentId = rs.wasNull() ? null : parent;
    return new Section(
        rs.getLong(prefix + "id"),
        rs.getString(prefix + "edition"),
        rs.getString(prefix + "slug"),
        rs.getString(prefix + "name"),
        rs.getString(prefix + "description"),
        parentId,
        rs.getInt(prefix + "position"));
  }
}
