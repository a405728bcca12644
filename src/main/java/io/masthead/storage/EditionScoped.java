package io.masthead.storage;

import java.util.Set;
import org.jdbi.v3.core.Handle;

/** What the tables of an edition's named things (sections, series, tags, authors) have in common. */
public final class EditionScoped {
  private static final Set<String> TABLES = Set.of("section", "series", "tag", "author");

  private EditionScoped() {}

  /** Whether the edition has a row of {@code table} with this slug. */
  public static boolean slugTaken(Handle h, String table, String edition, String slug) {
    if (!TABLES.contains(table))
      throw new IllegalArgumentException("not an edition's table: " + table);
    return h.createQuery("SELECT COUNT(*) FROM " + table + " WHERE edition = :e AND slug = :s")
            .bind("e", edition)
            .bind("s", slug)
            .mapTo(Long.class)
            .one()
        > 0;
  }
}
