package io.masthead.media;

/**
 * What an editor says about a picture: alt text (what it shows, for readers who cannot see it),
 * caption, credit, source, and the focal point crops centre on (fractions, 0.5/0.5 the middle).
 */
public record MediaFields(
    String alt, String caption, String credit, String source, double focalX, double focalY) {
  public static final int MAX_ALT = 1000;
  public static final int MAX_CAPTION = 2000;
  public static final int MAX_CREDIT = 300;
  public static final int MAX_SOURCE = 300;

  public MediaFields {
    alt = alt == null ? "" : alt.strip();
    caption = caption == null ? "" : caption.strip();
    credit = credit == null ? "" : credit.strip();
    source = source == null ? "" : source.strip();
  }

  public static MediaFields of(Media m) {
    return new MediaFields(m.alt(), m.caption(), m.credit(), m.source(), m.focalX(), m.focalY());
  }

  /** These fields, the empty ones filled from the file's own metadata. */
  public MediaFields orFrom(EmbeddedMetadata embedded) {
    return new MediaFields(
        alt.isEmpty() ? embedded.alt() : alt,
        caption.isEmpty() ? embedded.caption() : caption,
        credit.isEmpty() ? embedded.credit() : credit,
        source.isEmpty() ? embedded.source() : source,
        focalX,
        focalY);
  }

  public MediaFields withFocus(double x, double y) {
    return new MediaFields(alt, caption, credit, source, x, y);
  }
}
