package io.masthead.newsroom;

import io.masthead.storage.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Staff sessions, kept in the database so that any node serves any signed-in browser. The
 * cookie carries a random token; the table keeps only its hash, with the session's CSRF token.
 * Thread-safe.
 */
public final class Sessions {
  public static final String COOKIE = "mh_staff";
  public static final Duration LIFETIME = Duration.ofHours(12);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A signed-in member of staff and the token their forms must carry. */
  public record Session(Staff staff, String csrfToken) {}

  private final Database database;
  private final Clock clock;

  public Sessions(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Starts a session and returns the cookie value. */
  public String start(Staff staff) {
    var token = randomToken();
    var now = clock.instant();
    database.useTransaction(h -> {
      h.createUpdate("DELETE FROM staff_session WHERE expires_at < :now")
          .bind("now", now)
          .execute();
      h.createUpdate("""
              INSERT INTO staff_session (token_hash, staff_id, csrf_token, created_at, expires_at)
              VALUES (:hash, :staff, :csrf, :now, :expires)""")
          .bind("hash", hash(token))
          .bind("staff", staff.id())
          .bind("csrf", randomToken())
          .bind("now", now)
          .bind("expires", now.plus(LIFETIME))
          .execute();
    });
    return token;
  }

  public Optional<Session> find(String token) {
    if (token == null || token.length() != 43) return Optional.empty();
    return database.read(h -> h.createQuery("""
            SELECT s.id, s.email, s.name, s.role, s.disabled, x.csrf_token
              FROM staff_session x JOIN staff s ON s.id = x.staff_id
             WHERE x.token_hash = :hash AND x.expires_at > :now AND s.disabled = FALSE""")
        .bind("hash", hash(token))
        .bind("now", clock.instant())
        .map((rs, ctx) -> new Session(StaffService.map(rs), rs.getString("csrf_token")))
        .findOne());
  }

  public void end(String token) {
    if (token == null) return;
    database.useTransaction(
        h -> h.createUpdate("DELETE FROM staff_session WHERE token_hash = :hash")
            .bind("hash", hash(token))
            .execute());
  }

  /** Compares a form's CSRF token with the session's in constant time. */
  public static boolean csrfMatches(Session session, String given) {
    return given != null
        && MessageDigest.isEqual(
            session.csrfToken().getBytes(StandardCharsets.US_ASCII),
            given.getBytes(StandardCharsets.US_ASCII));
  }

  private static String randomToken() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256")
              .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
