package io.masthead.web;

import io.masthead.article.BodyRenderer;
import io.masthead.media.MediaCatalog;
import java.util.LinkedHashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the library pictures in a stored body ({@code <img src="/media/42" alt="…" title="…">},
 * as {@link BodyRenderer} leaves {@code ![alt](media:42 "caption")}) into what readers get: a
 * {@code <figure>} with every size, the caption and the credit when the picture stands in its own
 * paragraph, a {@code <picture>} when it sits inside text. Done when a page is rendered, not when
 * the article is saved, so a picture's new focal point or credit shows on every article that
 * has it. The body is the sanitiser's output, so its attributes are already escaped.
 */
public final class BodyPictures {
  private BodyPictures() {}

  private static final String PATH = Pattern.quote(BodyRenderer.MEDIA_PATH);
  private static final Pattern ALONE =
      Pattern.compile("<p>\\s*(<img src=\"" + PATH + "(\\d{1,18})\"[^>]*>)\\s*</p>");
  private static final Pattern INLINE =
      Pattern.compile("<img src=\"" + PATH + "(\\d{1,18})\"[^>]*>");
  private static final Pattern ALT = Pattern.compile("\\balt=\"([^\"]*)\"");
  private static final Pattern TITLE = Pattern.compile("\\btitle=\"([^\"]*)\"");

  public static String expand(String html, MediaCatalog catalog) {
    if (!html.contains("<img src=\"" + BodyRenderer.MEDIA_PATH)) return html;
    var ids = new LinkedHashSet<Long>();
    var m = INLINE.matcher(html);
    while (m.find()) ids.add(Long.parseLong(m.group(1)));
    var media = catalog.findAll(ids);
    var figures = ALONE.matcher(html).replaceAll(found -> {
      var picture = media.get(Long.parseLong(found.group(2)));
      if (picture == null) return Matcher.quoteReplacement(found.group());
      var shown = new Picture(picture);
      var tag = found.group(1);
      return Matcher.quoteReplacement(
          shown.figure(shown.inBody(attribute(ALT, tag)), attribute(TITLE, tag), "body-figure"));
    });
    return INLINE.matcher(figures).replaceAll(found -> {
      var picture = media.get(Long.parseLong(found.group(1)));
      if (picture == null) return Matcher.quoteReplacement(found.group());
      return Matcher.quoteReplacement(new Picture(picture).inBody(attribute(ALT, found.group())));
    });
  }

  private static String attribute(Pattern pattern, String tag) {
    var m = pattern.matcher(tag);
    return m.find() ? m.group(1) : null;
  }
}
