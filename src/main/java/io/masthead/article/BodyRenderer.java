package io.masthead.article;

import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Turns an article's Markdown into the HTML its page shows: CommonMark, then the OWASP
 * sanitiser, so that whatever a writer pastes, no script, style or event handler reaches a
 * reader. Run when an article is saved, never per request. Thread-safe.
 */
public final class BodyRenderer {
  public record RenderedBody(String html, int wordCount) {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’-][\\p{L}\\p{N}]+)*");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder().escapeHtml(false).sanitizeUrls(true).build();
  private final PolicyFactory policy = Sanitizers.FORMATTING
      .and(Sanitizers.BLOCKS)
      .and(Sanitizers.TABLES)
      .and(new HtmlPolicyBuilder()
          .allowElements("a")
          .allowStandardUrlProtocols()
          .allowAttributes("href", "title")
          .onElements("a")
          .requireRelsOnLinks("noopener")
          .allowElements("img", "figure", "figcaption", "pre", "hr", "cite")
          .allowAttributes("src", "alt", "title")
          .onElements("img")
          .allowUrlProtocols("https", "http")
          .toFactory());

  public RenderedBody render(String markdown) {
    var html = policy.sanitize(renderer.render(parser.parse(markdown)));
    return new RenderedBody(html, countWords(TAG.matcher(html).replaceAll(" ")));
  }

  static int countWords(String text) {
    var matcher = WORD.matcher(text);
    int count = 0;
    while (matcher.find()) count++;
    return count;
  }
}
