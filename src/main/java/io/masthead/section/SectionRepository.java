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

  public static long insert(Handle h, String edition, String slug, String name, String description, Long parentId, int position) {
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
