package io.masthead.upkeep;

import io.masthead.change.ChangeLog;
import io.masthead.storage.Database;
import io.masthead.storage.Leases;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes rows nobody needs any more, on a schedule, once across all nodes (a lease): the change
 * log below every durable follower's cursor and older than {@link Policy#changeLog}, durable
 * cursors nobody has moved for {@link Policy#idleCursor} (a node that is gone for good), expired
 * sessions, sign-in counters untouched for the limiter's window, and readers who starred nothing for
 * {@link Policy#emptyReader}. Thread-safe.
 */
public final class Retention implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  static final String JOB = "retention";

  /**
   * How long each kind of row is kept. {@code wireFiles}: the files agencies delivered, kept as
   * received for audit; the items read from them stay (only the link to the file goes).
   */
  public record Policy(
      Duration changeLog,
      Duration idleCursor,
      Duration signInCounters,
      Duration emptyReader,
      Duration wireFiles) {
    public static final Policy DEFAULT = new Policy(
        Duration.ofDays(2),
        Duration.ofDays(30),
        Duration.ofHours(1),
        Duration.ofDays(30),
        Duration.ofDays(90));
  }

  private final Database database;
  private final Leases leases;
  private final Clock clock;
  private final Policy policy;
  private final String node;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  public Retention(Database database, Clock clock, Policy policy, String node) {
    this.database = database;
    this.leases = new Leases(database, clock);
    this.clock = clock;
    this.policy = policy;
    this.node = node;
  }

  /** Prunes now, if this node gets the lease; returns how many rows each table lost (empty when another node has the lease). */
  public Map<String, Integer> runOnce() {
    if (!leases.claim(JOB, node, Duration.ofMinutes(10))) return Map.of();
    var now = clock.instant();
    var deleted = new LinkedHashMap<String, Integer>();
    database.useTransaction(h -> {
      deleted.put(
          "change_cursor",
          h.createUpdate("DELETE FROM change_cursor WHERE updated_at < :before")
              .bind("before", now.minus(policy.idleCursor()))
              .execute());
      long needed = ChangeLog.lowestNeeded(h);
      deleted.put(
          "change_log",
          h.createUpdate("DELETE FROM change_log WHERE id < :needed AND created_at < :before")
              .bind("needed", needed)
              .bind("before", now.minus(policy.changeLog()))
              .execute());
      deleted.put(
          "staff_session",
          h.createUpdate("DELETE FROM staff_session WHERE expires_at < :now")
              .bind("now", now)
              .execute());
      deleted.put(
          "sign_in_counter",
          h.createUpdate("DELETE FROM sign_in_counter WHERE last_at < :before")
              .bind("before", now.minus(policy.signInCounters()))
              .execute());
      deleted.put(
          "reader",
          h.createUpdate("""
              DELETE FROM reader WHERE created_at < :before AND NOT EXISTS (SELECT 1 FROM favorite f WHERE f.reader_id = reader.id)""").bind("before", now.minus(policy.emptyReader())).execute());
      // The delivery log of webhooks: a month of finished deliveries is kept for the newsroom.
      deleted.put(
          "webhook_delivery",
          io.masthead.webhook.WebhookRepository.prune(h, now.minus(policy.idleCursor())));
      deleted.put(
          "wire_delivery", io.masthead.wire.WireRepository.prune(h, now.minus(policy.wireFiles())));
    });
    if (deleted.values().stream().anyMatch(n -> n > 0)) log.info("retention pruned {}", deleted);
    database.optimize();
    return deleted;
  }

  /** Runs {@link #runOnce} now and then every {@code every}, until closed. */
  public Retention start(Duration every) {
    thread = Thread.ofVirtual().name("retention").start(() -> {
      try {
        do {
          try {
            runOnce();
          } catch (RuntimeException e) {
            log.warn("retention failed, trying again later: {}", e.toString());
          }
        } while (!stopped.await(every.toMillis(), TimeUnit.MILLISECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return this;
  }

  @Override
  public void close() {
    stopped.countDown();
    if (thread != null) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
