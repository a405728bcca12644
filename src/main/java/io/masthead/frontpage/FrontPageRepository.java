package io.masthead.frontpage;

import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.Clock;
import java.util.List;

/** Reads and saves the curated front page of each edition. Thread-safe. */
public final class FrontPageRepository {
  private final Database database;
  private final ChangeLog changeLog;
  private final Clock clock;

  public FrontPageRepository(Database database, ChangeLog changeLog, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.clock = clock;
  }

  public FrontPage get(String edition) {
    return database.read(h -> {
      var top = h.createQuery("SELECT article_id FROM front_page_top WHERE edition = :edition ORDER BY position")
          .bind("edition", edition).mapTo(Long.class).list();
      return h.createQuery("""
              SELECT lead_article_id, breaking_text, breaking_url, breaking_expires_at
                FROM front_page WHERE edition = :edition""")
          .bind("edition", edition)
          .map((rs, ctx) -> {
            long lead = rs.getLong("lead_article_id");
            Long leadId = rs.wasNull() ? null : lead;
            var text = rs.getString("breaking_text");
            var breaking = text == null || text.isBlank() ? null
                : new FrontPage.Breaking(text, rs.getString("breaking_url"), Dialect.instant(rs, "breaking_expires_at"));
            return new FrontPage(edition, leadId, top, breaking);
          })
          .findOne()
          .orElse(new FrontPage(edition, null, top, null));
    });
  }

  public void save(FrontPage page) {
    var before = get(page.edition());
    database.useTransaction(h -> {
      h.createUpdate("DELETE FROM front_page_top WHERE edition = :edition").bind("edition", page.edition()).execute();
      h.createUpdate("DELETE FROM front_page WHERE edition = :edition").bind("edition", page.edition()).execute();
      var breaking = page.breaking();
      h.createUpdate("""
              INSERT INTO front_page (edition, lead_article_id, breaking_text, breaking_url, breaking_expires_at)
              VALUES (:edition, :lead, :text, :url, :expires)""")
          .bind("edition", page.edition())
          .bind("lead", page.leadArticleId())
          .bind("text", breaking == null ? null : breaking.text())
          .bind("url", breaking == null ? null : breaking.url())
          .bindByType("expires", breaking == null ? null : breaking.expiresAt(), java.time.Instant.class)
          .execute();
      int position = 0;
      for (var id : page.topArticleIds()) {
        h.createUpdate("INSERT INTO front_page_top (edition, position, article_id) VALUES (:edition, :position, :id)")
            .bind("edition", page.edition()).bind("position", position++).bind("id", id).execute();
      }
      var tags = new java.util.ArrayList<>(List.of(FrontPage.cacheTag(page.edition())));
      if (!java.util.Objects.equals(before.breaking(), page.breaking())) tags.add(FrontPage.breakingTag(page.edition()));
      ChangeLog.append(h, clock, "frontpage.saved", tags);
    });
    changeLog.poke();
  }
}
