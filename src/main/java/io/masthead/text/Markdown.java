package io.masthead.text;

/** Text brought from elsewhere (an import, an agency) put into Markdown as it reads. */
public final class Markdown {
  private Markdown() {}

  /** Text made literal in Markdown: no character of it starts emphasis, a link or HTML. */
  public static String literal(String text) {
    var out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\', '*', '_', '`', '[', ']' -> out.append('\\').append(c);
        case '<' -> out.append("&lt;");
        case '&' -> out.append("&amp;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
