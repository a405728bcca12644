package io.masthead.favorite;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleSummary;
import io.masthead.change.Change;
import io.masthead.change.ChangeLog;
import io.masthead.change.Tags;
import io.masthead.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Readers' favorites. A reader needs no account: a reader row is made on the first star and
 * named by a signed cookie. The starred set of a reader is cached, so that choosing the starred
 * or plain variant of a cached page costs a map look-up. Thread-safe.
 */
public final class FavoriteService {
  /** A reader keeps at most this many favorites; the oldest go first. */
  public static final int MAX_FAVORITES = 500;

  private final Database database;
  private final ChangeLog changeLog;
  private final ArticleRepository articles;
  private final Clock clock;
  private final LoadingCache<Long, Set<Long>> starredByReader;

  public FavoriteService(
      Database database, ChangeLog changeLog, ArticleRepository articles, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.articles = articles;
    this.clock = clock;
    this.starredByReader = Caffeine.newBuilder()
        .maximumSize(100_000)
        .expireAfterAccess(Duration.ofMinutes(30))
        // Its upkeep on the reading thread, as the page cache's: every cached page a reader with
        // favorites is sent reads here, and a pool's wake-up cost more than the upkeep.
        .executor(Runnable::run)
        .build(this::loadStarred);
    changeLog.addListener(change -> change.tags().stream()
        .map(tag -> Tags.idOf(tag, "reader"))
        .flatMap(java.util.Optional::stream)
        .forEach(starredByReader::invalidate));
  }

  public long newReader() {
    return database.inTransaction(
        h -> h.createUpdate("INSERT INTO reader (created_at) VALUES (:now)")
            .bind("now", clock.instant())
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
  }

  public boolean readerExists(long readerId) {
    return database.read(h -> h.createQuery("SELECT COUNT(*) FROM reader WHERE id = :id")
            .bind("id", readerId)
            .mapTo(Long.class)
            .one()
        > 0);
  }

  /** Stars a published article; returns false when there is no such published article. */
  public boolean star(long readerId, long articleId) {
    boolean done = database.inTransaction(h -> {
      boolean live =
          h.createQuery("SELECT COUNT(*) FROM article WHERE id = :id AND status = 'published'")
                  .bind("id", articleId)
                  .mapTo(Long.class)
                  .one()
              > 0;
      if (!live) return false;
      h.createUpdate("""
              INSERT INTO favorite (reader_id, article_id, created_at) VALUES (:reader, :article, :now)
              ON CONFLICT (reader_id, article_id) DO NOTHING""")
          .bind("reader", readerId)
          .bind("article", articleId)
          .bind("now", clock.instant())
          .execute();
      h.createUpdate("""
              DELETE FROM favorite WHERE reader_id = :reader AND article_id IN (
                SELECT article_id FROM favorite WHERE reader_id = :reader
                 ORDER BY created_at DESC, article_id DESC""" + " " + database.dialect().skip(":max") + ")")
          .bind("reader", readerId)
          .bind("max", MAX_FAVORITES)
          .execute();
      changeLog.append(h, new Change.FavoritesChanged(readerId, true));
      return true;
    });
    starredByReader.invalidate(readerId);
    return done;
  }

  public void unstar(long readerId, long articleId) {
    database.useTransaction(h -> {
      h.createUpdate("DELETE FROM favorite WHERE reader_id = :reader AND article_id = :article")
          .bind("reader", readerId)
          .bind("article", articleId)
          .execute();
      changeLog.append(h, new Change.FavoritesChanged(readerId, false));
    });
    starredByReader.invalidate(readerId);
  }

  /** Whether the reader's favorites are in memory: then {@link #isStarred} reads no storage. */
  public boolean knows(long readerId) {
    return starredByReader.getIfPresent(readerId) != null;
  }

  public boolean isStarred(long readerId, long articleId) {
    return starredByReader.get(readerId).contains(articleId);
  }

  /** The reader's favorites in one edition, most recently starred first. */
  public List<ArticleSummary> list(long readerId, String edition) {
    var ids = database.read(h -> h.createQuery("""
            SELECT f.article_id FROM favorite f JOIN article a ON a.id = f.article_id
             WHERE f.reader_id = :reader AND a.edition = :edition AND a.status = 'published'
             ORDER BY f.created_at DESC, f.article_id DESC""")
        .bind("reader", readerId)
        .bind("edition", edition)
        .mapTo(Long.class)
        .list());
    return articles.listPublished(ids);
  }

  private Set<Long> loadStarred(long readerId) {
    return Set.copyOf(database.read(
        h -> h.createQuery("SELECT article_id FROM favorite WHERE reader_id = :reader")
            .bind("reader", readerId)
            .mapTo(Long.class)
            .list()));
  }
}
