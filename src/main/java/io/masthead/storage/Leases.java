package io.masthead.storage;

import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * Work that must run once across all nodes (retention, later wire polls) is claimed here with a
 * conditional write: a node holds a job's lease until its time runs out, and another node can
 * take it over only after that. Thread-safe.
 */
public final class Leases {
  private final Database database;
  private final Clock clock;

  public Leases(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Takes the job's lease for {@code holder} when it is free or already theirs; false when another node holds it. */
  public boolean claim(String job, String holder, Duration length) {
    var now = clock.instant();
    return database.inTransaction(h -> {
      insertIfMissing(h, job);
      return h.createUpdate(
                  "UPDATE job_lease SET holder = :holder, until = :until WHERE job = :job AND (until < :now OR holder = :holder)")
              .bind("holder", holder)
              .bind("until", now.plus(length))
              .bind("job", job)
              .bind("now", now)
              .execute()
          > 0;
    });
  }

  private void insertIfMissing(Handle h, String job) {
    h.createUpdate(
            "INSERT INTO job_lease (job, holder, until) VALUES (:job, '', :long_ago) ON CONFLICT (job) DO NOTHING")
        .bind("job", job)
        .bind("long_ago", java.time.Instant.EPOCH)
        .execute();
  }
}
