package io.masthead.media;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.stream.ImageInputStream;

/**
 * The picture engine: reads what an upload really is (by decoding it, not by its name), and makes
 * renditions — a crop of the oriented picture, scaled, encoded as JPEG or WebP with no metadata at
 * all, so GPS positions and camera serials never leave the library. Built on the JDK's ImageIO
 * with TwelveMonkeys' JPEG reader and libwebp (through webp-imageio); memory stays bounded by
 * reading big originals subsampled and cropped at decode time. Thread-safe (stateless).
 */
public final class Images {
  private Images() {}

  /** A bigger picture is refused before it is decoded: 100 megapixels is far past any camera's JPEG. */
  public static final long MAX_PIXELS = 100_000_000L;

  /** The largest side accepted: a 30,000-pixel panorama is still a picture; 50,000 is a bomb. */
  public static final int MAX_SIDE = 30_000;

  /** The most pixels decoded at once for a rendition: 16 MP, about 48 MB. */
  private static final long MAX_DECODED_PIXELS = 16_000_000L;

  private static final Map<String, String> ACCEPTED =
      Map.of("jpeg", "image/jpeg", "png", "image/png", "gif", "image/gif", "webp", "image/webp");

  /** Why an upload is not a picture the library takes, in words for the person who sent it. */
  public static final class Unacceptable extends Exception {
    public Unacceptable(String message) {
      super(message);
    }
  }

  /**
   * What a checked upload is: its type, its stored size, its EXIF orientation (1–8) and its size
   * once turned upright.
   */
  public record Probe(String contentType, int rawWidth, int rawHeight, int orientation) {
    public boolean transposed() {
      return orientation >= 5 && orientation <= 8;
    }

    public int width() {
      return transposed() ? rawHeight : rawWidth;
    }

    public int height() {
      return transposed() ? rawWidth : rawHeight;
    }
  }

  /**
   * Decodes the whole file (small, subsampled) to prove it is a whole picture of an accepted type
   * and size. {@code orientation} comes from its EXIF (1 when none).
   */
  public static Probe probe(Path file, int orientation) throws Unacceptable {
    return check(file, orientation, 0).probe();
  }

  /**
   * A checked upload, and its whole picture decoded upright at {@code 1/step} of its size: what
   * renditions up to {@code targetWidth} wide are made from, so a new picture is decoded once.
   */
  public record Decoded(Probe probe, BufferedImage upright, int step) {}

  /**
   * {@link #probe}, keeping the decoded picture: at least {@code targetWidth} wide where the
   * original allows (subsampled, at most 16 megapixels), or small (about 1000 pixels) when
   * {@code targetWidth} is 0 and only the check is wanted.
   */
  public static Decoded check(Path file, int orientation, int targetWidth) throws Unacceptable {
    if (looksLikeMarkup(file)) {
      throw new Unacceptable("SVG and other markup is not accepted: it can carry scripts. Export"
          + " the picture as PNG or JPEG and upload that.");
    }
    try (var in = ImageIO.createImageInputStream(file.toFile())) {
      var reader = readerFor(in);
      try {
        var type = ACCEPTED.get(reader.getFormatName().toLowerCase(Locale.ROOT));
        if (type == null) {
          throw new Unacceptable("This is a " + reader.getFormatName().toUpperCase(Locale.ROOT)
              + " file; the library takes JPEG, PNG, GIF and WebP.");
        }
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        checkSize(w, h);
        var param = reader.getDefaultReadParam();
        int o = orientation >= 1 && orientation <= 8 ? orientation : 1;
        int uprightWidth = o >= 5 ? h : w;
        int step = targetWidth <= 0
            ? Math.max(1, Math.max(w, h) / 1024)
            : Math.max(1, uprightWidth / (2 * targetWidth));
        while ((long) (w / step) * (h / step) > MAX_DECODED_PIXELS) step++;
        param.setSourceSubsampling(step, step, 0, 0);
        var warnings = new ArrayList<String>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        var image = reader.read(0, param);
        if (image == null) throw new Unacceptable("The picture could not be read.");
        for (var warning : warnings) {
          var lower = warning.toLowerCase(Locale.ROOT);
          if (lower.contains("premature") || lower.contains("truncat") || lower.contains("corrupt"))
            throw new Unacceptable("The file is damaged or cut short (" + warning.strip()
                + "). Upload the whole file again.");
        }
        return new Decoded(new Probe(type, w, h, o), turnUpright(image, o), step);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new Unacceptable("The file is damaged or not a picture: " + plain(e)
          + ". Upload a JPEG, PNG, GIF or WebP.");
    }
  }

  static void checkSize(int w, int h) throws Unacceptable {
    if (w <= 0 || h <= 0) throw new Unacceptable("The picture has no size.");
    if (w > MAX_SIDE || h > MAX_SIDE || (long) w * h > MAX_PIXELS) {
      throw new Unacceptable("The picture is " + w + " × " + h + " pixels; the library takes up"
          + " to 100 megapixels and 30,000 pixels a side.");
    }
  }

  /**
   * The {@code area} (in the upright picture's pixels) of the original, upright, decoded at a size
   * at least {@code targetWidth} wide where the original allows, and at most 16 megapixels.
   */
  public static BufferedImage decodeArea(
      Path original, Probe probe, Rectangle area, int targetWidth) throws IOException {
    int step = Math.max(1, area.width / (2 * targetWidth));
    while ((long) (area.width / step) * (area.height / step) > MAX_DECODED_PIXELS) step++;
    var toUpright = upright(probe.rawWidth(), probe.rawHeight(), probe.orientation());
    Rectangle rawArea;
    try {
      rawArea = toUpright.createInverse().createTransformedShape(area).getBounds();
    } catch (NoninvertibleTransformException e) {
      throw new IllegalStateException("orientations are rotations and flips", e);
    }
    rawArea = rawArea.intersection(new Rectangle(0, 0, probe.rawWidth(), probe.rawHeight()));
    BufferedImage raw;
    try (var in = ImageIO.createImageInputStream(original.toFile())) {
      var reader = readerFor(in);
      try {
        var param = reader.getDefaultReadParam();
        param.setSourceRegion(rawArea);
        param.setSourceSubsampling(step, step, 0, 0);
        raw = reader.read(0, param);
      } finally {
        reader.dispose();
      }
    } catch (Unacceptable e) {
      throw new IOException(e.getMessage(), e);
    }
    return turnUpright(raw, probe.orientation());
  }

  /** The picture scaled to {@code w}×{@code h}: halved step by step, then smoothly to size (no jagged edges). */
  public static BufferedImage resize(BufferedImage source, int w, int h) {
    var current = flatten(source);
    while (current.getWidth() >= 2 * w && current.getHeight() >= 2 * h) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2);
    }
    if (current.getWidth() == w && current.getHeight() == h) return current;
    return draw(current, w, h);
  }

  /** The picture encoded in {@code format}, with no metadata. */
  public static byte[] encode(BufferedImage image, ImageFormat format) throws IOException {
    var writers = ImageIO.getImageWritersByMIMEType(format.mimeType());
    if (!writers.hasNext()) throw new IOException("no " + format + " encoder in this build");
    var writer = writers.next();
    var bytes = new ByteArrayOutputStream(64 * 1024);
    // Kept in memory: ImageIO's own choice for a stream is a temporary file on disk per encode.
    try (var out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
      var param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      if (format == ImageFormat.WEBP) {
        param.setCompressionType("Lossy");
        param.setCompressionQuality(0.78f);
        // libwebp's effort 1 of 6: three times as fast as its default 4, and on photographs
        // as small (measured on a 24 MP photo's 2048 wide rendition: 119 ms against 413 ms).
        if (param instanceof com.luciad.imageio.webp.WebPWriteParam webp) webp.setMethod(1);
      } else {
        // Baseline, not progressive: twice as fast to encode, and JPEG is only the fallback of
        // the few browsers without WebP.
        param.setCompressionQuality(0.82f);
      }
      writer.setOutput(out);
      writer.write(null, new IIOImage(flatten(image), null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** Whether this build can write WebP (libwebp loads on this platform). */
  public static boolean canWriteWebp() {
    return WebpSupport.AVAILABLE;
  }

  private static final class WebpSupport {
    static final boolean AVAILABLE = check();

    private static boolean check() {
      try {
        encode(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), ImageFormat.WEBP);
        return true;
      } catch (IOException | RuntimeException | LinkageError e) {
        org.slf4j.LoggerFactory.getLogger(Images.class)
            .warn("WebP renditions are off: the encoder did not load ({})", e.toString());
        return false;
      }
    }
  }

  /** The transform that turns a raw picture upright, per EXIF orientation 1–8. */
  static AffineTransform upright(int w, int h, int orientation) {
    // new AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11
    // y + m12
    return switch (orientation) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // upside down
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // upside down, mirrored
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // turned a quarter clockwise
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w); // turned a quarter anticlockwise
      default -> new AffineTransform();
    };
  }

  static BufferedImage turnUpright(BufferedImage raw, int orientation) {
    if (orientation <= 1 || orientation > 8) return flatten(raw);
    int w = raw.getWidth();
    int h = raw.getHeight();
    boolean transposed = orientation >= 5;
    var out = new BufferedImage(transposed ? h : w, transposed ? w : h, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(raw, upright(w, h, orientation), null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** An RGB picture: transparency laid on white (JPEG has none), palettes and grey expanded. */
  private static BufferedImage flatten(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB
        || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
      return image;
    }
    var out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage draw(BufferedImage source, int w, int h) {
    var out = new BufferedImage(Math.max(1, w), Math.max(1, h), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(source, 0, 0, out.getWidth(), out.getHeight(), null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static ImageReader readerFor(ImageInputStream in) throws Unacceptable {
    if (in == null) throw new Unacceptable("The file could not be opened.");
    var readers = ImageIO.getImageReaders(in);
    if (!readers.hasNext()) {
      throw new Unacceptable(
          "This file is not a picture the library can read; upload a JPEG, PNG, GIF or WebP.");
    }
    var reader = readers.next();
    reader.setInput(in, true, true);
    return reader;
  }

  /** Whether the file starts like XML, SVG or HTML (after any byte-order mark and white space). */
  private static boolean looksLikeMarkup(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      var head = new String(in.readNBytes(512), StandardCharsets.ISO_8859_1)
          .replace("\u00ef\u00bb\u00bf", "")
          .stripLeading()
          .toLowerCase(Locale.ROOT);
      return head.startsWith("<") || head.contains("<svg");
    } catch (IOException e) {
      return false;
    }
  }

  private static String plain(Throwable e) {
    var message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.length() > 200 ? message.substring(0, 200) : message;
  }
}
