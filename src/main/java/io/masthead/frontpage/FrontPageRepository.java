package io.masthead.frontpage;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Reads and writes the curated front page of each edition. Thread-safe. */
public final class FrontPageRepository {
  private final Database database;

  public FrontPageRepository(Database database) {
    this.database = database;
  }

  public FrontPage get(String edition) {
    return database.read(h -> get(h, edition));
  }

  static FrontPage get(Handle h, String edition) {
    var top = h.createQuery(
            "SELECT article_id FROM front_page_top WHERE edition = :edition ORDER BY position")
        .bind("edition", edition)
        .mapTo(Long.class)
        .list();
    return h.createQuery("""
            SELECT lead_article_id, breaking_text, breaking_url, breaking_expires_at
              FROM front_page WHERE edition = :edition""")
        .bind("edition", edition)
        .map((rs, ctx) -> {
          long lead = rs.getLong("lead_article_id");
          Long leadId = rs.wasNull() ? null : lead;
          var text = rs.getString("breaking_text");
          var breaking = text == null || text.isBlank()
              ? null
              : new FrontPage.Breaking(
                  text, rs.getString("breaking_url"), Dialect.instant(rs, "breaking_expires_at"));
          return new FrontPage(edition, leadId, top, breaking);
        })
        .findOne()
        .orElse(new FrontPage(edition, null, top, null));
  }

  static void save(Handle h, FrontPage page) {
    h.createUpdate("DELETE FROM front_page_top WHERE edition = :edition")
        .bind("edition", page.edition())
        .execute();
    h.createUpdate("DELETE FROM front_page WHERE edition = :edition")
        .bind("edition", page.edition())
        .execute();
    var breaking = page.breaking();
    h.createUpdate("""
            INSERT INTO front_page (edition, lead_article_id, breaking_text, breaking_url, breaking_expires_at)
            VALUES (:edition, :lead, :text, :url, :expires)""")
        .bind("edition", page.edition())
        .bindByType("lead", page.leadArticleId(), Long.class)
        .bind("text", breaking == null ? null : breaking.text())
        .bind("url", breaking == null ? null : breaking.url())
        .bindByType(
            "expires", breaking == null ? null : breaking.expiresAt(), java.time.Instant.class)
        .execute();
    int position = 0;
    for (var id : page.topArticleIds()) {
      h.createUpdate(
              "INSERT INTO front_page_top (edition, position, article_id) VALUES (:edition, :position, :id)")
          .bind("edition", page.edition())
          .bind("position", position++)
          .bind("id", id)
          .execute();
    }
  }

  /** Which of these ids are published articles of the edition. */
  static List<Long> published(Handle h, String edition, List<Long> ids) {
    if (ids.isEmpty()) return List.of();
    return h.createQuery(
            "SELECT id FROM article WHERE edition = :edition AND status = 'published' AND id IN (<ids>)")
        .bind("edition", edition)
        .bindList("ids", ids)
        .mapTo(Long.class)
        .list();
  }
}
