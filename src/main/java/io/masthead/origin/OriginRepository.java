package io.masthead.origin;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The import_origin table: what an import wrote for each thing of its source. */
public final class OriginRepository {
  private OriginRepository() {}

  public static Optional<Origin.Known> find(Handle h, Origin origin) {
    return h.createQuery("""
            SELECT target_id, fingerprint FROM import_origin
             WHERE source = :source AND kind = :kind AND source_id = :id""")
        .bind("source", origin.source())
        .bind("kind", origin.kind())
        .bind("id", origin.sourceId())
        .map((rs, ctx) -> new Origin.Known(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /** Records (or moves on) what {@code origin} was written as, in the caller's transaction. */
  public static void record(Handle h, Origin origin, long targetId, Instant now) {
    // The same upsert on SQLite and PostgreSQL.
    h.createUpdate("""
            INSERT INTO import_origin (source, kind, source_id, target_id, fingerprint, imported_at)
            VALUES (:source, :kind, :id, :target, :fingerprint, :now)
            ON CONFLICT (source, kind, source_id) DO UPDATE
               SET target_id = excluded.target_id, fingerprint = excluded.fingerprint,
                   imported_at = excluded.imported_at""")
        .bind("source", origin.source())
        .bind("kind", origin.kind())
        .bind("id", origin.sourceId())
        .bind("target", targetId)
        .bind("fingerprint", origin.fingerprint())
        .bind("now", now)
        .execute();
  }
}
