package io.masthead.media;

import java.awt.Rectangle;
import java.util.Optional;

/**
 * The shapes pictures are shown in, each cut around the focal point: the three Google asks for in
 * an article's structured data (16:9, 4:3, 1:1), the 1.91:1 of social cards, and the whole picture.
 */
public enum Crop {
  WIDE("16x9", 16, 9),
  STANDARD("4x3", 4, 3),
  SQUARE("1x1", 1, 1),
  SOCIAL("social", 40, 21),
  FULL("full", 0, 0);

  private final String code;
  private final int ratioWidth;
  private final int ratioHeight;

  Crop(String code, int ratioWidth, int ratioHeight) {
    this.code = code;
    this.ratioWidth = ratioWidth;
    this.ratioHeight = ratioHeight;
  }

  public String code() {
    return code;
  }

  public static Optional<Crop> of(String code) {
    for (var c : values()) if (c.code.equals(code)) return Optional.of(c);
    return Optional.empty();
  }

  /** The height of a rendition {@code width} wide of a picture {@code w}×{@code h}. */
  public int heightFor(int width, int w, int h) {
    if (this == FULL) return Math.max(1, (int) Math.round((double) width * h / w));
    return Math.max(1, (int) Math.round((double) width * ratioHeight / ratioWidth));
  }

  /**
   * The largest rectangle of this shape inside a picture {@code w}×{@code h}, centred on the
   * focal point as far as the picture's edges allow.
   */
  public Rectangle area(int w, int h, double focalX, double focalY) {
    if (this == FULL) return new Rectangle(0, 0, w, h);
    int cw = w;
    int ch = (int) Math.round((double) w * ratioHeight / ratioWidth);
    if (ch > h) {
      ch = h;
      cw = (int) Math.round((double) h * ratioWidth / ratioHeight);
    }
    cw = Math.max(1, Math.min(cw, w));
    ch = Math.max(1, Math.min(ch, h));
    int x = (int) Math.round(focalX * w - cw / 2.0);
    int y = (int) Math.round(focalY * h - ch / 2.0);
    x = Math.max(0, Math.min(x, w - cw));
    y = Math.max(0, Math.min(y, h - ch));
    return new Rectangle(x, y, cw, ch);
  }
}
