package io.masthead.wire;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Agency text made safe and plain: bodies come as HTML (or as text), and are kept as sanitised
 * HTML of paragraphs, emphasis, lists, quotes and links; the desk, grouping and drafts read them
 * as plain paragraphs.
 */
public final class WireText {
  private static final PolicyFactory BODY =
      Sanitizers.BLOCKS.and(Sanitizers.FORMATTING).and(Sanitizers.LINKS);

  private WireText() {}

  /** HTML from an agency, sanitised. */
  public static String sanitize(String html) {
    return html == null || html.isBlank() ? "" : BODY.sanitize(html).strip();
  }

  /** Plain text as sanitised HTML paragraphs (blank lines part paragraphs). */
  public static String fromPlain(String text) {
    if (text == null || text.isBlank()) return "";
    var out = new StringBuilder();
    for (var paragraph : text.strip().split("\\n\\s*\\n")) {
      var line = paragraph.strip().replaceAll("\\s+", " ");
      if (line.isEmpty()) continue;
      out.append("<p>").append(org.jsoup.nodes.Entities.escape(line)).append("</p>\n");
    }
    return out.toString().strip();
  }

  /** The text of HTML (an agency's "description" is often HTML), whitespace collapsed. */
  public static String plain(String html) {
    if (html == null || html.isBlank()) return "";
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) return html.strip().replaceAll("\\s+", " ");
    return Jsoup.parse(html).text().strip();
  }

  /** The paragraphs of sanitised body HTML as plain text, in order. */
  public static List<String> paragraphs(String html) {
    var out = new ArrayList<String>();
    if (html == null || html.isBlank()) return out;
    var body = Jsoup.parseBodyFragment(html).body();
    collect(body, out);
    if (out.isEmpty() && !body.text().isBlank()) out.add(body.text().strip());
    return out;
  }

  private static void collect(Element parent, List<String> out) {
    for (var child : parent.children()) {
      switch (child.tagName()) {
        case "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre" -> {
          var text = child.text().strip();
          if (!text.isEmpty()) out.add(text);
        }
        default -> {
          if (child.children().isEmpty()) {
            var text = child.text().strip();
            if (!text.isEmpty()) out.add(text);
          } else {
            collect(child, out);
          }
        }
      }
    }
  }

  /**
   * The language of a text that came without one: Arabic when it is written mostly in Arabic
   * letters, else English (the desk's two scripts; a source in another language says so).
   */
  public static String guessLanguage(String text) {
    int arabic = 0, latin = 0;
    for (int i = 0; i < text.length() && i < 2000; i++) {
      var block = Character.UnicodeScript.of(text.charAt(i));
      if (block == Character.UnicodeScript.ARABIC) arabic++;
      else if (block == Character.UnicodeScript.LATIN) latin++;
    }
    return arabic > latin ? "ar" : "en";
  }

  /** The primary language subtag, lower case: "en-GB" → "en". */
  public static String language(String tag, String fallbackText) {
    if (tag == null || tag.isBlank()) return guessLanguage(fallbackText);
    var primary = tag.strip().split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
    return primary.matches("[a-z]{2,3}") ? primary : guessLanguage(fallbackText);
  }
}
