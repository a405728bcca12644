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
  /**
   * The sanitised HTML, its words, and how many pictures from other sites the writer put in, which
   * were left out: the site's Content-Security-Policy lets readers' browsers load pictures from the
   * site itself only.
   */
  public record RenderedBody(String html, int wordCount, int remoteImages) {}

  /** An image whose address names another site: a scheme, or "//" (another host). */
  private static final Pattern REMOTE_IMAGE = Pattern.compile(
      "<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?\\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:|[/\\\\]{2})",
      Pattern.CASE_INSENSITIVE);

  /** A picture's address on this site: a path, not "//host" nor "/\\host", which browsers read as one. */
  private static final Pattern SITE_PATH = Pattern.compile("/(?![/\\\\])[^\\s\\\\]*");

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
          .allowAttributes("alt", "title")
          .onElements("img")
          .allowAttributes("src")
          .matching(SITE_PATH)
          .onElements("img")
          .allowUrlProtocols("https", "http")
          .toFactory());

  public RenderedBody render(String markdown) {
    var unsafe = renderer.render(parser.parse(markdown));
    var html = policy.sanitize(unsafe);
    int remote = (int) REMOTE_IMAGE.matcher(unsafe).results().count();
    return new RenderedBody(html, countWords(TAG.matcher(html).replaceAll(" ")), remote);
  }

  static int countWords(String text) {
    var matcher = WORD.matcher(text);
    int count = 0;
    while (matcher.find()) count++;
    return count;
  }
}
