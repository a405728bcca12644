package io.masthead.favorite;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The value of the cookie that names an anonymous reader: {@code id.signature}, signed with
 * HMAC-SHA256 so that nobody can read or change another reader's favorites by guessing ids.
 * Thread-safe.
 */
public final class ReaderCookie {
  public static final String NAME = "mh_reader";
  private final SecretKeySpec key;
  /**
   * Values already verified, so that a returning reader costs a map look-up, not an HMAC (which
   * would be most of the work of serving them a cached page). Only good values are kept.
   */
  private final com.github.benmanes.caffeine.cache.Cache<String, Long> verified =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(100_000)
          .executor(Runnable::run) // its upkeep on the reading thread, as the page cache's
          .build();

  public ReaderCookie(byte[] secret) {
    if (secret.length < 32)
      throw new IllegalArgumentException("the cookie secret needs at least 32 bytes");
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  public String sign(long readerId) {
    return readerId + "." + signature(Long.toString(readerId));
  }

  /** The reader id, when the value is well formed and its signature holds. */
  public OptionalLong verify(String value) {
    if (value == null || value.length() > 100) return OptionalLong.empty();
    var known = verified.getIfPresent(value);
    if (known != null) return OptionalLong.of(known);
    int dot = value.indexOf('.');
    if (dot <= 0) return OptionalLong.empty();
    var id = value.substring(0, dot);
    if (!id.chars().allMatch(Character::isDigit) || id.length() > 18) return OptionalLong.empty();
    var expected = signature(id).getBytes(StandardCharsets.US_ASCII);
    var given = value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) return OptionalLong.empty();
    long readerId = Long.parseLong(id);
    verified.put(value, readerId);
    return OptionalLong.of(readerId);
  }

  private String signature(String id) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      var digest = mac.doFinal(id.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
