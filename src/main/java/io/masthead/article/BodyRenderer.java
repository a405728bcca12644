package io.masthead.article;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Image;
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
   * The sanitised HTML, its words, the pictures of the library it shows, and how many other
   * pictures the writer put in, which were left out: pages show the library's pictures only (with
   * their sizes, crops and credits), and the site's Content-Security-Policy lets browsers load
   * pictures from the site itself only.
   */
  public record RenderedBody(String html, int wordCount, int foreignImages, Set<Long> mediaIds) {
    public RenderedBody {
      mediaIds = Set.copyOf(mediaIds);
    }
  }

  /** A picture of the library in Markdown: {@code ![alt](media:123 "caption")}, or its site address. */
  private static final Pattern MEDIA_REFERENCE = Pattern.compile("(?:media:|/media/)(\\d{1,18})");

  /** An image, and the address it names. */
  private static final Pattern IMAGE = Pattern.compile(
      "<img\\b[^>]*?\\bsrc\\s*=\\s*[\"']?\\s*([^\"'\\s>]*)", Pattern.CASE_INSENSITIVE);

  /** A picture of the library once rendered: its own address, and nothing else. */
  private static final Pattern LIBRARY_PATH = Pattern.compile("/media/(\\d{1,18})");

  /**
   * Where a body's library picture points once rendered: the picture's own address, which answers
   * with a rendition, and which pages expand into a {@code <picture>} with every size.
   */
  public static final String MEDIA_PATH = "/media/";

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
          .matching(LIBRARY_PATH)
          .onElements("img")
          .allowUrlProtocols("https", "http")
          .toFactory());

  public RenderedBody render(String markdown) {
    var document = parser.parse(markdown);
    document.accept(new AbstractVisitor() {
      @Override
      public void visit(Image image) {
        var m = MEDIA_REFERENCE.matcher(image.getDestination().strip());
        if (m.matches()) image.setDestination(MEDIA_PATH + m.group(1)); // expanded when shown
        visitChildren(image);
      }
    });
    var unsafe = renderer.render(document);
    int foreign = 0;
    var mediaIds = new LinkedHashSet<Long>();
    var images = IMAGE.matcher(unsafe);
    while (images.find()) {
      var library = LIBRARY_PATH.matcher(images.group(1));
      if (library.matches()) mediaIds.add(Long.parseLong(library.group(1)));
      else foreign++;
    }
    var html = policy.sanitize(unsafe);
    return new RenderedBody(html, countWords(TAG.matcher(html).replaceAll(" ")), foreign, mediaIds);
  }

  static int countWords(String text) {
    var matcher = WORD.matcher(text);
    int count = 0;
    while (matcher.find()) count++;
    return count;
  }
}
