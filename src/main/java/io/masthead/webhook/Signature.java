package io.masthead.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signatures as the Standard Webhooks specification describes them: the secret is {@code whsec_}
 * and the base64 of 24 to 64 random bytes; the signature is the base64 of HMAC-SHA256 over
 * {@code id.timestamp.body}, sent as {@code webhook-signature: v1,SIGNATURE} beside {@code
 * webhook-id} and {@code webhook-timestamp}, so any of the specification's libraries can verify
 * it. Thread-safe (stateless).
 */
public final class Signature {
  static final String PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Signature() {}

  /** A new secret: 32 random bytes. */
  public static String newSecret() {
    var bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether the text is a secret this class can sign with; a message for the form when not. */
  static String problem(String secret) {
    if (!secret.startsWith(PREFIX))
      return "A secret starts with whsec_ followed by base64 (leave it empty to have one made).";
    try {
      int length = Base64.getDecoder().decode(secret.substring(PREFIX.length())).length;
      return length >= 24 && length <= 64
          ? null
          : "A secret holds 24 to 64 bytes of base64 after whsec_, not " + length + ".";
    } catch (IllegalArgumentException e) {
      return "The part after whsec_ is not base64.";
    }
  }

  /** The {@code webhook-signature} header's value for this message. */
  public static String sign(String secret, String messageId, long timestampSeconds, String body) {
    try {
      var key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      var signed = mac.doFinal(
          (messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
