package io.masthead.change;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change log: every write a reader could see appends one row, in the same transaction,
 * naming the {@link Change} and the tags it touched. Each node follows the table and hands every
 * new row to its followers, so one mechanism serves one node and many.
 *
 * <p>Two kinds of followers. Listeners ({@link #addListener}) are volatile: caches, which start at
 * the newest row when the node starts and may drop everything when in doubt. Durable followers
 * ({@link #follow}) keep a cursor in the {@code change_cursor} table and resume from it after a
 * restart or a crash, so they miss nothing; they see each change at least once (a crash between
 * handling a change and storing the cursor hands it over again).
 *
 * <p>On PostgreSQL an id can commit after a higher one; the ids skipped are kept as gaps and looked
 * for again for {@link #GAP_PATIENCE} (durable cursors store their gaps too). On PostgreSQL the
 * appending transaction also sends a NOTIFY, which wakes every node's follower at once; the poll
 * stays as the fallback.
 *
 * <p>Thread-safe. {@link #append} must run inside the writing transaction; it wakes this node's
 * follower after the commit by itself.
 */
public final class ChangeLog implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);
  /** On PostgreSQL a lower id can commit after a higher one; keep looking for it this long. */
  static final long GAP_PATIENCE_MILLIS = 10_000;

  static final String CHANNEL = "masthead_changes";
  private static final int BATCH = 500;

  /** One row of the log as a follower sees it. */
  public record Entry(long id, Instant at, String kind, Set<String> tags) {
    /** The articles this change touched (for a search index or a webhook). */
    public List<Long> articleIds() {
      return tags.stream()
          .map(t -> Tags.idOf(t, "article"))
          .flatMap(Optional::stream)
          .sorted()
          .toList();
    }
  }

  /** A durable follower's place in the log: the last id handed, and lower ids not seen yet. */
  public record Position(long lastId, List<Long> gaps) {
    public Position {
      gaps = List.copyOf(gaps);
    }
  }

  /**
   * Where a durable follower keeps its {@link Position}: by default a row of {@code
   * change_cursor}; a search index keeps it in its own commits, so the two never disagree.
   */
  public interface Cursor {
    /** The stored position; empty the first time. */
    Optional<Position> load();

    /** Stores the position once every change up to it was handled. */
    void save(Position position);
  }

  /**
   * Thrown by a durable follower that cannot handle a change now (the endpoint it sends to is
   * down): the same change is handed to it again at the next poll, and the log says so once, not
   * with a stack trace at every poll.
   */
  public static final class NotYet extends RuntimeException {
    public NotYet(String why) {
      super(why, null, false, false);
    }
  }

  private final Database database;
  private final Clock clock;
  private final Subscriber caches = new Subscriber(null, null);
  private final List<Subscriber> durable = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition poked = lock.newCondition();
  private volatile boolean running;
  private long pokes; // guarded by lock: a poke while the followers work is not lost
  private final List<Thread> followerThreads = new ArrayList<>();
  private AutoCloseable notifications;

  public ChangeLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /**
   * Appends the change inside the writing transaction, and wakes the followers once it commits:
   * this node's at once, other nodes' by NOTIFY on PostgreSQL, or at their next poll.
   */
  public void append(Handle handle, Change change) {
    Database.requireTransaction(handle);
    handle
        .createUpdate("INSERT INTO change_log (created_at, kind, tags) VALUES (:at, :kind, :tags)")
        .bind("at", clock.instant())
        .bind("kind", change.kind())
        .bind("tags", String.join(" ", new TreeSet<>(change.tags())))
        .execute();
    database.notify(handle, CHANNEL);
    handle.afterCommit(this::poke);
  }

  /** A volatile listener (a cache); listeners are called in the order they were added, on the follower thread. */
  public void addListener(Consumer<Entry> listener) {
    caches.listeners.add(listener);
  }

  /**
   * A durable follower named {@code name} (unique per node where its state is per node, such as
   * a search index on local disk). It resumes after the last change it was handed; the first
   * time a name is seen it starts at the newest change, as it is expected to have built its
   * state from the database. A listener that throws is handed the same change again at the next
   * poll. Before or after {@link #start}.
   */
  public void follow(String name, Consumer<Entry> listener) {
    follow(name, tableCursor(name), listener);
  }

  /**
   * A durable follower that keeps its place in {@code cursor}. Following a name again replaces
   * the follower of that name, at the position its new cursor holds (a rebuilt search index).
   */
  public synchronized void follow(String name, Cursor cursor, Consumer<Entry> listener) {
    if (name == null || name.isBlank() || name.length() > 100)
      throw new IllegalArgumentException("a follower needs a name of 1 to 100 characters");
    var subscriber = new Subscriber(name, cursor);
    subscriber.listeners.add(listener);
    // Loaded before it is handed to the follower thread, which must never see it half loaded.
    if (running) subscriber.load();
    unfollow(name);
    durable.add(subscriber);
  }

  /**
   * Stops handing changes to the durable follower of that name (its cursor stays). A batch it is
   * handling is finished first.
   */
  public synchronized void unfollow(String name) {
    for (var subscriber : durable) {
      if (!subscriber.name.equals(name)) continue;
      synchronized (subscriber) {
        subscriber.removed = true;
        durable.remove(subscriber);
      }
    }
  }

  /** The cursor kept in a row of {@code change_cursor}. */
  private Cursor tableCursor(String name) {
    return new Cursor() {
      @Override
      public Optional<Position> load() {
        return database.read(h -> h.createQuery(
                "SELECT last_id, gaps FROM change_cursor WHERE follower = :name")
            .bind("name", name)
            .map((rs, ctx) -> new Position(rs.getLong(1), parseGaps(rs.getString(2))))
            .findOne());
      }

      @Override
      public void save(Position position) {
        var gapText =
            position.gaps().stream().map(String::valueOf).collect(Collectors.joining(","));
        database.useTransaction(h -> h.createUpdate("""
                INSERT INTO change_cursor (follower, last_id, gaps, updated_at) VALUES (:name, :last, :gaps, :now)
                ON CONFLICT (follower) DO UPDATE SET last_id = :last, gaps = :gaps, updated_at = :now""")
            .bind("name", name)
            .bind("last", position.lastId())
            .bind("gaps", gapText.length() > 4000 ? "" : gapText)
            .bind("now", clock.instant())
            .execute());
      }
    };
  }

  /**
   * Starts following: caches from the newest row, durable followers from their cursors. A durable
   * follower may also be added after (a search index that opens while the server starts):
   * synchronized with {@link #follow}, each is loaded exactly once, here or there.
   */
  public synchronized void start(long pollMillis) {
    caches.lastSeenId = newestId();
    for (var subscriber : durable) subscriber.load();
    running = true;
    notifications = database.listen(CHANNEL, this::poke);
    // Caches and durable followers on threads of their own: a search index committing (an fsync)
    // must never hold up the dropping of cached pages.
    followerThreads.add(Thread.ofVirtual()
        .name("change-log-caches")
        .start(() -> follow(pollMillis, caches::catchUp)));
    followerThreads.add(Thread.ofVirtual()
        .name("change-log-durable")
        .start(() -> follow(pollMillis, this::catchUpDurable)));
  }

  public long newestId() {
    return database.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM change_log")
        .mapTo(Long.class)
        .one());
  }

  /** Wakes the followers now. */
  public void poke() {
    lock.lock();
    try {
      pokes++;
      poked.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Reads and dispatches every row not yet seen, to every follower. Returns how many rows were read. */
  public int catchUp() {
    return caches.catchUp() + catchUpDurable();
  }

  private int catchUpDurable() {
    int read = 0;
    for (var subscriber : durable) read += subscriber.catchUp();
    return read;
  }

  /**
   * How many changes each follower is behind the newest ("caches" for this node's caches, else
   * the durable follower's name), for /metrics.
   */
  public java.util.Map<String, Long> lag() {
    long newest = newestId();
    var lag = new java.util.LinkedHashMap<String, Long>();
    lag.put("caches", Math.max(0, newest - caches.lastSeenId));
    for (var subscriber : durable)
      lag.put(subscriber.name, Math.max(0, newest - subscriber.lastSeenId));
    return lag;
  }

  /** The lowest change id some durable follower still needs (for retention); the newest id + 1 when none. */
  public static long lowestNeeded(Handle h) {
    long newest = h.createQuery("SELECT COALESCE(MAX(id), 0) FROM change_log")
        .mapTo(Long.class)
        .one();
    long needed = newest + 1;
    for (var position : h.createQuery("SELECT last_id, gaps FROM change_cursor")
        .map((rs, ctx) -> new Position(rs.getLong(1), parseGaps(rs.getString(2))))
        .list()) {
      needed = Math.min(needed, position.lastId() + 1);
      for (long gap : position.gaps()) needed = Math.min(needed, gap);
    }
    return needed;
  }

  private void follow(long pollMillis, java.util.function.IntSupplier catchUp) {
    while (running) {
      long before;
      lock.lock();
      try {
        before = pokes;
      } finally {
        lock.unlock();
      }
      try {
        catchUp.getAsInt();
      } catch (RuntimeException e) {
        if (running) log.warn("could not read the change log: {}", e.toString());
      }
      lock.lock();
      try {
        // Poked while working: look again at once.
        if (running && pokes == before) poked.await(pollMillis, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
    }
  }

  /** One follower's position in the log: the caches share one; each durable follower has its own. */
  private final class Subscriber {
    final String name; // null: the volatile caches
    final Cursor cursor;
    final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    final Map<Long, Long> gaps = new HashMap<>(); // id not seen yet -> when it was first missed
    volatile long lastSeenId;
    boolean removed; // guarded by this: unfollowed, hands nothing more
    boolean waiting; // guarded by this: the follower said NotYet and has not taken a change since

    Subscriber(String name, Cursor cursor) {
      this.name = name;
      this.cursor = cursor;
    }

    void load() {
      var stored = cursor.load();
      long now = clock.millis();
      if (stored.isPresent()) {
        lastSeenId = stored.get().lastId();
        for (long gap : stored.get().gaps()) gaps.put(gap, now);
      } else {
        lastSeenId = newestId();
        save();
      }
    }

    synchronized int catchUp() {
      if (removed) return 0;
      var rows = database.read(h -> {
        var found = new ArrayList<Entry>();
        h.createQuery(
                "SELECT id, created_at, kind, tags FROM change_log WHERE id > :after ORDER BY id LIMIT "
                    + BATCH)
            .bind("after", lastSeenId)
            .map((rs, ctx) -> entry(rs))
            .forEach(found::add);
        if (!gaps.isEmpty()) {
          h.createQuery("SELECT id, created_at, kind, tags FROM change_log WHERE id IN (<ids>)")
              .bindList("ids", List.copyOf(gaps.keySet()))
              .map((rs, ctx) -> entry(rs))
              .forEach(found::add);
        }
        return found;
      });
      long now = clock.millis();
      boolean moved = gaps.values().removeIf(since -> now - since > GAP_PATIENCE_MILLIS);
      rows.sort(java.util.Comparator.comparingLong(Entry::id));
      for (var entry : rows) {
        if (!gaps.containsKey(entry.id()) && entry.id() <= lastSeenId) continue;
        if (!dispatch(entry)) break; // a durable follower failed: hand it the same change next time
        moved = true;
        gaps.remove(entry.id());
        if (entry.id() > lastSeenId) {
          for (long missing = lastSeenId + 1; missing < entry.id(); missing++)
            gaps.put(missing, now);
          lastSeenId = entry.id();
        }
      }
      if (moved && name != null) save();
      if (rows.size() >= BATCH) return rows.size() + catchUp();
      return rows.size();
    }

    private boolean dispatch(Entry entry) {
      for (var listener : listeners) {
        try {
          listener.accept(entry);
          if (waiting) {
            waiting = false;
            log.info("change log follower {} goes on from change {}", name, entry.id());
          }
        } catch (NotYet e) {
          if (!waiting) log.warn("change log follower {} waits: {}", name, e.getMessage());
          waiting = true;
          if (name != null) return false;
        } catch (RuntimeException e) {
          log.error(
              "change log follower {} failed on change {}",
              name == null ? "(caches)" : name,
              entry.id(),
              e);
          if (name != null) return false;
        }
      }
      return true;
    }

    void save() {
      cursor.save(new Position(lastSeenId, gaps.keySet().stream().sorted().toList()));
    }
  }

  private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    var text = rs.getString("tags");
    return new Entry(
        rs.getLong("id"),
        Dialect.instant(rs, "created_at"),
        rs.getString("kind"),
        text.isBlank() ? Set.of() : Set.of(text.split(" ")));
  }

  private static List<Long> parseGaps(String text) {
    if (text == null || text.isBlank()) return List.of();
    return Arrays.stream(text.split(",")).map(Long::parseLong).toList();
  }

  @Override
  public void close() {
    running = false;
    poke();
    if (notifications != null) {
      try {
        notifications.close();
      } catch (Exception e) {
        log.debug("closing the notification listener: {}", e.toString());
      }
    }
    for (var thread : followerThreads) {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
