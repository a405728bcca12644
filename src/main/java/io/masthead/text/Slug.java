package io.masthead.text;

import com.ibm.icu.text.Normalizer2;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The human-readable last part of an address. Letters and digits of any script (Arabic slugs
 * stay Arabic) joined by single hyphens, lower case, at most 120 characters.
 */
public record Slug(String value) {
  private static final Pattern VALID =
      Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(-[\\p{L}\\p{M}\\p{N}]+)*");
  private static final Normalizer2 NFC = Normalizer2.getNFCInstance();
  public static final int MAX_LENGTH = 120;

  public Slug {
    if (value == null
        || value.length() > MAX_LENGTH
        || !VALID.matcher(value).matches()
        || !value.equals(value.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("not a slug: " + value);
    }
  }

  public static boolean isValid(String text) {
    try {
      new Slug(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Makes a slug from a headline: "Storm hits Port Esker!" becomes "storm-hits-port-esker". */
  public static Slug fromText(String text) {
    var normal = NFC.normalize(text).toLowerCase(Locale.ROOT);
    var out = new StringBuilder();
    boolean pendingHyphen = false;
    for (int i = 0; i < normal.length() && out.length() < MAX_LENGTH - 1; ) {
      int cp = normal.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      boolean keep = Character.isLetterOrDigit(cp)
          || type == Character.NON_SPACING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      // Arabic tatweel is decoration, not a letter worth keeping in an address.
      if (cp == 0x0640) continue;
      if (keep) {
        if (pendingHyphen && !out.isEmpty()) out.append('-');
        pendingHyphen = false;
        out.appendCodePoint(cp);
      } else if (cp != '\'' && cp != '’') {
        pendingHyphen = true;
      }
    }
    var slug = out.toString();
    while (slug.length() > MAX_LENGTH) slug = slug.substring(0, slug.lastIndexOf('-'));
    return new Slug(slug.isEmpty() ? "article" : slug);
  }

  /**
   * This slug with "-{@code n}" after it ("storm-2"), still at most {@link #MAX_LENGTH}
   * characters: a long slug is cut on a character boundary (never between the two halves of a
   * character outside the Basic Multilingual Plane) and never leaves a hyphen before the suffix.
   */
  public Slug numbered(int n) {
    if (n < 2) throw new IllegalArgumentException("numbers start at 2: " + n);
    var suffix = "-" + n;
    var base = value;
    int room = MAX_LENGTH - suffix.length();
    if (base.length() > room) {
      int end = room;
      if (Character.isLowSurrogate(base.charAt(end))) end--; // keep a surrogate pair whole
      base = base.substring(0, end);
    }
    while (base.endsWith("-")) base = base.substring(0, base.length() - 1);
    return new Slug((base.isEmpty() ? "article" : base) + suffix);
  }

  @Override
  public String toString() {
    return value;
  }
}
