package io.masthead.audit;

import io.masthead.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Who did what, when: written in the same transaction as the act. Thread-safe. */
public final class AuditLog {
  public record Entry(Instant at, String who, String action, String subject, String detail) {}

  private final Database database;
  private final Clock clock;

  public AuditLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** {@code staffId} is null for the program itself (the command line, the scheduler). */
  public void record(Handle h, Long staffId, String action, String subject, String detail) {
    h.createUpdate(
            "INSERT INTO audit_log (at, staff_id, action, subject, detail) VALUES (:at, :staff, :action, :subject, :detail)")
        .bind("at", clock.instant())
        .bindByType("staff", staffId, Long.class)
        .bind("action", action)
        .bind("subject", subject.length() > 300 ? subject.substring(0, 300) : subject)
        .bind("detail", detail.length() > 2000 ? detail.substring(0, 2000) : detail)
        .execute();
  }

  public List<Entry> newest(int limit) {
    return database.read(h -> h.createQuery("""
            SELECT l.at, COALESCE(s.name, 'Masthead') AS who, l.action, l.subject, l.detail
              FROM audit_log l LEFT JOIN staff s ON s.id = l.staff_id
             ORDER BY l.at DESC, l.id DESC LIMIT :limit""")
        .bind("limit", limit)
        .map((rs, ctx) -> new Entry(
            io.masthead.storage.Dialect.instant(rs, "at"),
            rs.getString("who"),
            rs.getString("action"),
            rs.getString("subject"),
            rs.getString("detail")))
        .list());
  }
}
