package io.masthead.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;
import io.masthead.testing.Pictures;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
  @TempDir
  Path dir;

  private Path file(String name, byte[] bytes) throws Exception {
    var file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void aWholeJpegIsAcceptedWithItsSize() throws Exception {
    var probe = Images.probe(file("a.jpg", Pictures.halves(640, 480, Color.RED, Color.BLUE)), 1);
    assertThat(probe.contentType()).isEqualTo("image/jpeg");
    assertThat(probe.width()).isEqualTo(640);
    assertThat(probe.height()).isEqualTo(480);
  }

  @Test
  void aTruncatedJpegIsRefused() throws Exception {
    var whole = Pictures.halves(1200, 800, Color.RED, Color.BLUE);
    var cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> Images.probe(file("cut.jpg", cut), 1))
        .isInstanceOf(Images.Unacceptable.class)
        .hasMessageContaining("damaged");
  }

  @Test
  void aDecompressionBombIsRefusedBeforeItIsDecoded() throws Exception {
    var bomb = file("bomb.png", Pictures.pngClaiming(50_000, 50_000));
    assertThatThrownBy(() -> Images.probe(bomb, 1))
        .isInstanceOf(Images.Unacceptable.class)
        .hasMessageContaining("50000 × 50000");
  }

  @Test
  void aScriptNamedJpgAndAnSvgAreRefused() throws Exception {
    var php = file("shell.jpg", "<?php system($_GET['c']); ?>".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Images.probe(php, 1)).isInstanceOf(Images.Unacceptable.class);
    var svg = file("x.svg", """
        <svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>""".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Images.probe(svg, 1))
        .isInstanceOf(Images.Unacceptable.class)
        .hasMessageContaining("SVG");
    var text = file("notes.jpg", "just some words, no picture".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> Images.probe(text, 1))
        .isInstanceOf(Images.Unacceptable.class)
        .hasMessageContaining("not a picture");
  }

  @Test
  void iptcAndXmpFillTheFieldsAndExifGivesTheOrientation() throws Exception {
    var jpeg = Pictures.withSegments(
        Pictures.halves(400, 200, Color.RED, Color.BLUE),
        Pictures.exif(6),
        Pictures.xmpAltText("A lighthouse in a storm"),
        Pictures.iptc("Waves hit the coast at dawn.", "Jane Doe", "Agence", "© Agence 2026"));
    var meta = EmbeddedMetadata.read(file("meta.jpg", jpeg));
    assertThat(meta.alt()).isEqualTo("A lighthouse in a storm");
    assertThat(meta.caption()).isEqualTo("Waves hit the coast at dawn.");
    assertThat(meta.credit()).isEqualTo("Jane Doe / Agence");
    assertThat(meta.source()).isEqualTo("© Agence 2026");
    assertThat(meta.orientation()).isEqualTo(6);
  }

  @Test
  void exifOrientationTurnsThePictureUprightInEveryRendition() throws Exception {
    // Stored 400×200, red left and blue right; orientation 6 means "turn a quarter clockwise".
    var jpeg =
        Pictures.withSegments(Pictures.halves(400, 200, Color.RED, Color.BLUE), Pictures.exif(6));
    var media = stored(jpeg, 6, 0.5, 0.5);
    assertThat(media.width()).isEqualTo(200);
    assertThat(media.height()).isEqualTo(400);
    var out = Pictures.decode(render(media, Crop.FULL, 160, ImageFormat.JPEG));
    assertThat(out.getWidth()).isEqualTo(160);
    assertThat(out.getHeight()).isEqualTo(320);
    assertThat(Pictures.near(out.getRGB(80, 40), Color.RED)).isTrue(); // top
    assertThat(Pictures.near(out.getRGB(80, 280), Color.BLUE)).isTrue(); // bottom
  }

  @Test
  void everyOrientationMapsTheSameCornerToTheTopLeft() {
    // The stored pixel each orientation shows top left (EXIF 2.32, 4.6.4.1 "Orientation").
    int w = 4;
    int h = 2;
    var expected = new int[][] {{0, 0}, {w, 0}, {w, h}, {0, h}, {0, 0}, {0, h}, {w, h}, {w, 0}};
    for (int o = 1; o <= 8; o++) {
      var t = Images.upright(w, h, o);
      var inverse = new java.awt.geom.Point2D.Double();
      try {
        t.createInverse().transform(new java.awt.geom.Point2D.Double(0, 0), inverse);
      } catch (java.awt.geom.NoninvertibleTransformException e) {
        throw new AssertionError(e);
      }
      assertThat(new int[] {(int) Math.round(inverse.x), (int) Math.round(inverse.y)})
          .as("orientation %d", o)
          .containsExactly(expected[o - 1]);
    }
  }

  @Test
  void theFocalPointMovesTheCrop() throws Exception {
    var jpeg = Pictures.halves(1200, 600, Color.RED, Color.BLUE);
    var left =
        Pictures.decode(render(stored(jpeg, 1, 0.1, 0.5), Crop.SQUARE, 320, ImageFormat.JPEG));
    var right =
        Pictures.decode(render(stored(jpeg, 1, 0.9, 0.5), Crop.SQUARE, 320, ImageFormat.JPEG));
    assertThat(left.getWidth()).isEqualTo(320);
    assertThat(left.getHeight()).isEqualTo(320);
    assertThat(Pictures.near(left.getRGB(160, 160), Color.RED)).isTrue();
    assertThat(Pictures.near(right.getRGB(160, 160), Color.BLUE)).isTrue();
  }

  @Test
  void renditionsCarryNoGpsNorAnyOtherMetadata() throws Exception {
    var jpeg =
        Pictures.withSegments(Pictures.halves(800, 600, Color.RED, Color.BLUE), Pictures.exif(1));
    var original = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
    assertThat(original.getFirstDirectoryOfType(GpsDirectory.class)).isNotNull();
    for (var format : Renditions.formats()) {
      var bytes = render(stored(jpeg, 1, 0.5, 0.5), Crop.WIDE, 320, format);
      var metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
      assertThat(metadata.getFirstDirectoryOfType(GpsDirectory.class))
          .as("%s", format)
          .isNull();
      assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Exif");
    }
  }

  @Test
  void webpIsWrittenOnThisPlatform() {
    assertThat(Images.canWriteWebp()).isTrue();
  }

  @Test
  void aRenditionAskedForByManyAtOnceIsMadeOnce() throws Exception {
    var media = stored(Pictures.halves(3000, 2000, Color.RED, Color.BLUE), 1, 0.5, 0.5);
    var renditions = new Renditions(dir.resolve("media"), new OriginalStore(dir.resolve("media")));
    var rendition = new Rendition(media.id(), media.key(), Crop.WIDE, 960, ImageFormat.JPEG);
    var start = new CountDownLatch(1);
    var tasks = new ArrayList<Callable<Path>>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> {
        start.await();
        return renditions.file(media, rendition);
      });
    }
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = tasks.stream().map(pool::submit).toList();
      start.countDown();
      for (var f : futures) assertThat(f.get()).exists();
    }
    assertThat(renditions.made()).isEqualTo(1);
  }

  /** The picture stored as the library would, with this orientation and focal point. */
  private Media stored(byte[] jpeg, int orientation, double fx, double fy) throws Exception {
    var store = new OriginalStore(dir.resolve("media"));
    var received = store.receive(new ByteArrayInputStream(jpeg), 10_000_000);
    var probe = Images.probe(received.file(), orientation);
    store.keep(received);
    return new Media(
        1,
        received.sha256(),
        probe.contentType(),
        "x.jpg",
        probe.width(),
        probe.height(),
        orientation,
        received.bytes(),
        "",
        "",
        "",
        "",
        fx,
        fy,
        null,
        "",
        Instant.EPOCH,
        1);
  }

  private byte[] render(Media media, Crop crop, int width, ImageFormat format) throws Exception {
    var renditions = new Renditions(dir.resolve("media"), new OriginalStore(dir.resolve("media")));
    var file = renditions.file(media, new Rendition(media.id(), media.key(), crop, width, format));
    return Files.readAllBytes(file);
  }
}
