package io.masthead.search;

import java.util.ArrayList;
import java.util.List;

/**
 * What a reader typed, as parts: words, "quoted phrases", and either with a leading minus to
 * exclude it. No other syntax: Lucene's query language is never exposed, so nothing typed can
 * make a query fail. Control characters are dropped, and the text and the number of parts are
 * capped, so a 10 KB paste costs no more than a long sentence.
 */
public record SearchText(List<Part> parts) {
  static final int MAX_CHARS = 400;
  static final int MAX_PARTS = 24;

  public record Part(String text, boolean phrase, boolean excluded) {}

  public SearchText {
    parts = List.copyOf(parts);
  }

  public static SearchText parse(String typed) {
    var text = clean(typed);
    var parts = new ArrayList<Part>();
    int i = 0;
    while (i < text.length() && parts.size() < MAX_PARTS) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      boolean excluded = false;
      if (c == '-' && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
        excluded = true;
        i++;
        c = text.charAt(i);
      }
      if (isQuote(c)) {
        int end = i + 1;
        while (end < text.length() && !isQuote(text.charAt(end))) end++;
        var phrase = text.substring(i + 1, end).strip();
        if (!phrase.isEmpty()) parts.add(new Part(phrase, true, excluded));
        i = end + 1; // an unclosed quote runs to the end
      } else {
        int end = i;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        var word = text.substring(i, end);
        if (word.chars().anyMatch(Character::isLetterOrDigit))
          parts.add(new Part(word, false, excluded));
        i = end;
      }
    }
    return new SearchText(parts);
  }

  /** The text as it will be searched: control characters gone, spaces collapsed, capped. */
  public static String clean(String typed) {
    if (typed == null) return "";
    var out = new StringBuilder(Math.min(typed.length(), MAX_CHARS));
    boolean space = false;
    for (int i = 0; i < typed.length() && out.length() < MAX_CHARS; i++) {
      char c = typed.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        space = out.length() > 0;
        continue;
      }
      if (Character.getType(c) == Character.FORMAT && c != '\u200c' && c != '\u200d') continue;
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < typed.length()
              && Character.isLowSurrogate(typed.charAt(i + 1)))
          && !(Character.isLowSurrogate(c)
              && i > 0
              && Character.isHighSurrogate(typed.charAt(i - 1)))) continue;
      if (space) out.append(' ');
      space = false;
      out.append(c);
    }
    if (out.length() > 0 && Character.isHighSurrogate(out.charAt(out.length() - 1)))
      out.setLength(out.length() - 1);
    return out.toString();
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '“' || c == '”' || c == '«' || c == '»';
  }

  public boolean hasWordsToFind() {
    return parts.stream().anyMatch(p -> !p.excluded());
  }
}
