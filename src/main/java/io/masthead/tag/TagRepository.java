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
    return database.read(h -> h.createQuery(
            "SELECT id, edition, slug, name FROM tag WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", slug)
        .map((rs, ctx) -> new Tag(
            rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")))
        .findOne());
  }

  public static boolean slugTaken(Handle h, String edition, String slug) {
    return io.masthead.storage.EditionScoped.slugTaken(h, "tag", edition, slug);
  }

  static boolean rename(Handle h, String edition, long id, String name) {
    return h.createUpdate("UPDATE tag SET name = :name WHERE id = :id AND edition = :e")
            .bind("name", name)
            .bind("id", id)
            .bind("e", edition)
            .execute()
        > 0;
  }

  public static long insert(Handle h, String edition, String slug, String name) {
    return h.createUpdate("INSERT INTO tag (edition, slug, name) VALUES (:edition, :slug, :name)")
        .bind("edition", edition)
        .bind("slug", slug)
        .bind("name", name)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /**
   * The edition's tag with this name, made when there is none yet, inside the caller's
   * transaction: a save that fails afterwards leaves no tag behind. Two writers making the same
   * tag at once do not fail: the second finds the first's.
   */
  public static long findOrCreate(Handle h, String edition, String name) {
    var clean = name.strip();
    var slug = io.masthead.text.Slug.fromText(clean).value();
    h.createUpdate(
            "INSERT INTO tag (edition, slug, name) VALUES (:edition, :slug, :name) ON CONFLICT (edition, slug) DO NOTHING")
        .bind("edition", edition)
        .bind("slug", slug)
        .bind("name", clean)
        .execute();
    return h.createQuery("SELECT id FROM tag WHERE edition = :edition AND slug = :slug")
        .bind("edition", edition)
        .bind("slug", slug)
        .mapTo(Long.class)
        .one();
  }

  /** The names of these tags, in the order given; unknown ids are skipped. */
  public static java.util.List<String> names(Handle h, java.util.List<Long> ids) {
    if (ids.isEmpty()) return java.util.List.of();
    var byId = new java.util.HashMap<Long, String>();
    h.createQuery("SELECT id, name FROM tag WHERE id IN (<ids>)")
        .bindList("ids", ids)
        .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(e -> byId.put(e.getKey(), e.getValue()));
    return ids.stream().filter(byId::containsKey).map(byId::get).toList();
  }

  public java.util.List<Tag> list(String edition) {
    return database.read(h -> h.createQuery(
            "SELECT id, edition, slug, name FROM tag WHERE edition = :edition ORDER BY name")
        .bind("edition", edition)
        .map((rs, ctx) -> new Tag(
            rs.getLong("id"), rs.getString("edition"), rs.getString("slug"), rs.getString("name")))
        .list());
  }
}
