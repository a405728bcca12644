package io.masthead.article;

import io.masthead.storage.Database;
import io.masthead.storage.Dialect;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The agency items articles were written from ({@link WireSourceRef}). Thread-safe. */
public final class ArticleSourceRepository {
  private final Database database;

  public ArticleSourceRepository(Database database) {
    this.database = database;
  }

  public List<WireSourceRef> of(long articleId) {
    return database.read(h -> of(h, articleId));
  }

  static List<WireSourceRef> of(Handle h, long articleId) {
    return h.createQuery("""
            SELECT item_id, version, agency, headline, embargo_until, killed FROM article_source
             WHERE article_id = :id ORDER BY item_id""")
        .bind("id", articleId)
        .map((rs, ctx) -> new WireSourceRef(
            rs.getLong("item_id"),
            rs.getInt("version"),
            rs.getString("agency"),
            rs.getString("headline"),
            Dialect.instant(rs, "embargo_until"),
            rs.getBoolean("killed")))
        .list();
  }

  /** The articles (of those given) with a withdrawn source. */
  public java.util.Set<Long> flagged(Collection<Long> articleIds) {
    if (articleIds.isEmpty()) return java.util.Set.of();
    return database.read(h -> java.util.Set.copyOf(h.createQuery(
            "SELECT DISTINCT article_id FROM article_source WHERE killed AND article_id IN (<ids>)")
        .bindList("ids", List.copyOf(articleIds))
        .mapTo(Long.class)
        .list()));
  }

  static void insert(Handle h, long articleId, Collection<WireSourceRef> sources) {
    var batch = h.prepareBatch("""
        INSERT INTO article_source (article_id, item_id, version, agency, headline, embargo_until, killed)
        VALUES (:article, :item, :version, :agency, :headline, :embargo, :killed)""");
    for (var s : sources) {
      batch
          .bind("article", articleId)
          .bind("item", s.itemId())
          .bind("version", s.version())
          .bind("agency", s.agency())
          .bind(
              "headline",
              s.headline().length() > 500 ? s.headline().substring(0, 500) : s.headline())
          .bind("embargo", s.embargo())
          .bind("killed", s.killed())
          .add();
    }
    if (!sources.isEmpty()) batch.execute();
  }

  /** The latest embargo of the article's sources, if one is still to come. */
  static Optional<Instant> embargo(Handle h, long articleId, Instant now) {
    return h.createQuery("""
            SELECT MAX(embargo_until) FROM article_source
             WHERE article_id = :id AND embargo_until IS NOT NULL AND embargo_until > :now""")
        .bind("id", articleId)
        .bind("now", now)
        .map((rs, ctx) -> Optional.ofNullable(Dialect.instant(rs, 1)))
        .one();
  }

  /**
   * A new version of the item changed its embargo or withdrew it: the articles written from it
   * follow. Their ids.
   */
  public static List<Long> itemChanged(Handle h, long itemId, Instant embargo, boolean killed) {
    var ids = h.createQuery("SELECT article_id FROM article_source WHERE item_id = :id")
        .bind("id", itemId)
        .mapTo(Long.class)
        .list();
    h.createUpdate(
            "UPDATE article_source SET embargo_until = :embargo, killed = :killed WHERE item_id = :id")
        .bind("id", itemId)
        .bind("embargo", embargo)
        .bind("killed", killed)
        .execute();
    return ids;
  }
}
