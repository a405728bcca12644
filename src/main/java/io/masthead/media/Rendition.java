package io.masthead.media;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One rendition's address, {@code /media/42/3fa9c1d20b/16x9-640.webp}: the picture, its
 * {@link Media#key() key}, the crop, the width and the format. Only the widths in {@link #WIDTHS}
 * are made, so no one can fill the disk by asking for every width from 1 to 10,000.
 */
public record Rendition(long mediaId, String key, Crop crop, int width, ImageFormat format) {
  /** The widths renditions are made at: phones to large screens, and 1200 for social cards. */
  public static final int[] WIDTHS = {160, 320, 480, 640, 800, 960, 1200, 1600, 2048};

  private static final Pattern PATH =
      Pattern.compile("/media/(\\d{1,18})/([0-9a-f]{10})/([a-z0-9x]+)-(\\d{1,5})\\.([a-z]+)");

  public String path() {
    return "/media/" + mediaId + "/" + key + "/" + crop.code() + "-" + width + "."
        + format.extension();
  }

  /** The rendition an address names, if it is one Masthead makes. */
  public static Optional<Rendition> parse(String path) {
    var m = PATH.matcher(path);
    if (!m.matches()) return Optional.empty();
    int width = Integer.parseInt(m.group(4));
    if (Arrays.stream(WIDTHS).noneMatch(w -> w == width)) return Optional.empty();
    var crop = Crop.of(m.group(3));
    var format = ImageFormat.ofExtension(m.group(5));
    if (crop.isEmpty() || format.isEmpty()) return Optional.empty();
    return Optional.of(
        new Rendition(Long.parseLong(m.group(1)), m.group(2), crop.get(), width, format.get()));
  }

  /** The widths worth offering of a crop whose largest size is {@code largest}: none enlarged, at least one. */
  public static int[] widthsUpTo(int largest) {
    var fitting = Arrays.stream(WIDTHS).filter(w -> w <= largest).toArray();
    return fitting.length == 0 ? new int[] {WIDTHS[0]} : fitting;
  }
}
