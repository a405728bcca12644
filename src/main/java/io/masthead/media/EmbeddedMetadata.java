package io.masthead.media;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a photographer or agency wrote into the file, read to pre-fill the library's fields: IPTC
 * (caption, by-line, credit line, copyright notice, source), XMP (the same in Dublin Core and
 * Photoshop terms, and the IPTC 2021 alt text) and the EXIF orientation. Nothing of it is copied
 * into renditions; the fields are only a starting point the editor can change.
 */
public record EmbeddedMetadata(
    String alt, String caption, String credit, String source, int orientation) {
  public static final EmbeddedMetadata NONE = new EmbeddedMetadata("", "", "", "", 1);

  private static final String DC = "http://purl.org/dc/elements/1.1/";
  private static final String PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/";
  private static final String IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";

  /** The file's metadata; none (not an error) when it has none or it cannot be read. */
  public static EmbeddedMetadata read(Path file) {
    Metadata metadata;
    try {
      metadata = ImageMetadataReader.readMetadata(file.toFile());
    } catch (ImageProcessingException | IOException | RuntimeException e) {
      return NONE; // a picture's metadata is optional; the picture itself is checked elsewhere
    }
    var iptc = metadata.getFirstDirectoryOfType(IptcDirectory.class);
    var exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
    var xmpDirectory = metadata.getFirstDirectoryOfType(XmpDirectory.class);
    var xmp = xmpDirectory == null ? null : xmpDirectory.getXMPMeta();

    var alt = first(langAlt(xmp, IPTC_CORE, "AltTextAccessibility"));
    var caption = first(
        iptcText(iptc, IptcDirectory.TAG_CAPTION),
        langAlt(xmp, DC, "description"),
        exif == null ? null : exif.getString(ExifIFD0Directory.TAG_IMAGE_DESCRIPTION));
    var creator = first(
        iptcText(iptc, IptcDirectory.TAG_BY_LINE),
        arrayItem(xmp, DC, "creator"),
        exif == null ? null : exif.getString(ExifIFD0Directory.TAG_ARTIST));
    var creditLine =
        first(iptcText(iptc, IptcDirectory.TAG_CREDIT), property(xmp, PHOTOSHOP, "Credit"));
    var sourceName =
        first(iptcText(iptc, IptcDirectory.TAG_SOURCE), property(xmp, PHOTOSHOP, "Source"));
    var copyright = first(
        iptcText(iptc, IptcDirectory.TAG_COPYRIGHT_NOTICE),
        langAlt(xmp, DC, "rights"),
        exif == null ? null : exif.getString(ExifIFD0Directory.TAG_COPYRIGHT));
    int orientation = 1;
    if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
      Integer o = exif.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
      if (o != null && o >= 1 && o <= 8) orientation = o;
    }
    return new EmbeddedMetadata(
        clip(alt, 1000),
        clip(caption, 2000),
        clip(joined(" / ", creator, creditLine), 300),
        clip(joined(" · ", sourceName, copyright), 300),
        orientation);
  }

  private static String iptcText(IptcDirectory iptc, int tag) {
    return iptc == null ? null : iptc.getString(tag);
  }

  private static String langAlt(XMPMeta xmp, String ns, String name) {
    if (xmp == null) return null;
    try {
      var text = xmp.getLocalizedText(ns, name, null, "x-default");
      return text == null ? null : text.getValue();
    } catch (XMPException e) {
      return null;
    }
  }

  private static String arrayItem(XMPMeta xmp, String ns, String name) {
    if (xmp == null) return null;
    try {
      var item = xmp.getArrayItem(ns, name, 1);
      return item == null ? null : item.getValue();
    } catch (XMPException e) {
      return null;
    }
  }

  private static String property(XMPMeta xmp, String ns, String name) {
    if (xmp == null) return null;
    try {
      return xmp.getPropertyString(ns, name);
    } catch (XMPException e) {
      return null;
    }
  }

  private static String first(String... values) {
    return Stream.of(values)
        .filter(Objects::nonNull)
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .findFirst()
        .orElse("");
  }

  private static String joined(String separator, String... values) {
    return Stream.of(values)
        .filter(v -> v != null && !v.isBlank())
        .map(String::strip)
        .collect(Collectors.toCollection(LinkedHashSet::new))
        .stream()
        .collect(Collectors.joining(separator));
  }

  private static String clip(String value, int max) {
    var clean = value.replaceAll("[\\p{Cntrl}&&[^\\n]]", " ").strip();
    return clean.length() <= max ? clean : clean.substring(0, max);
  }
}
