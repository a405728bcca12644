package io.masthead.web.site;

import io.masthead.article.ArticleRepository;
import io.masthead.article.ArticleStatus;
import io.masthead.edition.Editions;
import io.masthead.origin.LegacyAddressRepository;
import io.masthead.web.ErrorPages;
import java.util.Optional;

/**
 * The old site's addresses (of an imported WordPress site): where an address the site does not
 * answer itself has moved. An article's is followed by id to its address now, so a slug or
 * section changed after the import still lands on it. Thread-safe.
 */
public final class OldAddresses implements ErrorPages.Moved {
  private final LegacyAddressRepository legacy;
  private final ArticleRepository articles;
  private final Editions editions;

  public OldAddresses(
      LegacyAddressRepository legacy, ArticleRepository articles, Editions editions) {
    this.legacy = legacy;
    this.articles = articles;
    this.editions = editions;
  }

  @Override
  public Optional<String> movedTo(String path, String query) {
    return target(path, query).map(SitePaths::encode);
  }

  private Optional<String> target(String path, String query) {
    return legacy.find(path, query).flatMap(target -> {
      if (target.path() != null) return Optional.of(target.path());
      return articles
          .find(target.articleId())
          .filter(a -> a.publishedAt() != null && a.status() != ArticleStatus.SCHEDULED)
          .flatMap(a -> editions
              .find(a.edition())
              .map(e -> SitePaths.article(e, a.section(), a.slug(), a.publishedAt())));
    });
  }
}
