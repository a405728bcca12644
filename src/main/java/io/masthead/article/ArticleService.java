package io.masthead.article;

import io.masthead.section.SectionRepository;
import io.masthead.storage.ChangeLog;
import io.masthead.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Writes articles. Each operation is one transaction that also keeps the article's listings
 * and appends a change-log row naming every page it touched, so that caches follow exactly.
 * Thread-safe.
 */
public final class ArticleService {
  private final Database database;
  private final ChangeLog changeLog;
  private final BodyRenderer bodyRenderer;
  private final Clock clock;

  public ArticleService(Database database, ChangeLog changeLog, BodyRenderer bodyRenderer, Clock clock) {
    this.database = database;
    this.changeLog = changeLog;
    this.bodyRenderer = bodyRenderer;
    this.clock = clock;
  }

  /** Creates a draft and returns its id. */
  public long createDraft(ArticleDraft draft) {
    long id = database.inTransaction(h -> {
      var body = bodyRenderer.render(draft.bodyMarkdown());
      long articleId = h.createUpdate("""
              INSERT INTO article (edition, section_id, series_id, slug, headline, standfirst, body_md, body_html,
                                   word_count, status, created_at, version)
              VALUES (:edition, :section, :series, :slug, :headline, :standfirst, :md, :html, :words, 'draft', :now, 1)""")
          .bind("edition", draft.edition())
          .bind("section", draft.sectionId())
          .bind("series", draft.seriesId())
          .bind("slug", draft.slugOrFromHeadline().value())
          .bind("headline", draft.headline())
          .bind("standfirst", draft.standfirst())
          .bind("md", draft.bodyMarkdown())
          .bind("html", body.html())
          .bind("words", body.wordCount())
          .bind("now", clock.instant())
          .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
      writeBylineAndTags(h, articleId, draft);
      return articleId;
    });
    return id;
  }

  /** Publishes now (or keeps the first publication time if it was published before). */
  public void publish(long id) {
    commit(id, "article.published", h -> h.createUpdate("""
            UPDATE article SET status = 'published', published_at = COALESCE(published_at, :now), version = version + 1
             WHERE id = :id""")
        .bind("id", id).bind("now", clock.instant()).execute());
  }

  /** Takes the article off the site: its address then answers 410 Gone. */
  public void unpublish(long id) {
    commit(id, "article.unpublished", h -> h.createUpdate(
            "UPDATE article SET status = 'unpublished', version = version + 1 WHERE id = :id")
        .bind("id", id).execute());
  }

  /**
   * Replaces the article's content. A live article gets an "Updated" time, and its old slug
   * keeps answering with a 301 to the new address.
   */
  public void update(long id, ArticleDraft draft) {
    commit(id, "article.updated", h -> {
      var before = ArticleRepository.find(h, id).orElseThrow(() -> new NoSuchElementException("no article " + id));
      var slug = draft.slugOrFromHeadline().value();
      if (!slug.equals(before.slug())) {
        h.createUpdate("DELETE FROM article_alias WHERE edition = :edition AND slug = :slug")
            .bind("edition", before.edition()).bind("slug", slug).execute();
        h.createUpdate("INSERT INTO article_alias (edition, slug, article_id) VALUES (:edition, :slug, :id)")
            .bind("edition", before.edition()).bind("slug", before.slug()).bind("id", id).execute();
      }
      var body = bodyRenderer.render(draft.bodyMarkdown());
      h.createUpdate("""
              UPDATE article SET section_id = :section, series_id = :series, slug = :slug, headline = :headline,
                     standfirst = :standfirst, body_md = :md, body_html = :html, word_count = :words,
                     updated_at = CASE WHEN status = 'published' THEN :now ELSE updated_at END,
                     version = version + 1
               WHERE id = :id""")
          .bind("id", id)
          .bind("section", draft.sectionId())
          .bind("series", draft.seriesId())
          .bind("slug", slug)
          .bind("headline", draft.headline())
          .bind("standfirst", draft.standfirst())
          .bind("md", draft.bodyMarkdown())
          .bind("html", body.html())
          .bind("words", body.wordCount())
          .bind("now", clock.instant())
          .execute();
      h.createUpdate("DELETE FROM article_byline WHERE article_id = :id").bind("id", id).execute();
      h.createUpdate("DELETE FROM article_tag WHERE article_id = :id").bind("id", id).execute();
      writeBylineAndTags(h, id, draft);
    });
  }

  /** Publishes a dated correction notice on the article. */
  public void correct(long id, String notice) {
    if (notice == null || notice.isBlank()) throw new IllegalArgumentException("a correction needs its text");
    commit(id, "article.corrected", h -> h.createUpdate(
            "INSERT INTO correction (article_id, published_at, body) VALUES (:id, :now, :body)")
        .bind("id", id).bind("now", clock.instant()).bind("body", notice.strip()).execute());
  }

  private interface Write {
    void apply(Handle h);
  }

  /** Applies a write, re-derives the listings, and logs every page that shows the article. */
  private void commit(long id, String kind, Write write) {
    database.useTransaction(h -> {
      Set<String> tags = new LinkedHashSet<>(currentListings(h, id));
      write.apply(h);
      tags.addAll(refreshListings(h, id));
      tags.add(Article.cacheTag(id));
      ChangeLog.append(h, clock, kind, tags);
    });
    changeLog.poke();
  }

  private static List<String> currentListings(Handle h, long id) {
    return h.createQuery("SELECT listing FROM listing WHERE article_id = :id").bind("id", id).mapTo(String.class).list();
  }

  /** Rewrites the listing rows of one article from its current state; returns its listing keys. */
  static Set<String> refreshListings(Handle h, long id) {
    h.createUpdate("DELETE FROM listing WHERE article_id = :id").bind("id", id).execute();
    var article = ArticleRepository.find(h, id).orElseThrow();
    var keys = listingKeys(h, article);
    if (article.isLive()) {
      var batch = h.prepareBatch("INSERT INTO listing (listing, published_at, article_id) VALUES (:listing, :at, :id)");
      for (var key : keys) batch.bind("listing", key).bind("at", article.publishedAt()).bind("id", id).add();
      batch.execute();
    }
    return keys;
  }

  /** Every listing the article belongs in when it is live. */
  public static Set<String> listingKeys(Handle h, Article article) {
    var keys = new LinkedHashSet<String>();
    keys.add("edition:" + article.edition());
    var tree = SectionRepository.tree(h, article.edition());
    tree.pathTo(tree.get(article.section().id())).forEach(s -> keys.add(s.listingKey()));
    if (article.series() != null) keys.add(article.series().listingKey());
    article.tags().forEach(t -> keys.add(t.listingKey()));
    article.byline().stream().filter(b -> b.author() != null).forEach(b -> keys.add(b.author().listingKey()));
    return keys;
  }

  private static void writeBylineAndTags(Handle h, long articleId, ArticleDraft draft) {
    var byline = h.prepareBatch(
        "INSERT INTO article_byline (article_id, position, author_id, credit) VALUES (:id, :position, :author, :credit)");
    int position = 0;
    for (var entry : draft.byline()) {
      byline.bind("id", articleId).bind("position", position++)
          .bind("author", entry.authorId())
          .bind("credit", entry.credit() == null ? null : entry.credit().code())
          .add();
    }
    if (position > 0) byline.execute();
    var tags = h.prepareBatch("INSERT INTO article_tag (article_id, tag_id) VALUES (:id, :tag)");
    for (var tagId : new LinkedHashSet<>(draft.tagIds())) tags.bind("id", articleId).bind("tag", tagId).add();
    if (!draft.tagIds().isEmpty()) tags.execute();
  }

  public Instant now() {
    return clock.instant();
  }
}
