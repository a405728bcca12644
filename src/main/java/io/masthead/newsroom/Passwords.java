package io.masthead.newsroom;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.security.SecureRandom;

/**
 * Password hashing with Argon2id (memory-hard), at OWASP's recommended cost: 19 MiB, two
 * passes, one lane. Thread-safe.
 */
public final class Passwords {
  private static final Argon2Function ARGON2 =
      Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();
  public static final int MIN_LENGTH = 10;

  private Passwords() {}

  public static String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
  }

  public static boolean matches(String password, String hash) {
    if (password == null || hash == null) return false;
    try {
      return Password.check(password, hash).with(ARGON2);
    } catch (RuntimeException e) {
      return false; // a malformed stored hash matches nothing
    }
  }

  /** A password a person can type: 16 characters without look-alikes (about 94 bits). */
  public static String generate() {
    var out = new StringBuilder();
    for (int i = 0; i < 16; i++) out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return out.toString();
  }

  /** Why a new password is refused, or null when it is fine. */
  public static String problemWith(String password) {
    if (password == null || password.length() < MIN_LENGTH)
      return "A password needs at least " + MIN_LENGTH + " characters.";
    if (password.length() > 200) return "A password may have at most 200 characters.";
    return null;
  }
}
