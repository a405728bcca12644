package io.masthead.wire;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The wire desk's tables: sources, delivered files, items and their versions, clusters. Thread-safe. */
public final class WireRepository {
  private static final String SOURCE_COLUMNS = """
      s.id, s.name, s.format, s.url, s.folder, s.every_seconds, s.active, s.last_poll_at,
      s.last_success_at, s.last_error, s.failures, s.next_poll_at,
      (SELECT COUNT(*) FROM wire_item i WHERE i.source_id = s.id) AS items,
      (SELECT COUNT(*) FROM wire_rejected r WHERE r.source_id = s.id) AS rejected""";
  private static final String ITEM_COLUMNS = """
      i.id, i.source_id, s.name AS agency, i.guid, i.version, i.signal, i.urgency, i.language,
      i.headline, i.lead, i.body_html, i.subjects, i.place, i.dateline, i.embargo_until,
      i.first_created, i.version_created, i.received_at, i.cluster_id, i.grouped_with,
      i.grouped_score, i.grouped_reason""";

  /** What ingest needs to know of an item already stored. */
  record Stored(
      long id,
      int version,
      String versionStamp,
      Instant versionCreated,
      Long clusterId,
      Signal signal) {}

  /** What the desk's queue is filtered by; null or blank for any. */
  public record Filter(Long sourceId, String language, String subject, Long clusterId) {
    public static final Filter ALL = new Filter(null, null, null, null);
  }

  private final Database database;

  public WireRepository(Database database) {
    this.database = database;
  }

  // ---- sources -------------------------------------------------------------------------------

  public List<WireSource> sources() {
    return database.read(
        h -> h.createQuery("SELECT " + SOURCE_COLUMNS + " FROM wire_source s ORDER BY s.name")
            .map((rs, ctx) -> source(rs))
            .list());
  }

  public Optional<WireSource> source(long id) {
    return database.read(h -> source(h, id));
  }

  static Optional<WireSource> source(Handle h, long id) {
    return h.createQuery("SELECT " + SOURCE_COLUMNS + " FROM wire_source s WHERE s.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> source(rs))
        .findOne();
  }

  /** The source's name and format, without its counts (which grow with its items): for ingest. */
  static Optional<WireSource> sourceForIngest(Handle h, long id) {
    return h.createQuery("""
            SELECT s.id, s.name, s.format, s.url, s.folder, s.every_seconds, s.active, s.last_poll_at,
              s.last_success_at, s.last_error, s.failures, s.next_poll_at, 0 AS items, 0 AS rejected
              FROM wire_source s WHERE s.id = :id""").bind("id", id).map((rs, ctx) -> source(rs)).findOne();
  }

  static boolean nameTaken(Handle h, String name, Long except) {
    return h.createQuery(
                "SELECT COUNT(*) FROM wire_source WHERE LOWER(name) = LOWER(:name) AND id <> :except")
            .bind("name", name)
            .bind("except", except == null ? -1 : except)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  static long insertSource(
      Handle h, String name, WireFormat format, String url, String folder, int every, Instant now) {
    return h.createUpdate("""
            INSERT INTO wire_source (name, format, url, folder, every_seconds, active, next_poll_at, created_at)
            VALUES (:name, :format, :url, :folder, :every, TRUE, :now, :now)""")
        .bind("name", name)
        .bind("format", format.code())
        .bind("url", url)
        .bind("folder", folder)
        .bind("every", every)
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  static void updateSource(
      Handle h,
      long id,
      String name,
      WireFormat format,
      String url,
      String folder,
      int every,
      boolean active,
      Instant now) {
    h.createUpdate("""
            UPDATE wire_source SET name = :name, format = :format, url = :url, folder = :folder,
              every_seconds = :every, active = :active, next_poll_at = :now, failures = 0,
              etag = CASE WHEN url = :url THEN etag ELSE '' END,
              last_modified = CASE WHEN url = :url THEN last_modified ELSE '' END
             WHERE id = :id""")
        .bind("id", id)
        .bind("name", name)
        .bind("format", format.code())
        .bind("url", url)
        .bind("folder", folder)
        .bind("every", every)
        .bind("active", active)
        .bind("now", now)
        .execute();
  }

  /** A source whose poll is due, with what its last answer said for a conditional request. */
  record DuePoll(
      long id,
      String name,
      WireFormat format,
      String url,
      String folder,
      int every,
      int failures,
      String etag,
      String lastModified) {}

  /** The active sources with a URL or folder whose next poll is due, not claimed by a live node. */
  List<DuePoll> due(Instant now) {
    return database.read(h -> h.createQuery("""
            SELECT id, name, format, url, folder, every_seconds, failures, etag, last_modified FROM wire_source
             WHERE active AND (url <> '' OR folder <> '') AND (next_poll_at IS NULL OR next_poll_at <= :now)
               AND (claimed_until IS NULL OR claimed_until < :now)
             ORDER BY next_poll_at""")
        .bind("now", now)
        .map((rs, ctx) -> new DuePoll(
            rs.getLong("id"),
            rs.getString("name"),
            WireFormat.ofCode(rs.getString("format")).orElseThrow(),
            rs.getString("url"),
            rs.getString("folder"),
            rs.getInt("every_seconds"),
            rs.getInt("failures"),
            rs.getString("etag"),
            rs.getString("last_modified")))
        .list());
  }

  /** Claims the source's poll for this node until {@code until}: false when another node was first. */
  boolean claim(long id, String node, Instant now, Instant until) {
    return database.inTransaction(h -> h.createUpdate("""
                UPDATE wire_source SET claimed_by = :node, claimed_until = :until
                 WHERE id = :id AND (claimed_until IS NULL OR claimed_until < :now)""")
            .bind("id", id)
            .bind("node", node)
            .bind("now", now)
            .bind("until", until)
            .execute()
        == 1);
  }

  /** How a poll went; releases the claim. {@code error} empty for success. */
  void polled(
      long id,
      Instant now,
      String error,
      int failures,
      Instant next,
      String etag,
      String lastModified) {
    database.useTransaction(h -> h.createUpdate("""
            UPDATE wire_source SET last_poll_at = :now, last_error = :error, failures = :failures,
              next_poll_at = :next, claimed_by = NULL, claimed_until = NULL,
              last_success_at = CASE WHEN :ok THEN :now ELSE last_success_at END,
              etag = CASE WHEN :ok THEN :etag ELSE etag END,
              last_modified = CASE WHEN :ok THEN :modified ELSE last_modified END
             WHERE id = :id""")
        .bind("id", id)
        .bind("now", now)
        .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .bind("failures", failures)
        .bind("next", next)
        .bind("ok", error.isEmpty())
        .bind("etag", etag == null ? "" : etag)
        .bind("modified", lastModified == null ? "" : lastModified)
        .execute());
  }

  private static WireSource source(ResultSet rs) throws SQLException {
    return new WireSource(
        rs.getLong("id"),
        rs.getString("name"),
        WireFormat.ofCode(rs.getString("format")).orElseThrow(),
        rs.getString("url"),
        rs.getString("folder"),
        rs.getInt("every_seconds"),
        rs.getBoolean("active"),
        Dialect.instant(rs, "last_poll_at"),
        Dialect.instant(rs, "last_success_at"),
        rs.getString("last_error"),
        rs.getInt("failures"),
        Dialect.instant(rs, "next_poll_at"),
        rs.getLong("items"),
        rs.getLong("rejected"));
  }

  // ---- deliveries and rejections ---------------------------------------------------------------

  static boolean delivered(Handle h, long sourceId, String sha256) {
    return h.createQuery(
                "SELECT COUNT(*) FROM wire_delivery WHERE source_id = :s AND sha256 = :sha")
            .bind("s", sourceId)
            .bind("sha", sha256)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  static long insertDelivery(
      Handle h, long sourceId, String name, String sha256, String content, Instant now) {
    return h.createUpdate("""
            INSERT INTO wire_delivery (source_id, name, sha256, content, received_at)
            VALUES (:s, :name, :sha, :content, :now)""")
        .bind("s", sourceId)
        .bind("name", cut(name, 500))
        .bind("sha", sha256)
        .bind("content", content)
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /** Deletes the delivered files received before {@code before}; the items keep, without their file. */
  public static int prune(Handle h, Instant before) {
    return h.createUpdate("DELETE FROM wire_delivery WHERE received_at < :before")
        .bind("before", before)
        .execute();
  }

  /** The file an item version came from, as received. */
  public Optional<String> deliveryContent(long itemId, int version) {
    return database.read(h -> h.createQuery("""
            SELECT d.content FROM wire_item_version v JOIN wire_delivery d ON d.id = v.delivery_id
             WHERE v.item_id = :id AND v.version = :v""")
        .bind("id", itemId)
        .bind("v", version)
        .mapTo(String.class)
        .findOne());
  }

  static long insertRejected(
      Handle h, long sourceId, String name, String reason, String excerpt, Instant now) {
    return h.createUpdate("""
            INSERT INTO wire_rejected (source_id, name, reason, excerpt, received_at)
            VALUES (:s, :name, :reason, :excerpt, :now)""")
        .bind("s", sourceId)
        .bind("name", cut(name, 500))
        .bind("reason", cut(reason, 1000))
        .bind("excerpt", cut(excerpt, 2000))
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  public List<RejectedFile> rejected(int limit) {
    return database.read(h -> h.createQuery("""
            SELECT r.id, r.source_id, s.name AS source, r.name, r.reason, r.excerpt, r.received_at
              FROM wire_rejected r JOIN wire_source s ON s.id = r.source_id
             ORDER BY r.id DESC LIMIT :limit""")
        .bind("limit", limit)
        .map((rs, ctx) -> new RejectedFile(
            rs.getLong("id"),
            rs.getLong("source_id"),
            rs.getString("source"),
            rs.getString("name"),
            rs.getString("reason"),
            rs.getString("excerpt"),
            Dialect.instant(rs, "received_at")))
        .list());
  }

  // ---- items ---------------------------------------------------------------------------------

  static Optional<Stored> stored(Handle h, long sourceId, String guid) {
    return h.createQuery("""
            SELECT id, version, version_stamp, version_created, cluster_id, signal FROM wire_item
             WHERE source_id = :s AND guid = :guid""")
        .bind("s", sourceId)
        .bind("guid", guid)
        .map((rs, ctx) -> new Stored(
            rs.getLong("id"),
            rs.getInt("version"),
            rs.getString("version_stamp"),
            Dialect.instant(rs, "version_created"),
            rs.getObject("cluster_id") == null ? null : rs.getLong("cluster_id"),
            Signal.ofCode(rs.getString("signal"))))
        .findOne();
  }

  static long insertItem(
      Handle h,
      long sourceId,
      Incoming in,
      int version,
      long deliveryId,
      long fingerprint,
      Instant now) {
    return h.createUpdate("""
            INSERT INTO wire_item (source_id, guid, version, version_stamp, signal, urgency, language,
              headline, lead, body_html, subjects, place, dateline, embargo_until, first_created,
              version_created, received_at, updated_at, delivery_id, fingerprint)
            VALUES (:s, :guid, :version, :stamp, :signal, :urgency, :language, :headline, :lead,
              :body, :subjects, :place, :dateline, :embargo, :first, :created, :now, :now, :delivery,
              :fingerprint)""")
        .bind("s", sourceId)
        .bind("guid", cut(in.guid(), 500))
        .bindMap(itemFields(in, version, now))
        .bind("delivery", deliveryId)
        .bind("fingerprint", fingerprint)
        .bind("now", now)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  static void updateItem(
      Handle h, long id, Incoming in, int version, long deliveryId, long fingerprint, Instant now) {
    h.createUpdate("""
            UPDATE wire_item SET version = :version, version_stamp = :stamp, signal = :signal,
              urgency = :urgency, language = :language, headline = :headline, lead = :lead,
              body_html = :body, subjects = :subjects, place = :place, dateline = :dateline,
              embargo_until = :embargo, version_created = :created, updated_at = :now,
              delivery_id = :delivery, fingerprint = :fingerprint
             WHERE id = :id""")
        .bind("id", id)
        .bindMap(itemFields(in, version, now))
        .bind("delivery", deliveryId)
        .bind("fingerprint", fingerprint)
        .bind("now", now)
        .execute();
  }

  private static java.util.Map<String, Object> itemFields(Incoming in, int version, Instant now) {
    var map = new java.util.HashMap<String, Object>();
    map.put("version", version);
    map.put("stamp", cut(in.versionStamp(), 100));
    map.put("signal", in.signal().code());
    map.put("urgency", in.urgency());
    map.put("language", cut(in.language(), 16));
    map.put("headline", cut(in.headline(), 500));
    map.put("lead", in.lead());
    map.put("body", in.bodyHtml());
    map.put("subjects", cut(String.join("\n", in.subjects()), 2000));
    map.put("place", cut(in.place(), 300));
    map.put("dateline", cut(in.dateline(), 300));
    map.put("embargo", in.embargo());
    map.put("first", in.firstCreated() != null ? in.firstCreated() : now);
    map.put("created", in.versionCreated() != null ? in.versionCreated() : now);
    return map;
  }

  static void insertVersion(
      Handle h, long itemId, Incoming in, int version, long deliveryId, Instant now) {
    h.createUpdate("""
            INSERT INTO wire_item_version (item_id, version, signal, headline, lead, body_html,
              embargo_until, version_created, received_at, delivery_id)
            VALUES (:id, :version, :signal, :headline, :lead, :body, :embargo, :created, :now, :delivery)""")
        .bind("id", itemId)
        .bindMap(itemFields(in, version, now))
        .bind("delivery", deliveryId)
        .bind("now", now)
        .execute();
  }

  static void group(
      Handle h, long itemId, long clusterId, Long with, Double score, String reason, Instant now) {
    h.createUpdate("""
            UPDATE wire_item SET cluster_id = :c, grouped_with = :with, grouped_score = :score,
              grouped_reason = :reason, updated_at = :now WHERE id = :id""")
        .bind("id", itemId)
        .bind("c", clusterId)
        .bind("with", with)
        .bind("score", score)
        .bind("reason", cut(reason, 1000))
        .bind("now", now)
        .execute();
  }

  static long insertCluster(Handle h, String language, String headline, Instant at) {
    return h.createUpdate("""
            INSERT INTO wire_cluster (language, headline, first_at, last_at)
            VALUES (:language, :headline, :at, :at)""")
        .bind("language", language)
        .bind("headline", cut(headline, 500))
        .bind("at", at)
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  static void touchCluster(Handle h, long id, Instant at) {
    h.createUpdate("UPDATE wire_cluster SET last_at = :at WHERE id = :id AND last_at < :at")
        .bind("id", id)
        .bind("at", at)
        .execute();
  }

  static void moveItems(Handle h, long fromCluster, long toCluster, Instant now) {
    h.createUpdate("""
            UPDATE wire_item SET cluster_id = :to, grouped_reason = 'merged by an editor',
              grouped_score = NULL, grouped_with = NULL, updated_at = :now WHERE cluster_id = :from""")
        .bind("from", fromCluster)
        .bind("to", toCluster)
        .bind("now", now)
        .execute();
    h.createUpdate("DELETE FROM wire_cluster WHERE id = :id")
        .bind("id", fromCluster)
        .execute();
  }

  static boolean clusterExists(Handle h, long id) {
    return h.createQuery("SELECT COUNT(*) FROM wire_cluster WHERE id = :id")
            .bind("id", id)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** An item's text and times, for the grouping's window: everything stored since {@code since}. */
  record Text(
      long id,
      Long clusterId,
      String language,
      Instant at,
      Instant updatedAt,
      String headline,
      String lead,
      String bodyHtml,
      String place) {}

  /** An item stored or changed since a time: which, and when. */
  record Changed(long id, Instant updatedAt) {}

  static List<Changed> changedSince(Handle h, Instant since, Instant oldest) {
    return h.createQuery("""
            SELECT id, updated_at FROM wire_item
             WHERE updated_at >= :since AND version_created >= :oldest ORDER BY id""")
        .bind("since", since)
        .bind("oldest", oldest)
        .map((rs, ctx) -> new Changed(rs.getLong("id"), Dialect.instant(rs, "updated_at")))
        .list();
  }

  /** The texts of these items, for the grouping. */
  static List<Text> texts(Handle h, List<Long> ids) {
    var out = new ArrayList<Text>(ids.size());
    for (int from = 0; from < ids.size(); from += 500) {
      out.addAll(h.createQuery("""
              SELECT id, cluster_id, language, version_created, updated_at, headline, lead,
                body_html, place, dateline FROM wire_item WHERE id IN (<ids>) ORDER BY id""")
          .bindList("ids", ids.subList(from, Math.min(ids.size(), from + 500)))
          .map((rs, ctx) -> new Text(
              rs.getLong("id"),
              rs.getObject("cluster_id") == null ? null : rs.getLong("cluster_id"),
              rs.getString("language"),
              Dialect.instant(rs, "version_created"),
              Dialect.instant(rs, "updated_at"),
              rs.getString("headline"),
              rs.getString("lead"),
              rs.getString("body_html"),
              rs.getString("place") + " " + rs.getString("dateline")))
          .list());
    }
    return out;
  }

  public Optional<WireItem> item(long id) {
    return database.read(h -> item(h, id));
  }

  static Optional<WireItem> item(Handle h, long id) {
    return h.createQuery("SELECT " + ITEM_COLUMNS
            + " FROM wire_item i JOIN wire_source s ON s.id = i.source_id WHERE i.id = :id")
        .bind("id", id)
        .map((rs, ctx) -> item(rs))
        .findOne();
  }

  /** The queue: newest first, filtered. */
  public List<WireItem> items(Filter filter, int limit, int offset) {
    return database.read(h -> {
      var where = new ArrayList<String>();
      if (filter.sourceId() != null) where.add("i.source_id = :source");
      if (filter.language() != null && !filter.language().isBlank())
        where.add("i.language = :language");
      if (filter.clusterId() != null) where.add("i.cluster_id = :cluster");
      if (filter.subject() != null && !filter.subject().isBlank())
        where.add("(i.subjects = :subject OR i.subjects LIKE :subjectFirst ESCAPE '!'"
            + " OR i.subjects LIKE :subjectLast ESCAPE '!'"
            + " OR i.subjects LIKE :subjectMiddle ESCAPE '!')");
      var q = h.createQuery(
          "SELECT " + ITEM_COLUMNS + " FROM wire_item i JOIN wire_source s ON s.id = i.source_id"
              + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
              + " ORDER BY i.version_created DESC, i.id DESC LIMIT :limit OFFSET :offset");
      if (filter.sourceId() != null) q.bind("source", filter.sourceId());
      if (filter.language() != null && !filter.language().isBlank())
        q.bind("language", filter.language());
      if (filter.clusterId() != null) q.bind("cluster", filter.clusterId());
      if (filter.subject() != null && !filter.subject().isBlank()) {
        var s = filter.subject().strip();
        // A subject is matched as written: "%" and "_" in it are no wildcards.
        // ("!" escapes: JDBI's parser reads a backslash in quotes as escaping the quote.)
        var literal = s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
        q.bind("subject", s)
            .bind("subjectFirst", literal + "\n%")
            .bind("subjectLast", "%\n" + literal)
            .bind("subjectMiddle", "%\n" + literal + "\n%");
      }
      return q.bind("limit", limit)
          .bind("offset", offset)
          .map((rs, ctx) -> item(rs))
          .list();
    });
  }

  /** The id of the newest item, for the desk's "new items" check. */
  public long newestItemId() {
    return database.read(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM wire_item")
        .mapTo(Long.class)
        .one());
  }

  public List<ItemVersion> versions(long itemId) {
    return database.read(h -> h.createQuery("""
            SELECT item_id, version, signal, headline, lead, body_html, embargo_until, version_created,
              received_at FROM wire_item_version WHERE item_id = :id ORDER BY version DESC""")
        .bind("id", itemId)
        .map((rs, ctx) -> new ItemVersion(
            rs.getLong("item_id"),
            rs.getInt("version"),
            Signal.ofCode(rs.getString("signal")),
            rs.getString("headline"),
            rs.getString("lead"),
            rs.getString("body_html"),
            Dialect.instant(rs, "embargo_until"),
            Dialect.instant(rs, "version_created"),
            Dialect.instant(rs, "received_at")))
        .list());
  }

  /** The newest clusters (by their latest item), each with its items, newest first. */
  public List<WireCluster> clusters(String language, int limit) {
    return database.read(h -> {
      var heads = h.createQuery("SELECT id, language, headline, first_at, last_at FROM wire_cluster"
              + (language == null || language.isBlank() ? "" : " WHERE language = :language")
              + " ORDER BY last_at DESC, id DESC LIMIT :limit")
          .bind("language", language)
          .bind("limit", limit)
          .map((rs, ctx) -> clusterHead(rs))
          .list();
      if (heads.isEmpty()) return heads;
      var byCluster = new LinkedHashMap<Long, List<WireItem>>();
      heads.forEach(c -> byCluster.put(c.id(), new ArrayList<>()));
      h.createQuery("SELECT " + ITEM_COLUMNS
              + " FROM wire_item i JOIN wire_source s ON s.id = i.source_id"
              + " WHERE i.cluster_id IN (<ids>) ORDER BY i.version_created DESC, i.id DESC")
          .bindList("ids", new ArrayList<>(byCluster.keySet()))
          .map((rs, ctx) -> item(rs))
          .forEach(i -> byCluster.get(i.clusterId()).add(i));
      return heads.stream()
          .map(c -> new WireCluster(
              c.id(), c.language(), c.headline(), c.firstAt(), c.lastAt(), byCluster.get(c.id())))
          .toList();
    });
  }

  public Optional<WireCluster> cluster(long id) {
    return database.read(h -> h.createQuery(
            "SELECT id, language, headline, first_at, last_at FROM wire_cluster WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> clusterHead(rs))
        .findOne()
        .map(head -> new WireCluster(
            head.id(),
            head.language(),
            head.headline(),
            head.firstAt(),
            head.lastAt(),
            h.createQuery("SELECT " + ITEM_COLUMNS
                    + " FROM wire_item i JOIN wire_source s ON s.id = i.source_id"
                    + " WHERE i.cluster_id = :id ORDER BY i.version_created DESC, i.id DESC")
                .bind("id", id)
                .map((rs, ctx) -> item(rs))
                .list())));
  }

  private static WireCluster clusterHead(ResultSet rs) throws SQLException {
    return new WireCluster(
        rs.getLong("id"),
        rs.getString("language"),
        rs.getString("headline"),
        Dialect.instant(rs, "first_at"),
        Dialect.instant(rs, "last_at"),
        List.of());
  }

  /** The articles written from an item, for the kill notice: their ids. */
  public List<Long> articlesFrom(long itemId) {
    return database.read(h -> h.createQuery(
            "SELECT article_id FROM article_source WHERE item_id = :id ORDER BY article_id")
        .bind("id", itemId)
        .mapTo(Long.class)
        .list());
  }

  private static WireItem item(ResultSet rs) throws SQLException {
    var subjects = rs.getString("subjects");
    return new WireItem(
        rs.getLong("id"),
        rs.getLong("source_id"),
        rs.getString("agency"),
        rs.getString("guid"),
        rs.getInt("version"),
        Signal.ofCode(rs.getString("signal")),
        rs.getObject("urgency") == null ? null : rs.getInt("urgency"),
        rs.getString("language"),
        rs.getString("headline"),
        rs.getString("lead"),
        rs.getString("body_html"),
        subjects.isEmpty() ? List.of() : Arrays.asList(subjects.split("\n")),
        rs.getString("place"),
        rs.getString("dateline"),
        Dialect.instant(rs, "embargo_until"),
        Dialect.instant(rs, "first_created"),
        Dialect.instant(rs, "version_created"),
        Dialect.instant(rs, "received_at"),
        rs.getObject("cluster_id") == null ? null : rs.getLong("cluster_id"),
        rs.getObject("grouped_with") == null ? null : rs.getLong("grouped_with"),
        rs.getObject("grouped_score") == null ? null : rs.getDouble("grouped_score"),
        rs.getString("grouped_reason"));
  }

  private static String cut(String text, int max) {
    return text == null ? "" : text.length() <= max ? text : text.substring(0, max);
  }
}
