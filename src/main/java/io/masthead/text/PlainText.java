package io.masthead.text;

/**
 * Text as every store and format Masthead writes can carry it. PostgreSQL cannot keep a NUL;
 * XML 1.0 (the RSS and Atom feeds, the sitemaps) cannot write the other control characters but
 * tab, newline and carriage return, nor U+FFFE, U+FFFF or half of a surrogate pair. Text pasted
 * from a word processor brings some of them: Word's line break within a paragraph is U+000B,
 * and one in a headline made the feeds answer 500. Stateless, thread-safe.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * {@code text} without those characters, a vertical tab or form feed (a word processor's line
   * or page break) made a newline; the same instance when it has none, as nearly every text.
   */
  public static String writable(String text) {
    int i = 0;
    int length = text.length();
    while (i < length && fits(text, i)) i += Character.charCount(text.codePointAt(i));
    if (i == length) return text;
    var out = new StringBuilder(length).append(text, 0, i);
    while (i < length) {
      int c = text.codePointAt(i);
      if (c == '\u000B' || c == '\u000C') out.append('\n');
      else if (fits(text, i)) out.appendCodePoint(c);
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /** Whether the code point at {@code i} is one XML 1.0 can write (and so PostgreSQL can keep). */
  private static boolean fits(String text, int i) {
    int c = text.codePointAt(i);
    if (c >= 0x20) {
      if (Character.isSurrogate((char) c)) return false; // a half pair: codePointAt found no other
      return c != 0xFFFE && c != 0xFFFF;
    }
    return c == '\t' || c == '\n' || c == '\r';
  }
}
