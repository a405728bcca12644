package io.masthead.media;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A picture of the library: its original (by checksum), its size once upright (after its EXIF
 * {@code orientation}, 1–8), and what an editor said about it. {@code focalX}/{@code focalY} are where crops centre, as fractions of
 * the width and height.
 */
public record Media(
    long id,
    String sha256,
    String contentType,
    String fileName,
    int width,
    int height,
    int orientation,
    long bytes,
    String alt,
    String caption,
    String credit,
    String source,
    double focalX,
    double focalY,
    Long uploadedBy,
    String uploaderName,
    Instant uploadedAt,
    int version) {

  /**
   * The part of every rendition's address that changes when what renditions are made from changes
   * (the original or the focal point), so a rendition's address can be cached forever.
   */
  public String key() {
    try {
      var digest = MessageDigest.getInstance("SHA-256")
          .digest((sha256 + "|" + Math.round(focalX * 1000) + "|" + Math.round(focalY * 1000))
              .getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** How the original is stored: its size before it is turned upright. */
  public Images.Probe probe() {
    boolean transposed = orientation >= 5;
    return new Images.Probe(
        contentType, transposed ? height : width, transposed ? width : height, orientation);
  }

  /** Whether the picture may appear on a published article: it needs alt text. */
  public boolean hasAlt() {
    return !alt.isBlank();
  }

  /** The address of one rendition. */
  public String url(Crop crop, int width, ImageFormat format) {
    return new Rendition(id, key(), crop, width, format).path();
  }

  /**
   * The width of the rendition of this crop to use where at most {@code most} pixels are wanted:
   * the largest offered that is neither wider nor an enlargement (the smallest for a tiny picture).
   */
  public int widthUpTo(Crop crop, int most) {
    var widths = Rendition.widthsUpTo(Math.min(most, largestWidth(crop)));
    return widths[widths.length - 1];
  }

  /** The width of the largest rendition of this crop that is not an enlargement. */
  public int largestWidth(Crop crop) {
    return crop.area(width, height, focalX, focalY).width;
  }
}
