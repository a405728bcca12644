package io.masthead.article;

import io.masthead.origin.Origin;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * An article brought from another system by an importer, as that system had it: its content, its
 * status there and its own times (a post published in 2019 stays published in 2019), the
 * addresses it had, and where it came from. {@link ArticleDesk#importArticles} writes it.
 *
 * @param origin the source and the source's id for it; its fingerprint is made here
 * @param publishedAt when it was published, or when it is to be (for SCHEDULED); null for drafts
 * @param updatedAt when its text last changed after publication, or null when it did not
 * @param oldAddresses its addresses on the old site (URLs or paths), each to answer 301 here
 */
public record ImportedArticle(
    Origin origin,
    ArticleInput input,
    ArticleStatus status,
    Instant createdAt,
    Instant publishedAt,
    Instant updatedAt,
    List<String> oldAddresses) {

  public ImportedArticle {
    oldAddresses = List.copyOf(oldAddresses);
    if (status == ArticleStatus.UNPUBLISHED)
      throw new IllegalArgumentException(
          "an import brings drafts, reviews, scheduled or published");
    if ((status == ArticleStatus.PUBLISHED || status == ArticleStatus.SCHEDULED)
        && publishedAt == null)
      throw new IllegalArgumentException("a published or scheduled article has its time");
    origin = new Origin(
        origin.source(),
        origin.kind(),
        origin.sourceId(),
        fingerprint(input, status, createdAt, publishedAt, updatedAt, oldAddresses));
  }

  /** A hash of everything written for it: the same hash on a later run means nothing changed. */
  private static String fingerprint(Object... parts) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      for (var part : parts) {
        digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
