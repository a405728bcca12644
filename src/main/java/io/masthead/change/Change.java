package io.masthead.change;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a command changed, appended to the change log in the same transaction as the change. Each
 * kind says what changed and which ids and listings it touched; {@link #tags()} derives the cache
 * tags from it, here and nowhere else, so the page cache, a CDN purge and the search index drop
 * exactly the same things.
 */
public sealed interface Change {
  /** The kind as stored and shown in logs, such as {@code article.published}. */
  String kind();

  /** Every tag a cached page or document showing this change carries. */
  default Set<String> tags() {
    var tags = new LinkedHashSet<String>();
    switch (this) {
      case ArticleChanged a -> {
        tags.add(Tags.article(a.articleId()));
        tags.addAll(a.listings());
      }
      case ArticlesImported a -> {
        tags.add(Tags.articleRange(a.firstId(), a.lastId()));
        a.editions().forEach(e -> {
          tags.add(Tags.structure(e));
          tags.add(Tags.edition(e));
        });
        tags.addAll(a.listings());
      }
      case StructureChanged s -> {
        tags.add(Tags.structure(s.edition()));
        tags.addAll(s.touched());
      }
      case FrontPageChanged f -> {
        tags.add(Tags.frontPage(f.edition()));
        if (f.breakingChanged()) tags.add(Tags.breaking(f.edition()));
      }
      case EditionsChanged e -> {
        tags.add(Tags.EDITIONS);
        e.editions().forEach(code -> tags.add(Tags.structure(code)));
      }
      case FavoritesChanged f -> tags.add(Tags.reader(f.readerId()));
      case MediaChanged m -> {
        tags.add(Tags.media(m.mediaId()));
        m.articleIds().forEach(id -> tags.add(Tags.article(id)));
      }
    }
    return tags;
  }

  /** What happened to one article. */
  enum ArticleEvent {
    CREATED,
    /** A published article's text or placing changed. */
    UPDATED,
    /** An article that is not live (a draft, in review, scheduled, unpublished) was saved. */
    DRAFT_UPDATED,
    SUBMITTED,
    PUBLISHED,
    SCHEDULED,
    RETURNED,
    UNPUBLISHED,
    CORRECTED;

    public String kind() {
      return "article." + name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One article changed. {@code listings} are the listings it was in before and is in after, so
   * that a page that showed it and a page that will show it both drop.
   */
  record ArticleChanged(long articleId, ArticleEvent event, Set<String> listings)
      implements Change {
    public ArticleChanged {
      listings = Set.copyOf(listings);
    }

    @Override
    public String kind() {
      return event.kind();
    }
  }

  /**
   * Many articles written at once (the demo generator, an importer), with ids from {@code firstId}
   * to {@code lastId}.
   */
  record ArticlesImported(List<String> editions, Set<String> listings, long firstId, long lastId)
      implements Change {
    public ArticlesImported {
      if (firstId > lastId) throw new IllegalArgumentException("firstId > lastId");
      editions = List.copyOf(editions);
      listings = Set.copyOf(listings);
    }

    @Override
    public String kind() {
      return "articles.imported";
    }
  }

  /**
   * A section, series, tag or author of an edition was added or changed, or a series promoted.
   * {@code what} is the kind, such as {@code section.added}; {@code touched} the listings whose
   * pages show it (its own, and a moved section's old and new parent).
   */
  record StructureChanged(String edition, String what, Collection<String> touched)
      implements Change {
    public StructureChanged {
      touched = List.copyOf(new LinkedHashSet<>(touched));
    }

    @Override
    public String kind() {
      return what;
    }
  }

  /** An edition's curated front page was saved; the breaking-news banner too when it changed. */
  record FrontPageChanged(String edition, boolean breakingChanged) implements Change {
    @Override
    public String kind() {
      return "frontpage.saved";
    }
  }

  /** An edition was added or changed: every node reloads the list, and the named editions' pages drop. */
  record EditionsChanged(String what, Collection<String> editions) implements Change {
    public EditionsChanged {
      editions = List.copyOf(editions);
    }

    @Override
    public String kind() {
      return what;
    }
  }

  /** A reader starred or unstarred an article. */
  record FavoritesChanged(long readerId, boolean starred) implements Change {
    @Override
    public String kind() {
      return starred ? "favorite.starred" : "favorite.unstarred";
    }
  }

  /**
   * A picture of the library was added or its description or focal point changed: the pages of
   * the articles that show it ({@code articleIds}) drop, and with them the listings that carry
   * those articles' tags.
   */
  record MediaChanged(long mediaId, String what, Set<Long> articleIds) implements Change {
    public MediaChanged {
      articleIds = Set.copyOf(articleIds);
    }

    @Override
    public String kind() {
      return what;
    }
  }
}
