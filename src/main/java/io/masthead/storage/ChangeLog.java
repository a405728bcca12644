package io.masthead.storage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change log: every write a reader could see appends one row, in the same transaction,
 * naming the tags of what it touched ({@code article:42}, {@code section:7}, {@code home:en}).
 * Each node follows the table from the last id it saw and hands every new row's tags to its
 * listeners (the page cache), so one mechanism serves one node and many.
 *
 * <p>Thread-safe. {@link #append} must run inside the writing transaction; {@link #poke} after
 * the commit makes this node see the change at once instead of at the next poll.
 */
public final class ChangeLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);
  /** On PostgreSQL a lower id can commit after a higher one; keep looking for it this long. */
  private static final long GAP_PATIENCE_MILLIS = 10_000;

  public record Change(long id, String kind, Set<String> tags) {}

  private final Database database;
  private final Clock clock;
  private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition poked = lock.newCondition();
  private final java.util.Map<Long, Long> gaps = new java.util.HashMap<>();
  private volatile long lastSeenId;
  private volatile boolean running;
  private Thread follower;

  public ChangeLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public static void append(Handle handle, Clock clock, String kind, Collection<String> tags) {
    Database.requireTransaction(handle);
    handle
        .createUpdate("INSERT INTO change_log (created_at, kind, tags) VALUES (:at, :kind, :tags)")
        .bind("at", clock.instant())
        .bind("kind", kind)
        .bind("tags", String.join(" ", new TreeSet<>(tags)))
        .execute();
  }

  /** Listeners are called in the order they were added, on the follower thread. */
  public void addListener(Consumer<Change> listener) {
    listeners.add(listener);
  }

  /** Starts following from the newest row: what happened before this node started is moot. */
  public void start(long pollMillis) {
    lastSeenId = database.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM change_log").mapTo(Long.class).one());
    running = true;
    follower = Thread.ofVirtual().name("change-log-follower").start(() -> follow(pollMillis));
  }

  /** Wakes the follower now; called after a local commit. */
  public void poke() {
    lock.lock();
    try {
      poked.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reads and dispatches every row not yet seen. Returns how many were dispatched. */
  public synchronized int catchUp() {
    var changes = database.read(h -> {
      var rows = new ArrayList<Change>();
      h.createQuery("SELECT id, kind, tags FROM change_log WHERE id > :after ORDER BY id")
          .bind("after", lastSeenId)
          .map((rs, ctx) -> new Change(rs.getLong("id"), rs.getString("kind"), tagsOf(rs.getString("tags"))))
          .forEach(rows::add);
      if (!gaps.isEmpty()) {
        h.createQuery("SELECT id, kind, tags FROM change_log WHERE id IN (<ids>)")
            .bindList("ids", List.copyOf(gaps.keySet()))
            .map((rs, ctx) -> new Change(rs.getLong("id"), rs.getString("kind"), tagsOf(rs.getString("tags"))))
            .forEach(rows::add);
      }
      return rows;
    });
    long now = clock.millis();
    gaps.values().removeIf(since -> now - since > GAP_PATIENCE_MILLIS);
    for (var change : changes) {
      gaps.remove(change.id());
      if (change.id() > lastSeenId) {
        for (long missing = lastSeenId + 1; missing < change.id(); missing++) gaps.put(missing, now);
        lastSeenId = change.id();
      }
      for (var listener : listeners) {
        try {
          listener.accept(change);
        } catch (RuntimeException e) {
          log.error("change log listener failed on change {}", change.id(), e);
        }
      }
    }
    return changes.size();
  }

  private void follow(long pollMillis) {
    while (running) {
      try {
        catchUp();
      } catch (RuntimeException e) {
        if (running) log.warn("could not read the change log: {}", e.toString());
      }
      lock.lock();
      try {
        if (running) poked.await(pollMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  private static Set<String> tagsOf(String text) {
    return text.isBlank() ? Set.of() : Set.of(text.split(" "));
  }

  @Override
  public void close() {
    running = false;
    poke();
    if (follower != null) {
      try {
        follower.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
