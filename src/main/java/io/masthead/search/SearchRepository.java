package io.masthead.search;

import io.masthead.search.Indexable.Named;
import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jsoup.Jsoup;

/**
 * Reads what the index needs from the database: the published articles by id, a whole edition in
 * id order (for a rebuild, a page at a time, never all in memory), and the articles a listing
 * holds (when a section or an author is renamed). Thread-safe.
 */
public final class SearchRepository {
  private static final int PAGE = 500;

  private final Database database;
  private final Function<String, Function<String, String>> creditNames;

  /** {@code creditNames}: for an edition, the shown name of a desk credit code ("staff"). */
  public SearchRepository(
      Database database, Function<String, Function<String, String>> creditNames) {
    this.database = database;
    this.creditNames = creditNames;
  }

  // The status and the edition are checked in Java, not in SQL: given "status = 'published'"
  // SQLite chose the status index and scanned every published article instead of taking the ids
  // (or the id range) it was given, which cost as much as the archive is large.

  /** The ones of these articles the scope's index holds (the others are to leave it). */
  public List<Indexable> held(Scope scope, List<Long> ids) {
    if (ids.isEmpty()) return List.of();
    return database.read(h ->
        load(h, "a.id IN (<ids>)", q -> q.bindList("ids", ids), row -> scope.holds(row.status())));
  }

  /** How many articles of these editions the scope's indexes hold, for a progress bar. */
  public long count(Scope scope, java.util.Set<String> editions) {
    return database.read(
        h -> h.createQuery("SELECT COUNT(*) FROM article a WHERE a.edition IN (<editions>)"
                + (scope == Scope.READER ? " AND a.status = 'published'" : ""))
            .bindList("editions", List.copyOf(editions))
            .mapTo(Long.class)
            .one());
  }

  /** One page of a rebuild: the articles it holds, and the id to read on from ({@code next}). */
  public record Page(List<Indexable> held, long next, boolean last) {}

  /**
   * The articles of these editions the scope's indexes hold among the next {@link #PAGE} ids after
   * {@code afterId}, in id order: one range of the primary key a page, the same cost at any
   * archive size.
   */
  public Page page(Scope scope, java.util.Set<String> editions, long afterId) {
    return database.read(h -> {
      var ids = h.createQuery("SELECT id FROM article WHERE id > :after ORDER BY id LIMIT " + PAGE)
          .bind("after", afterId)
          .mapTo(Long.class)
          .list();
      if (ids.isEmpty()) return new Page(List.of(), afterId, true);
      var held = load(
          h,
          "a.id IN (<ids>)",
          q -> q.bindList("ids", ids),
          row -> editions.contains(row.edition()) && scope.holds(row.status()));
      return new Page(held, ids.getLast(), ids.size() < PAGE);
    });
  }

  /** The articles a listing holds ({@code section:7}, {@code author:3}): all published. */
  public List<Long> inListing(String listing) {
    return database.read(h -> h.createQuery("SELECT article_id FROM listing WHERE listing = :l")
        .bind("l", listing)
        .mapTo(Long.class)
        .list());
  }

  /** The lowest id the change log still holds (0 when it is empty): older ones were pruned. */
  public long oldestChange() {
    return database.read(h -> h.createQuery("SELECT COALESCE(MIN(id), 0) FROM change_log")
        .mapTo(Long.class)
        .one());
  }

  private record Row(
      long id,
      String edition,
      String slug,
      long sectionId,
      String headline,
      String standfirst,
      String bodyHtml,
      String status,
      Named series,
      java.time.Instant publishedAt,
      java.time.Instant updatedAt,
      Long leadMediaId) {}

  private List<Indexable> load(
      Handle h,
      String condition,
      java.util.function.UnaryOperator<org.jdbi.v3.core.statement.Query> bind,
      java.util.function.Predicate<Row> wanted) {
    var rows = bind.apply(h.createQuery("""
                SELECT a.id, a.edition, a.slug, a.section_id, a.headline, a.standfirst, a.body_html, a.status,
                       COALESCE(a.published_at, a.created_at) AS published_at, a.updated_at, a.lead_media_id,
                       sr.id AS series_id, sr.title AS series_title
                  FROM article a LEFT JOIN series sr ON sr.id = a.series_id
                 WHERE\s""" + condition))
        .map((rs, ctx) -> {
          long seriesId = rs.getLong("series_id");
          boolean noSeries = rs.wasNull();
          return new Row(
              rs.getLong("id"),
              rs.getString("edition"),
              rs.getString("slug"),
              rs.getLong("section_id"),
              rs.getString("headline"),
              rs.getString("standfirst"),
              rs.getString("body_html"),
              rs.getString("status"),
              noSeries ? null : new Named(Long.toString(seriesId), rs.getString("series_title")),
              Dialect.instant(rs, "published_at"),
              Dialect.instant(rs, "updated_at"),
              rs.getObject("lead_media_id") == null ? null : rs.getLong("lead_media_id"));
        })
        .filter(wanted)
        .list();
    if (rows.isEmpty()) return List.of();
    var ids = rows.stream().map(Row::id).toList();
    var tags = new HashMap<Long, List<Named>>();
    h.createQuery("""
            SELECT at.article_id, t.id, t.name FROM article_tag at JOIN tag t ON t.id = at.tag_id
             WHERE at.article_id IN (<ids>) ORDER BY at.article_id, t.id""")
        .bindList("ids", ids)
        .map((rs, ctx) ->
            Map.entry(rs.getLong(1), new Named(Long.toString(rs.getLong(2)), rs.getString(3))))
        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    var people = new HashMap<Long, List<Named>>();
    var editionOf = new HashMap<Long, String>();
    rows.forEach(r -> editionOf.put(r.id(), r.edition()));
    h.createQuery("""
            SELECT b.article_id, b.author_id, au.name, b.credit FROM article_byline b
              LEFT JOIN author au ON au.id = b.author_id
             WHERE b.article_id IN (<ids>) ORDER BY b.article_id, b.position""")
        .bindList("ids", ids)
        .map((rs, ctx) -> {
          long article = rs.getLong(1);
          long author = rs.getLong(2);
          var named = rs.wasNull()
              ? new Named(
                  "credit:" + rs.getString(4),
                  creditNames.apply(editionOf.get(article)).apply(rs.getString(4)))
              : new Named(Long.toString(author), rs.getString(3));
          return Map.entry(article, named);
        })
        .forEach(e -> people.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    var sections = sections(h, rows.stream().map(Row::edition).distinct().toList());
    var found = new ArrayList<Indexable>(rows.size());
    for (var row : rows) {
      found.add(new Indexable(
          row.id(),
          row.edition(),
          row.slug(),
          row.headline(),
          row.standfirst(),
          Jsoup.parse(row.bodyHtml()).text(),
          row.status(),
          sectionPath(sections, row.sectionId()),
          row.series(),
          tags.getOrDefault(row.id(), List.of()),
          people.getOrDefault(row.id(), List.of()),
          row.publishedAt(),
          row.updatedAt(),
          row.leadMediaId()));
    }
    return found;
  }

  private record SectionRow(long id, String name, Long parentId) {}

  private static Map<Long, SectionRow> sections(Handle h, List<String> editions) {
    var byId = new LinkedHashMap<Long, SectionRow>();
    h.createQuery("SELECT id, name, parent_id FROM section WHERE edition IN (<editions>)")
        .bindList("editions", editions)
        .map((rs, ctx) -> {
          long parent = rs.getLong(3);
          return new SectionRow(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : parent);
        })
        .forEach(s -> byId.put(s.id(), s));
    return byId;
  }

  private static List<Named> sectionPath(Map<Long, SectionRow> sections, long id) {
    var path = new ArrayList<Named>();
    Long at = id;
    for (int depth = 0; at != null && depth < 16; depth++) {
      var section = sections.get(at);
      if (section == null) break;
      path.addFirst(new Named(Long.toString(section.id()), section.name()));
      at = section.parentId();
    }
    return path;
  }
}
