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
    int length = text.length();
    int i = 0;
    for (int c; i < length && writable(c = text.codePointAt(i)); ) i += Character.charCount(c);
    if (i == length) return text;
    var out = new StringBuilder(length).append(text, 0, i);
    while (i < length) {
      int c = text.codePointAt(i);
      if (c == '\u000B' || c == '\u000C') out.append('\n');
      else if (writable(c)) out.appendCodePoint(c);
      i += Character.charCount(c);
    }
    return out.toString();
  }

  /**
   * Whether XML 1.0 can write this UTF-16 unit alone: not a control character but tab, newline
   * and carriage return, not U+FFFE or U+FFFF. A surrogate passes; whether it has its other half
   * is for the caller to know (a reader of a stream sees halves in separate reads).
   */
  public static boolean xmlAllows(char c) {
    return c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
  }

  /** Whether XML 1.0 can write this code point: a half surrogate pair on its own it cannot. */
  private static boolean writable(int codePoint) {
    return codePoint > 0xFFFF
        || (!Character.isSurrogate((char) codePoint) && xmlAllows((char) codePoint));
  }
}
