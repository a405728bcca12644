package io.masthead.web;

import io.masthead.media.Crop;
import io.masthead.media.ImageFormat;
import io.masthead.media.Media;
import io.masthead.media.Rendition;
import io.masthead.media.Renditions;

/**
 * A picture of the library as pages show it: a {@code <picture>} with WebP and JPEG sources at
 * every width the crop has (never enlarged), {@code sizes} for where it sits in the layout, and
 * width and height, so the browser reserves its box before it loads (no layout shift). Only the
 * picture a reader sees first loads at once; the others wait until they are near
 * ({@code loading="lazy"}).
 */
public record Picture(Media media) {
  /** The article's own picture at its top: the column's width, loaded first. */
  public String articleLead() {
    return html(Crop.WIDE, "(min-width: 46rem) 44rem, calc(100vw - 2rem)", 960, true, null, 0);
  }

  /** The home page's lead story: two thirds of the page on wide screens. */
  public String homeLead() {
    return html(
        Crop.WIDE,
        "(min-width: 72rem) 46rem, (min-width: 48rem) 64vw, calc(100vw - 2rem)",
        960,
        true,
        null,
        0);
  }

  /** A story in a grid of cards. */
  public String card() {
    return html(
        Crop.WIDE,
        "(min-width: 72rem) 22rem, (min-width: 34rem) 45vw, calc(100vw - 2rem)",
        480,
        false,
        null,
        0);
  }

  /** A small picture beside a story in a list. */
  public String thumb() {
    return html(Crop.STANDARD, "9rem", 320, false, null, 9);
  }

  /** A small picture in the newsroom, shown {@code sizes} wide. */
  public String thumbFor(String sizes) {
    return html(Crop.STANDARD, sizes, 320, false, null, 0);
  }

  /** One crop as the newsroom previews it, to check the focal point. */
  public String preview(Crop crop) {
    return html(crop, "14rem", 480, false, null, 14);
  }

  /** In an article's body, with the writer's alt text when they gave one. */
  public String inBody(String escapedAlt) {
    return html(
        Crop.FULL, "(min-width: 46rem) 44rem, calc(100vw - 2rem)", 960, false, escapedAlt, 0);
  }

  /** The caption and credit, escaped, for a figcaption; empty when there is neither. */
  public String captionHtml(String escapedCaption) {
    var caption = escapedCaption != null && !escapedCaption.isBlank()
        ? escapedCaption
        : escape(media.caption());
    var parts = new StringBuilder();
    if (!caption.isBlank()) parts.append(caption);
    if (!media.credit().isBlank()) {
      if (!parts.isEmpty()) parts.append(' ');
      parts.append("<span class=\"credit\">").append(escape(media.credit())).append("</span>");
    }
    return parts.toString();
  }

  /** A figure with the picture and its caption and credit. */
  public String figure(String pictureHtml, String escapedCaption, String className) {
    var caption = captionHtml(escapedCaption);
    return "<figure class=\"" + className + "\">" + pictureHtml
        + (caption.isEmpty() ? "" : "<figcaption>" + caption + "</figcaption>") + "</figure>";
  }

  /** An absolute address of one rendition, for social cards and structured data. */
  public String url(Crop crop, int width, ImageFormat format) {
    return media.url(crop, width, format);
  }

  /**
   * The markup of each picture in each place, made once: a listing shows twenty pictures, and
   * building their addresses was a quarter of rendering a page. A new version of the picture
   * (its alt text, its crop) has another entry.
   */
  private static final com.github.benmanes.caffeine.cache.Cache<String, String> MARKUP =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
          .maximumSize(20_000)
          .build();

  /**
   * {@code slotRem}: the widest the picture is ever shown, in rem, for a slot of fixed size; 0
   * for a slot that grows with the screen.
   */
  private String html(
      Crop crop, String sizes, int preferredWidth, boolean eager, String escapedAlt, int slotRem) {
    if (escapedAlt != null && !escapedAlt.isBlank())
      return markup(crop, sizes, preferredWidth, eager, escapedAlt, slotRem);
    return MARKUP.get(
        media.id() + "/" + media.version() + "/" + media.sha256() + "/" + crop.code() + "/"
            + preferredWidth + "/" + eager + "/" + sizes + "/" + slotRem,
        k -> markup(crop, sizes, preferredWidth, eager, null, slotRem));
  }

  /**
   * The widths a slot of {@code slotRem} can use: up to the first that covers it on the densest
   * screens (3 device pixels per CSS pixel) with a root font of up to 20 px. A thumbnail listed
   * every width up to 1200 px (twice: WebP and JPEG) for a 144 px slot.
   */
  static int[] enoughFor(int[] widths, int slotRem) {
    if (slotRem <= 0) return widths;
    int need = slotRem * 20 * 3;
    int n = 1;
    while (n < widths.length && widths[n - 1] < need) n++;
    return java.util.Arrays.copyOf(widths, n);
  }

  private String markup(
      Crop crop, String sizes, int preferredWidth, boolean eager, String escapedAlt, int slotRem) {
    var widths = enoughFor(Rendition.widthsUpTo(media.largestWidth(crop)), slotRem);
    int fallback = media.widthUpTo(crop, preferredWidth);
    int height = crop.heightFor(fallback, media.width(), media.height());
    // The key is a hash: made once here, not once for each of the ~17 addresses below.
    var key = media.key();
    var html = new StringBuilder(1500).append("<picture>");
    for (var format : Renditions.formats()) {
      if (format == ImageFormat.JPEG) continue;
      html.append("<source type=\"")
          .append(format.mimeType())
          .append("\" srcset=\"")
          .append(srcset(key, crop, widths, format))
          .append("\" sizes=\"")
          .append(sizes)
          .append("\">");
    }
    var alt = escapedAlt != null && !escapedAlt.isBlank() ? escapedAlt : escape(media.alt());
    html.append("<img src=\"")
        .append(new Rendition(media.id(), key, crop, fallback, ImageFormat.JPEG).path())
        .append("\" srcset=\"")
        .append(srcset(key, crop, widths, ImageFormat.JPEG))
        .append("\" sizes=\"")
        .append(sizes)
        .append("\" width=\"")
        .append(fallback)
        .append("\" height=\"")
        .append(height)
        .append("\" alt=\"")
        .append(alt)
        .append('"')
        .append(eager ? " fetchpriority=\"high\"" : " loading=\"lazy\"")
        .append(" decoding=\"async\"></picture>");
    return html.toString();
  }

  private String srcset(String key, Crop crop, int[] widths, ImageFormat format) {
    var out = new StringBuilder(widths.length * 48);
    for (int w : widths) {
      if (!out.isEmpty()) out.append(", ");
      out.append(new Rendition(media.id(), key, crop, w, format).path())
          .append(' ')
          .append(w)
          .append('w');
    }
    return out.toString();
  }

  /** Text made safe inside an element or a quoted attribute. */
  public static String escape(String text) {
    var out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&#34;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
