package io.masthead.webhook;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Webhook endpoints, the deliveries owed to them and every attempt. Thread-safe. */
public final class WebhookRepository {
  private static final String ENDPOINT_COLUMNS =
      "id, url, secret, events, description, active, created_at";

  /** One delivery as the newsroom's log shows it, with its attempts, newest first. */
  public record Delivery(
      long id,
      String messageId,
      WebhookEvent event,
      String state,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      List<Attempt> tries) {}

  /** One try to deliver: the HTTP status (null when no answer came), what went wrong, how long it took. */
  public record Attempt(Instant at, Integer status, String error, int millis) {}

  /** A delivery a node has claimed and now sends. */
  record Due(
      long id, String messageId, WebhookEvent event, String payload, int attempts, Endpoint to) {}

  private final Database database;

  public WebhookRepository(Database database) {
    this.database = database;
  }

  public List<Endpoint> endpoints() {
    return database.read(
        h -> h.createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint ORDER BY id")
            .map((rs, ctx) -> endpoint(rs))
            .list());
  }

  public Optional<Endpoint> endpoint(long id) {
    return database.read(h -> endpoint(h, id));
  }

  static Optional<Endpoint> endpoint(Handle h, long id) {
    return h.createQuery("SELECT " + ENDPOINT_COLUMNS + " FROM webhook_endpoint WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> endpoint(rs))
        .findOne();
  }

  /** The endpoints that take events now. */
  List<Endpoint> active() {
    return endpoints().stream().filter(Endpoint::active).toList();
  }

  static long insert(
      Handle h,
      String url,
      String secret,
      Set<WebhookEvent> events,
      String description,
      Instant now,
      Long by) {
    return h.createUpdate("""
            INSERT INTO webhook_endpoint (url, secret, events, description, active, created_at, created_by)
            VALUES (:url, :secret, :events, :description, TRUE, :now, :by)""")
        .bind("url", url)
        .bind("secret", secret)
        .bind("events", eventsText(events))
        .bind("description", description)
        .bind("now", now)
        .bind("by", by)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  static void update(
      Handle h, long id, String url, Set<WebhookEvent> events, String description, boolean active) {
    h.createUpdate("""
            UPDATE webhook_endpoint SET url = :url, events = :events, description = :description,
              active = :active WHERE id = :id""")
        .bind("id", id)
        .bind("url", url)
        .bind("events", eventsText(events))
        .bind("description", description)
        .bind("active", active)
        .execute();
  }

  static void changeSecret(Handle h, long id, String secret) {
    h.createUpdate("UPDATE webhook_endpoint SET secret = :secret WHERE id = :id")
        .bind("id", id)
        .bind("secret", secret)
        .execute();
  }

  static void delete(Handle h, long id) {
    h.createUpdate(
            "DELETE FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM webhook_delivery WHERE endpoint_id = :id)")
        .bind("id", id)
        .execute();
    h.createUpdate("DELETE FROM webhook_delivery WHERE endpoint_id = :id")
        .bind("id", id)
        .execute();
    h.createUpdate("DELETE FROM webhook_endpoint WHERE id = :id").bind("id", id).execute();
  }

  /**
   * Owes an event to an endpoint, once: a second call with the same {@code eventKey} (the same
   * change handed again, or another node following the same log) changes nothing. True when new.
   */
  boolean enqueue(
      long endpointId,
      String eventKey,
      String messageId,
      WebhookEvent event,
      String payload,
      Instant now) {
    return database.inTransaction(
        h -> enqueue(h, endpointId, eventKey, messageId, event, payload, now));
  }

  static boolean enqueue(
      Handle h,
      long endpointId,
      String eventKey,
      String messageId,
      WebhookEvent event,
      String payload,
      Instant now) {
    return h.createUpdate("""
                INSERT INTO webhook_delivery
                  (endpoint_id, event_key, message_id, event, payload, state, attempts, created_at, next_attempt_at)
                VALUES (:endpoint, :key, :message, :event, :payload, 'pending', 0, :now, :now)
                ON CONFLICT (endpoint_id, event_key) DO NOTHING""")
            .bind("endpoint", endpointId)
            .bind("key", eventKey)
            .bind("message", messageId)
            .bind("event", event.type())
            .bind("payload", payload)
            .bind("now", now)
            .execute()
        > 0;
  }

  /**
   * Claims up to {@code limit} deliveries that are due for {@code node} until {@code until}: a
   * conditional UPDATE per delivery, so two nodes never send the same attempt; a node that dies
   * while sending leaves its claim to run out, and another node sends again (at least once).
   */
  List<Due> claim(String node, Instant now, Instant until, int limit) {
    var candidates = database.read(h ->
        h.createQuery("""
            SELECT id FROM webhook_delivery
            WHERE state = 'pending' AND next_attempt_at <= :now
              AND (claimed_until IS NULL OR claimed_until < :now)
            ORDER BY next_attempt_at, id""").bind("now", now).setMaxRows(limit).mapTo(Long.class).list());
    var claimed = new java.util.ArrayList<Due>();
    for (long id : candidates) {
      database.useTransaction(h -> {
        int won = h.createUpdate("""
                UPDATE webhook_delivery SET claimed_by = :node, claimed_until = :until
                WHERE id = :id AND state = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)""")
            .bind("node", node)
            .bind("until", until)
            .bind("id", id)
            .bind("now", now)
            .execute();
        if (won == 0) return;
        h.createQuery("SELECT e." + ENDPOINT_COLUMNS.replace(", ", ", e.")
                + ", d.id AS d_id, d.message_id, d.event, d.payload, d.attempts"
                + " FROM webhook_delivery d JOIN webhook_endpoint e ON e.id = d.endpoint_id"
                + " WHERE d.id = :id")
            .bind("id", id)
            .map((rs, ctx) -> new Due(
                rs.getLong("d_id"),
                rs.getString("message_id"),
                WebhookEvent.ofType(rs.getString("event")).orElse(WebhookEvent.TEST),
                rs.getString("payload"),
                rs.getInt("attempts"),
                endpoint(rs)))
            .findOne()
            .ifPresent(claimed::add);
      });
    }
    return claimed;
  }

  /**
   * Records an attempt and what follows it: {@code state} delivered or failed, or pending again
   * at {@code next}; the claim is let go.
   */
  void finish(long deliveryId, Attempt attempt, String state, Instant next) {
    database.useTransaction(h -> {
      h.createUpdate("""
              INSERT INTO webhook_attempt (delivery_id, at, status, error, millis)
              VALUES (:delivery, :at, :status, :error, :millis)""")
          .bind("delivery", deliveryId)
          .bind("at", attempt.at())
          .bind("status", attempt.status())
          .bind("error", clip(attempt.error(), 500))
          .bind("millis", attempt.millis())
          .execute();
      h.createUpdate("""
              UPDATE webhook_delivery SET state = :state, attempts = attempts + 1,
                next_attempt_at = :next, claimed_by = NULL, claimed_until = NULL
              WHERE id = :id""")
          .bind("state", state)
          .bind("next", next)
          .bind("id", deliveryId)
          .execute();
    });
  }

  /**
   * The newest deliveries to an endpoint, each with its attempts. One statement, so one snapshot:
   * a delivery's state and its attempts are written together ({@link #finish}), and read in two
   * statements the page could show "pending" beside the attempt that delivered it.
   */
  public List<Delivery> deliveries(long endpointId, int limit) {
    return database.read(h -> {
      // Each delivery made at its first row, its attempts added from every row (newest first).
      var deliveries = new java.util.LinkedHashMap<Long, Delivery>();
      h.createQuery("""
              SELECT d.id, d.message_id, d.event, d.state, d.attempts, d.created_at,
                d.next_attempt_at, a.at, a.status, a.error, a.millis
              FROM (SELECT * FROM webhook_delivery WHERE endpoint_id = :endpoint
                    ORDER BY id DESC LIMIT :limit) d
              LEFT JOIN webhook_attempt a ON a.delivery_id = d.id
              ORDER BY d.id DESC, a.id DESC""")
          .bind("endpoint", endpointId)
          .bind("limit", limit)
          .map((rs, ctx) -> {
            long id = rs.getLong("id");
            var delivery = deliveries.get(id);
            if (delivery == null) {
              delivery = new Delivery(
                  id,
                  rs.getString("message_id"),
                  WebhookEvent.ofType(rs.getString("event")).orElse(WebhookEvent.TEST),
                  rs.getString("state"),
                  rs.getInt("attempts"),
                  Dialect.instant(rs, "created_at"),
                  Dialect.instant(rs, "next_attempt_at"),
                  new java.util.ArrayList<>());
              deliveries.put(id, delivery);
            }
            var at = Dialect.instant(rs, "at"); // null: a delivery not tried yet
            if (at != null) {
              int status = rs.getInt("status");
              Integer answered = rs.wasNull() ? null : status; // null: no answer came
              delivery
                  .tries()
                  .add(new Attempt(at, answered, rs.getString("error"), rs.getInt("millis")));
            }
            return id;
          })
          .forEach(ignored -> {});
      return List.copyOf(deliveries.values());
    });
  }

  /** Deletes finished deliveries (and their attempts) made before {@code before}; how many. */
  public static int prune(Handle h, Instant before) {
    h.createUpdate("""
            DELETE FROM webhook_attempt WHERE delivery_id IN
              (SELECT id FROM webhook_delivery WHERE state <> 'pending' AND created_at < :before)""").bind("before", before).execute();
    return h.createUpdate(
            "DELETE FROM webhook_delivery WHERE state <> 'pending' AND created_at < :before")
        .bind("before", before)
        .execute();
  }

  private static Endpoint endpoint(ResultSet rs) throws SQLException {
    return new Endpoint(
        rs.getLong("id"),
        rs.getString("url"),
        rs.getString("secret"),
        parseEvents(rs.getString("events")),
        rs.getString("description"),
        rs.getBoolean("active"),
        Dialect.instant(rs, "created_at"));
  }

  private static String eventsText(Set<WebhookEvent> events) {
    return events.stream().map(WebhookEvent::type).sorted().collect(Collectors.joining(" "));
  }

  private static Set<WebhookEvent> parseEvents(String text) {
    var events = new LinkedHashSet<WebhookEvent>();
    Arrays.stream(text.split(" "))
        .map(WebhookEvent::ofType)
        .flatMap(Optional::stream)
        .forEach(events::add);
    return events;
  }

  private static String clip(String text, int max) {
    if (text == null) return "";
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
