package io.masthead.newsroom;

import io.masthead.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Slows down password guessing: after {@value #PER_ACCOUNT} failed sign-ins for one account, or
 * {@value #PER_ADDRESS} from one address, within {@link #WINDOW}, further tries are refused until
 * the window passes. Counted in the database, so all nodes count together. Thread-safe.
 */
public final class SignInLimiter {
  public static final int PER_ACCOUNT = 5;
  public static final int PER_ADDRESS = 20;
  public static final Duration WINDOW = Duration.ofMinutes(15);

  private final Database database;
  private final Clock clock;

  public SignInLimiter(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** How long until another try is allowed; zero when one is allowed now. */
  public Duration waitBefore(String email, String address) {
    var since = clock.instant().minus(WINDOW);
    return database.read(h -> {
      var wait = Duration.ZERO;
      for (var check : new Object[][] {
        {"email:" + email.strip().toLowerCase(Locale.ROOT), PER_ACCOUNT},
        {"address:" + address, PER_ADDRESS}
      }) {
        var times = h.createQuery(
                "SELECT at FROM sign_in_failure WHERE subject = :subject AND at > :since ORDER BY at DESC")
            .bind("subject", (String) check[0])
            .bind("since", since)
            .mapTo(java.time.Instant.class)
            .list();
        int limit = (Integer) check[1];
        if (times.size() >= limit) {
          // The window frees up when the oldest of the last `limit` failures leaves it.
          var freeAt = times.get(limit - 1).plus(WINDOW);
          var until = Duration.between(clock.instant(), freeAt);
          if (until.compareTo(wait) > 0) wait = until;
        }
      }
      return wait;
    });
  }

  public void failed(String email, String address) {
    var now = clock.instant();
    database.useTransaction(h -> {
      h.createUpdate("DELETE FROM sign_in_failure WHERE at < :old")
          .bind("old", now.minus(WINDOW))
          .execute();
      for (var subject :
          new String[] {"email:" + email.strip().toLowerCase(Locale.ROOT), "address:" + address}) {
        h.createUpdate("INSERT INTO sign_in_failure (subject, at) VALUES (:subject, :at)")
            .bind("subject", subject.length() > 300 ? subject.substring(0, 300) : subject)
            .bind("at", now)
            .execute();
      }
    });
  }

  public void succeeded(String email) {
    database.useTransaction(h -> h.createUpdate(
            "DELETE FROM sign_in_failure WHERE subject = :subject")
        .bind("subject", "email:" + email.strip().toLowerCase(Locale.ROOT))
        .execute());
  }
}
