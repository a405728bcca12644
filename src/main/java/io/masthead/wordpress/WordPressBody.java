package io.masthead.wordpress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Turns a WordPress post's content into the Markdown the newsroom edits: classic HTML (with
 * WordPress's paragraphs made from blank lines) and Gutenberg blocks alike, {@code [caption]},
 * {@code [gallery]} and {@code [embed]} shortcodes converted, pictures pointed at the media
 * library, anything that cannot be shown (scripts, frames, unknown shortcodes) reported. The
 * Markdown is then rendered and sanitised by the article's own pipeline like any writer's.
 * Thread-safe.
 */
public final class WordPressBody {
  /** Where the pictures of a post come from: the media library, filled from the old site's files. */
  public interface Pictures {
    /**
     * The library's picture for an image of the old site, found by its attachment id (0 when
     * unknown) or its address; null when its file could not be had.
     */
    Picture find(long attachmentId, String url);

    /** The post's own attachments (a {@code [gallery]} without ids shows them). */
    List<Long> attachedTo(long postId);
  }

  /** A picture of the library, with the alt text and caption the old site gave it. */
  public record Picture(long mediaId, String alt, String caption) {}

  /** What the conversion could not carry over, for the import's summary. */
  public interface Notes {
    void unknownShortcode(String name);

    void missingPicture(String address);

    void removed(String what);
  }

  private static final Pattern BLOCK_COMMENT =
      Pattern.compile("<!--\\s*(/?)wp:([a-z0-9/-]+)(\\s+\\{.*?\\})?\\s*(/?)-->", Pattern.DOTALL);
  private static final Pattern EMBED_BLOCK = Pattern.compile(
      "<!--\\s*wp:(?:core-)?embed(?:/[a-z0-9-]+)?\\s+(\\{.*?\\})\\s*-->(.*?)<!--\\s*/wp:(?:core-)?embed(?:/[a-z0-9-]+)?\\s*-->",
      Pattern.DOTALL);
  private static final Pattern JSON_URL = Pattern.compile("\"url\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SHORTCODE =
      Pattern.compile("\\[(\\[?)(/?)([a-zA-Z][a-zA-Z0-9_-]*)((?:\\s+[^\\]]*)?)(/?)\\](\\]?)");
  private static final Pattern ATTRIBUTE =
      Pattern.compile("([a-zA-Z_-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|(\\S+))");
  private static final Pattern WP_IMAGE_CLASS = Pattern.compile("wp-image-(\\d+)");
  private static final Pattern BARE_URL = Pattern.compile("^\\s*(https?://[^\\s<>\"]+)\\s*$");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n\\s*\\n");
  private static final Pattern BLOCK_START = Pattern.compile(
      "^\\s*<(?:p|div|h[1-6]|ul|ol|li|blockquote|figure|table|pre|hr|dl|form|address|section|article|aside|header|footer|iframe|script|style|object|embed|video|audio)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern LINE_START_SPECIAL = Pattern.compile("^(\\s*)([#>+=-]|\\d+[.)])");
  private static final Set<String> DROPPED = Set.of(
      "script",
      "style",
      "iframe",
      "object",
      "embed",
      "form",
      "input",
      "button",
      "select",
      "textarea",
      "noscript",
      "video",
      "audio",
      "canvas",
      "svg",
      "template");
  /** A line break inside a paragraph, until the paragraph is written (never in a post's text). */
  private static final char BREAK = '\u0001';

  private static final Set<String> RAW_INLINE =
      Set.of("sup", "sub", "del", "s", "ins", "u", "small");

  /** Converts one post's content. */
  public String toMarkdown(String content, long postId, Pictures pictures, Notes notes) {
    if (content == null || content.isBlank()) return "";
    var text = content.replace("\r\n", "\n").replace('\r', '\n');
    boolean blocks = text.contains("<!-- wp:");
    if (blocks) text = gutenberg(text, notes);
    text = shortcodes(text, postId, pictures, notes);
    if (!blocks) text = paragraphs(text);
    var body = Jsoup.parseBodyFragment(text).body();
    var out = new ArrayList<String>();
    blocks(body, out, pictures, notes);
    return String.join("\n\n", out).strip();
  }

  // ---- before parsing: blocks, shortcodes, paragraphs ----------------------------------------

  private static String gutenberg(String text, Notes notes) {
    text = replace(EMBED_BLOCK, text, m -> {
      var url = JSON_URL.matcher(m.group(1));
      return url.find() ? linkParagraph(url.group(1).replace("\\/", "/")) : "";
    });
    return replace(BLOCK_COMMENT, text, m -> {
      // A block saved without HTML of its own (latest posts, a form…) is drawn by WordPress's PHP.
      if (!m.group(4).isEmpty()) notes.removed("block " + m.group(2));
      return "";
    });
  }

  private static String shortcodes(String text, long postId, Pictures pictures, Notes notes) {
    var out = new StringBuilder();
    var m = SHORTCODE.matcher(text);
    int at = 0;
    while (m.find(at)) {
      out.append(text, at, m.start());
      at = m.end();
      if (!m.group(1).isEmpty() && !m.group(6).isEmpty()) { // [[name]] is the text [name]
        out.append(m.group().substring(1, m.group().length() - 1));
        continue;
      }
      var name = m.group(3).toLowerCase(Locale.ROOT);
      boolean closing = !m.group(2).isEmpty();
      var attributes = attributes(m.group(4));
      int close = closing ? -1 : text.indexOf("[/" + m.group(3) + "]", at);
      String inner = close < 0 ? null : text.substring(at, close);
      switch (name) {
        case "caption", "wp_caption" -> {
          if (inner == null) continue;
          at = close + m.group(3).length() + 3;
          out.append(caption(inner, attributes.getOrDefault("caption", "")));
        }
        case "gallery" -> {
          var ids = new ArrayList<Long>();
          for (var id : attributes
              .getOrDefault("ids", attributes.getOrDefault("include", ""))
              .split(",")) {
            try {
              if (!id.isBlank()) ids.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
              // a malformed id shows nothing
            }
          }
          if (ids.isEmpty()) ids.addAll(pictures.attachedTo(postId));
          for (var id : ids)
            out.append("\n\n<img data-attachment=\"").append(id).append("\">\n\n");
        }
        case "embed" -> {
          var url = inner != null ? inner.strip() : attributes.getOrDefault("src", "");
          if (inner != null) at = close + m.group(3).length() + 3;
          if (!url.isEmpty()) out.append(linkParagraph(url));
        }
        case "video", "audio" -> {
          var src = attributes.getOrDefault(
              "src", attributes.getOrDefault("mp4", attributes.getOrDefault("mp3", "")));
          if (inner != null) at = close + m.group(3).length() + 3;
          notes.removed(name + " player (kept as a link)");
          if (!src.isEmpty()) out.append(linkParagraph(src));
        }
        default -> {
          if (!closing) notes.unknownShortcode(name);
          out.append(m.group()); // kept as text, for an editor to see
        }
      }
    }
    out.append(text, at, text.length());
    return out.toString();
  }

  /** {@code [caption]<img …> The caption[/caption]}: the picture, and the text after it as its caption. */
  private static String caption(String inner, String captionAttribute) {
    var fragment = Jsoup.parseBodyFragment(inner).body();
    var img = fragment.selectFirst("img");
    if (img == null) return inner;
    var anchor = img.parent() != null && img.parent().tagName().equals("a") ? img.parent() : img;
    anchor.remove();
    var caption = captionAttribute.isBlank() ? fragment.text().strip() : captionAttribute.strip();
    return "\n\n<figure>" + img.outerHtml() + "<figcaption>" + escapeHtml(caption)
        + "</figcaption></figure>\n\n";
  }

  /** WordPress's paragraphs for classic content: text between blank lines is a paragraph. */
  private static String paragraphs(String text) {
    var out = new StringBuilder();
    for (var chunk : BLANK_LINES.split(text)) {
      if (chunk.isBlank()) continue;
      var url = BARE_URL.matcher(chunk);
      if (url.matches()) out.append(linkParagraph(url.group(1))); // WordPress embeds these
      else if (BLOCK_START.matcher(chunk).find()) out.append(chunk).append("\n");
      else out.append("<p>").append(chunk.strip().replace("\n", "<br>\n")).append("</p>\n");
    }
    return out.toString();
  }

  private static String linkParagraph(String url) {
    var safe = escapeHtml(url.strip());
    return "\n\n<p><a href=\"" + safe + "\">" + safe + "</a></p>\n\n";
  }

  // ---- the parsed HTML to Markdown -------------------------------------------------------------

  private void blocks(Element parent, List<String> out, Pictures pictures, Notes notes) {
    var inline = new StringBuilder();
    var pending = new ArrayList<String>();
    for (var node : parent.childNodes()) {
      if (node instanceof Element e && isBlock(e)) {
        flush(inline, pending, out);
        block(e, out, pictures, notes);
      } else {
        inline(node, inline, pending, pictures, notes);
      }
    }
    flush(inline, pending, out);
  }

  private static boolean isBlock(Element e) {
    return switch (e.tagName()) {
      case "p",
          "div",
          "section",
          "article",
          "aside",
          "header",
          "footer",
          "main",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "blockquote",
          "ul",
          "ol",
          "pre",
          "hr",
          "figure",
          "table",
          "dl",
          "address",
          "center" -> true;
      default -> DROPPED.contains(e.tagName());
    };
  }

  private void block(Element e, List<String> out, Pictures pictures, Notes notes) {
    var tag = e.tagName();
    if (DROPPED.contains(tag)) {
      notes.removed(tag);
      return;
    }
    switch (tag) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        // The article's headline is its only h1: headings inside start at h2.
        int level = Math.max(2, tag.charAt(1) - '0');
        var text = new StringBuilder();
        var pending = new ArrayList<String>();
        for (var child : e.childNodes()) inline(child, text, pending, pictures, notes);
        var line = collapse(text.toString()).replace("\\\n", " ");
        if (!line.isBlank()) out.add("#".repeat(level) + " " + line);
        out.addAll(pending);
      }
      case "blockquote" -> {
        var inner = new ArrayList<String>();
        blocks(e, inner, pictures, notes);
        if (!inner.isEmpty()) {
          out.add(String.join("\n\n", inner)
              .lines()
              .map(l -> l.isEmpty() ? ">" : "> " + l)
              .reduce((a, b) -> a + "\n" + b)
              .orElse(""));
        }
      }
      case "ul", "ol" -> {
        var items = new ArrayList<String>();
        int n = 1;
        for (var li : e.children()) {
          if (!li.tagName().equals("li")) continue;
          var marker = tag.equals("ol") ? (n++) + ". " : "- ";
          var inner = new ArrayList<String>();
          blocks(li, inner, pictures, notes);
          var text = String.join("\n\n", inner);
          var indent = " ".repeat(marker.length());
          items.add(marker
              + text.lines()
                  .map(l -> l.isEmpty() ? "" : l)
                  .reduce((a, b) -> a + "\n" + (b.isEmpty() ? "" : indent + b))
                  .orElse(""));
        }
        if (!items.isEmpty()) out.add(String.join("\n", items));
      }
      case "pre" -> {
        var code = e.wholeText().replaceAll("\\n+$", "");
        var fence = code.contains("```") ? "~~~~" : "```";
        out.add(fence + "\n" + code + "\n" + fence);
      }
      case "hr" -> out.add("---");
      case "figure" -> figure(e, out, pictures, notes);
      case "table" -> {
        e.select("script, style, iframe").remove();
        var doc = e.ownerDocument();
        if (doc != null) doc.outputSettings().prettyPrint(false);
        out.add(e.outerHtml().replaceAll("\\n\\s*\\n", "\n"));
      }
      default -> blocks(e, out, pictures, notes); // p, div, section…: their content
    }
  }

  /** A figure: its picture with its caption, or (an embed's figure) the link it shows. */
  private void figure(Element e, List<String> out, Pictures pictures, Notes notes) {
    var img = e.selectFirst("img");
    var caption = e.selectFirst("figcaption");
    if (img == null) {
      var inner = new ArrayList<String>();
      if (caption != null) caption.remove();
      blocks(e, inner, pictures, notes);
      out.addAll(inner);
      if (caption != null && !caption.text().isBlank()) out.add("*" + escape(caption.text()) + "*");
      return;
    }
    var picture = picture(img, caption == null ? "" : caption.text(), pictures, notes);
    if (picture != null) out.add(picture);
  }

  /** The Markdown of one picture, or null (noted) when the library cannot have it. */
  private static String picture(Element img, String caption, Pictures pictures, Notes notes) {
    long attachment = 0;
    var data = img.attr("data-attachment");
    if (!data.isEmpty()) {
      attachment = Long.parseLong(data);
    } else {
      var id = WP_IMAGE_CLASS.matcher(img.className());
      if (id.find()) attachment = Long.parseLong(id.group(1));
      else if (!img.attr("data-id").isEmpty()) {
        try {
          attachment = Long.parseLong(img.attr("data-id"));
        } catch (NumberFormatException e) {
          attachment = 0;
        }
      }
    }
    var src = img.attr("src");
    var found = pictures.find(attachment, src);
    if (found == null) {
      notes.missingPicture(src.isEmpty() ? "attachment " + attachment : src);
      return null;
    }
    var alt = !img.attr("alt").isBlank() ? img.attr("alt") : found.alt();
    var title = !caption.isBlank() ? caption : found.caption();
    return "![" + escape(alt.strip()) + "](media:" + found.mediaId()
        + (title.isBlank()
            ? ""
            : " \"" + title.strip().replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
        + ")";
  }

  private void inline(
      Node node, StringBuilder out, List<String> pending, Pictures pictures, Notes notes) {
    if (node instanceof TextNode t) {
      out.append(escape(t.getWholeText()));
      return;
    }
    if (!(node instanceof Element e)) return;
    var tag = e.tagName();
    if (DROPPED.contains(tag)) {
      notes.removed(tag);
      return;
    }
    switch (tag) {
      case "br" -> out.append(BREAK);
      case "img" -> {
        var picture = picture(e, "", pictures, notes);
        if (picture != null) pending.add(picture);
      }
      case "strong", "b" -> wrap(e, "**", out, pending, pictures, notes);
      case "em", "i", "cite" -> wrap(e, "*", out, pending, pictures, notes);
      case "code", "kbd", "tt" -> {
        var code = e.text();
        if (code.contains("`")) out.append("`` ").append(code).append(" ``");
        else out.append('`').append(code).append('`');
      }
      case "a" -> {
        var inner = new StringBuilder();
        for (var child : e.childNodes()) inline(child, inner, pending, pictures, notes);
        var text = collapse(inner.toString());
        var href = e.attr("href").strip();
        if (text.isBlank()) return; // a link around a picture: the picture stands alone
        if (href.isEmpty() || href.startsWith("javascript:")) out.append(text);
        else
          out.append('[')
              .append(text)
              .append("](<")
              .append(href.replace(">", "%3E"))
              .append(">)");
      }
      default -> {
        if (RAW_INLINE.contains(tag)) {
          out.append('<').append(tag).append('>');
          for (var child : e.childNodes()) inline(child, out, pending, pictures, notes);
          out.append("</").append(tag).append('>');
        } else {
          for (var child : e.childNodes()) inline(child, out, pending, pictures, notes);
        }
      }
    }
  }

  private void wrap(
      Element e,
      String mark,
      StringBuilder out,
      List<String> pending,
      Pictures pictures,
      Notes notes) {
    var inner = new StringBuilder();
    for (var child : e.childNodes()) inline(child, inner, pending, pictures, notes);
    var text = inner.toString();
    if (text.isBlank()) {
      out.append(text);
      return;
    }
    // Emphasis may not start or end with a space in Markdown: keep the spaces outside it.
    var lead = text.substring(0, text.length() - text.stripLeading().length());
    var trail = text.substring(text.stripTrailing().length());
    out.append(lead).append(mark).append(text.strip()).append(mark).append(trail);
  }

  private static void flush(StringBuilder inline, List<String> pending, List<String> out) {
    var text = collapse(inline.toString());
    if (!text.isBlank()) out.add(text);
    out.addAll(pending);
    inline.setLength(0);
    pending.clear();
  }

  /** Whitespace as HTML shows it (runs are one space), hard breaks kept, line starts made literal. */
  private static String collapse(String text) {
    var lines = spaced(text).split(String.valueOf(BREAK), -1);
    var out = new StringBuilder();
    for (var raw : lines) {
      var line = raw.strip();
      if (line.isEmpty()) continue;
      var special = LINE_START_SPECIAL.matcher(line);
      if (special.find()) {
        var mark = special.group(2);
        line = mark.length() == 1
            ? "\\" + line
            : mark.substring(0, mark.length() - 1) + "\\" + line.substring(mark.length() - 1);
      }
      if (!out.isEmpty()) out.append("\\\n");
      out.append(line);
    }
    return out.toString();
  }

  /** Runs of white space as one space, as HTML shows them (by hand: the regex was a tenth of an import). */
  private static String spaced(String text) {
    var out = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B') {
        space = true;
      } else {
        if (space) out.append(' ');
        space = false;
        out.append(c);
      }
    }
    if (space) out.append(' ');
    return out.toString();
  }

  /** Text made literal in Markdown. */
  static String escape(String text) {
    return io.masthead.text.Markdown.literal(text);
  }

  private static String escapeHtml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  private static Map<String, String> attributes(String text) {
    var out = new java.util.HashMap<String, String>();
    var m = ATTRIBUTE.matcher(text == null ? "" : text);
    while (m.find()) {
      var value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      out.put(m.group(1).toLowerCase(Locale.ROOT), value);
    }
    return out;
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.Function<Matcher, String> replacement) {
    var m = pattern.matcher(text);
    var out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
    m.appendTail(out);
    return out.toString();
  }
}
