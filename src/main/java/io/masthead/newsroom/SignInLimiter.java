package io.masthead.newsroom;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * Slows down password guessing without handing anyone a way to lock others out. Within
 * {@link #WINDOW}: {@value #PER_ACCOUNT_AND_ADDRESS} tries for one account from one address, and
 * {@value #PER_ADDRESS} tries from one address, then that address waits for the window to pass;
 * an account tried more than {@value #SLOW_AFTER} times from anywhere is slowed to one try every
 * {@link #SLOW_INTERVAL}, never locked, so its owner can still sign in from their own address.
 *
 * <p>Each try is reserved before the password is checked, by a conditional UPDATE of one counter
 * row per subject in one transaction, so parallel tries are counted exactly (a burst of 16 gets 5
 * checks, not 6). A successful sign-in clears its account's counters. Counted in the database,
 * so all nodes count together. Thread-safe.
 */
public final class SignInLimiter {
  public static final int PER_ACCOUNT_AND_ADDRESS = 5;
  public static final int PER_ADDRESS = 20;
  public static final int SLOW_AFTER = 10;
  public static final Duration SLOW_INTERVAL = Duration.ofSeconds(3);
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Database database;
  private final Clock clock;

  public SignInLimiter(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A try refused: how long until the next is allowed. */
  private static final class Wait extends RuntimeException {
    final Duration duration;

    Wait(Duration duration) {
      super(null, null, false, false);
      this.duration = duration;
    }
  }

  /**
   * Reserves one try for {@code email} from {@code address}: zero when it may go ahead (the
   * password is then checked), else how long to wait, and nothing was counted.
   */
  public Duration tryNow(String email, String address) {
    var now = clock.instant();
    var windowStart = now.minus(WINDOW);
    var account = "account:" + normal(email);
    try {
      database.useTransaction(h -> {
        count(h, account + " address:" + address, PER_ACCOUNT_AND_ADDRESS, null, now, windowStart);
        count(h, "address:" + address, PER_ADDRESS, null, now, windowStart);
        count(h, account, SLOW_AFTER, SLOW_INTERVAL, now, windowStart);
      });
      return Duration.ZERO;
    } catch (Wait wait) {
      return wait.duration;
    }
  }

  /**
   * The right password: the account's counters start again, and the address gets its try back (an
   * office behind one address signs in many people; only wrong passwords should use it up).
   */
  public void succeeded(String email, String address) {
    var account = "account:" + normal(email);
    database.useTransaction(h -> {
      h.createUpdate("DELETE FROM sign_in_counter WHERE subject IN (<subjects>)")
          .bindList("subjects", java.util.List.of(account, account + " address:" + address))
          .execute();
      h.createUpdate(
              "UPDATE sign_in_counter SET attempts = attempts - 1 WHERE subject = :subject AND attempts > 0")
          .bind("subject", "address:" + address)
          .execute();
    });
  }

  /**
   * Counts one try for {@code subject} in the window. Past {@code limit} tries the subject waits:
   * for the window to end, or, with a {@code spacing}, until that long after its last try.
   */
  private static void count(
      Handle h, String subject, int limit, Duration spacing, Instant now, Instant windowStart) {
    ensureRow(h, subject, now);
    int counted = h.createUpdate("""
            UPDATE sign_in_counter
               SET attempts = CASE WHEN window_start < :window_start THEN 1 ELSE attempts + 1 END,
                   window_start = CASE WHEN window_start < :window_start THEN :now ELSE window_start END,
                   last_at = :now
             WHERE subject = :subject
               AND (window_start < :window_start OR attempts < :limit OR last_at <= :spaced_from)""")
        .bind("subject", subject)
        .bind("window_start", windowStart)
        .bind("now", now)
        .bind("limit", limit)
        // Without a spacing no earlier try is ever far enough back.
        .bind("spaced_from", spacing == null ? Instant.EPOCH : now.minus(spacing))
        .execute();
    if (counted == 0) {
      var times = h.createQuery(
              "SELECT window_start, last_at FROM sign_in_counter WHERE subject = :subject")
          .bind("subject", subject)
          .map((rs, ctx) ->
              new Instant[] {Dialect.instant(rs, "window_start"), Dialect.instant(rs, "last_at")})
          .one();
      var freeAt = spacing == null ? times[0].plus(WINDOW) : times[1].plus(spacing);
      throw new Wait(positive(Duration.between(now, freeAt)));
    }
  }

  private static void ensureRow(Handle h, String subject, Instant now) {
    h.createUpdate("""
            INSERT INTO sign_in_counter (subject, window_start, attempts, last_at)
            VALUES (:subject, :now, 0, :long_ago) ON CONFLICT (subject) DO NOTHING""")
        .bind("subject", subject)
        .bind("now", now)
        .bind("long_ago", Instant.EPOCH)
        .execute();
  }

  private static Duration positive(Duration d) {
    return d.isNegative() || d.isZero() ? Duration.ofSeconds(1) : d;
  }

  private static String normal(String email) {
    var text = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    return text.length() > 254 ? text.substring(0, 254) : text;
  }
}
