package io.masthead.newsroom;

import io.masthead.audit.AuditLog;
import io.masthead.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Tokens for the Admin API. A token acts as its owner, with the owner's role; it is shown once
 * when made ({@code mh_…}), and only its SHA-256 is stored. Thread-safe.
 */
public final class ApiTokens {
  public record Token(
      long id, String name, Instant createdAt, Instant lastUsedAt, boolean revoked) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final Database database;
  private final AuditLog audit;
  private final Clock clock;

  public ApiTokens(Database database, AuditLog audit, Clock clock) {
    this.database = database;
    this.audit = audit;
    this.clock = clock;
  }

  /** Makes a token for {@code staff} and returns it: the only time it can be seen. */
  public String create(Staff staff, String name) {
    var label = name == null || name.isBlank() ? "token" : name.strip();
    if (label.length() > 100)
      throw new io.masthead.command.Refusal.Rejected(
          "A token's name is at most 100 characters long.");
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    var token = "mh_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    database.useTransaction(h -> {
      h.createUpdate(
              "INSERT INTO api_token (staff_id, name, token_hash, created_at) VALUES (:staff, :name, :hash, :now)")
          .bind("staff", staff.id())
          .bind("name", label)
          .bind("hash", Sessions.hash(token))
          .bind("now", clock.instant())
          .execute();
      audit.record(h, staff.id(), "token.created", staff.email(), label);
    });
    return token;
  }

  /** The member of staff a live token acts as. */
  public Optional<Staff> authenticate(String token) {
    if (token == null || !token.startsWith("mh_") || token.length() > 100) return Optional.empty();
    var hash = Sessions.hash(token);
    var staff = database.read(h -> h.createQuery("""
            SELECT s.id, s.email, s.name, s.role, s.disabled FROM api_token t JOIN staff s ON s.id = t.staff_id
             WHERE t.token_hash = :hash AND t.revoked_at IS NULL AND s.disabled = FALSE""")
        .bind("hash", hash)
        .map((rs, ctx) -> StaffService.map(rs))
        .findOne());
    staff.ifPresent(s -> database.useTransaction(
        h -> h.createUpdate("UPDATE api_token SET last_used_at = :now WHERE token_hash = :hash")
            .bind("now", clock.instant())
            .bind("hash", hash)
            .execute()));
    return staff;
  }

  public List<Token> list(Staff staff) {
    return database.read(h -> h.createQuery(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM api_token WHERE staff_id = :staff ORDER BY id DESC")
        .bind("staff", staff.id())
        .map((rs, ctx) -> new Token(
            rs.getLong("id"),
            rs.getString("name"),
            io.masthead.storage.Dialect.instant(rs, "created_at"),
            io.masthead.storage.Dialect.instant(rs, "last_used_at"),
            rs.getObject("revoked_at") != null))
        .list());
  }

  /** Revokes one of the owner's own tokens; false when it is not theirs. */
  public boolean revoke(Staff staff, long tokenId) {
    return database.inTransaction(h -> {
      int changed = h.createUpdate(
              "UPDATE api_token SET revoked_at = :now WHERE id = :id AND staff_id = :staff AND revoked_at IS NULL")
          .bind("now", clock.instant())
          .bind("id", tokenId)
          .bind("staff", staff.id())
          .execute();
      if (changed > 0)
        audit.record(h, staff.id(), "token.revoked", staff.email(), "token " + tokenId);
      return changed > 0;
    });
  }
}
