package io.masthead.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/**
 * Pictures written for the tests: plain JPEGs and PNGs of known colours, and the metadata
 * segments cameras and agencies put in them (EXIF orientation and GPS, IPTC, XMP alt text), built
 * byte by byte so each test knows exactly what the file holds.
 */
public final class Pictures {
  private Pictures() {}

  /** A JPEG {@code w}×{@code h}: the left half {@code left}, the right half {@code right}. */
  public static byte[] halves(int w, int h, Color left, Color right) {
    var image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(left);
    g.fillRect(0, 0, w / 2, h);
    g.setColor(right);
    g.fillRect(w / 2, 0, w - w / 2, h);
    g.dispose();
    return encode(image, "jpg");
  }

  public static byte[] encode(BufferedImage image, String format) {
    var out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no " + format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JPEG with these APPn segments put right after its start marker. */
  public static byte[] withSegments(byte[] jpeg, byte[]... segments) {
    var out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2); // FF D8
    for (var s : segments) out.writeBytes(s);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** An APP1 EXIF segment with this orientation and a GPS position (latitude reference "N"). */
  public static byte[] exif(int orientation) {
    var tiff = ByteBuffer.allocate(68); // big-endian
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    tiff.putShort((short) 2); // IFD0: two entries
    tiff.putShort((short) 0x0112)
        .putShort((short) 3)
        .putInt(1)
        .putShort((short) orientation)
        .putShort((short) 0);
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38); // GPS IFD at 38
    tiff.putInt(0);
    tiff.putShort((short) 2); // GPS IFD: two entries
    tiff.putShort((short) 0x0000).putShort((short) 1).putInt(4).put(new byte[] {2, 2, 0, 0});
    tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    tiff.putInt(0);
    var body = new ByteArrayOutputStream();
    body.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(tiff.array());
    return segment(0xE1, body.toByteArray());
  }

  /** An APP13 segment with IPTC caption, by-line, credit and copyright notice (UTF-8). */
  public static byte[] iptc(String caption, String byLine, String credit, String copyright) {
    var data = new ByteArrayOutputStream();
    dataset(data, 1, 90, new byte[] {0x1B, 0x25, 0x47}); // coded character set: UTF-8
    dataset(data, 2, 120, caption.getBytes(StandardCharsets.UTF_8));
    dataset(data, 2, 80, byLine.getBytes(StandardCharsets.UTF_8));
    dataset(data, 2, 110, credit.getBytes(StandardCharsets.UTF_8));
    dataset(data, 2, 116, copyright.getBytes(StandardCharsets.UTF_8));
    var iptc = data.toByteArray();
    var body = new ByteArrayOutputStream();
    body.writeBytes("Photoshop 3.0\0".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes("8BIM".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(new byte[] {0x04, 0x04, 0, 0}); // resource 0x0404, empty name (padded)
    body.writeBytes(ByteBuffer.allocate(4).putInt(iptc.length).array());
    body.writeBytes(iptc);
    if (iptc.length % 2 == 1) body.write(0);
    return segment(0xED, body.toByteArray());
  }

  /** An APP1 XMP segment with the IPTC 2021 alt text. */
  public static byte[] xmpAltText(String alt) {
    var xml = """
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\
        <rdf:Description rdf:about="" xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/">\
        <Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt>\
        </Iptc4xmpCore:AltTextAccessibility></rdf:Description></rdf:RDF></x:xmpmeta>""".formatted(alt);
    var body = new ByteArrayOutputStream();
    body.writeBytes("http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.US_ASCII));
    body.writeBytes(xml.getBytes(StandardCharsets.UTF_8));
    return segment(0xE1, body.toByteArray());
  }

  /** A PNG header claiming {@code w}×{@code h} pixels, with one tiny compressed row: a decompression bomb's shape. */
  public static byte[] pngClaiming(int w, int h) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    var ihdr = ByteBuffer.allocate(13)
        .putInt(w)
        .putInt(h)
        .put((byte) 8)
        .put((byte) 2)
        .put((byte) 0)
        .put((byte) 0)
        .put((byte) 0)
        .array();
    chunk(out, "IHDR", ihdr);
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** Whether the colour is near {@code expected} (JPEG moves colours a little). */
  public static boolean near(int rgb, Color expected) {
    var c = new Color(rgb);
    return Math.abs(c.getRed() - expected.getRed()) < 40
        && Math.abs(c.getGreen() - expected.getGreen()) < 40
        && Math.abs(c.getBlue() - expected.getBlue()) < 40;
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    var crc = new java.util.zip.CRC32();
    var typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static void dataset(ByteArrayOutputStream out, int record, int number, byte[] value) {
    out.write(0x1C);
    out.write(record);
    out.write(number);
    out.write((value.length >> 8) & 0xFF);
    out.write(value.length & 0xFF);
    out.writeBytes(value);
  }

  private static byte[] segment(int marker, byte[] body) {
    var out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(marker);
    int length = body.length + 2;
    out.write((length >> 8) & 0xFF);
    out.write(length & 0xFF);
    out.writeBytes(body);
    return out.toByteArray();
  }
}
