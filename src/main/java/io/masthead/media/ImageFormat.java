package io.masthead.media;

import java.util.Locale;
import java.util.Optional;

/** The formats renditions are made in. WebP is about a third smaller; JPEG is what every browser reads. */
public enum ImageFormat {
  JPEG("jpg", "image/jpeg"),
  WEBP("webp", "image/webp");

  private final String extension;
  private final String mimeType;

  ImageFormat(String extension, String mimeType) {
    this.extension = extension;
    this.mimeType = mimeType;
  }

  public String extension() {
    return extension;
  }

  public String mimeType() {
    return mimeType;
  }

  public static Optional<ImageFormat> ofExtension(String extension) {
    var lower = extension.toLowerCase(Locale.ROOT);
    for (var f : values()) if (f.extension.equals(lower)) return Optional.of(f);
    return Optional.empty();
  }
}
