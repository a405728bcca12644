package io.masthead.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renditions on disk under {@code media/renditions}: made when first asked for, once however many
 * readers ask at the same moment (the others wait for the first), then served as files. A
 * rendition's address names everything it is made from, so a file once written is never wrong and
 * never rewritten. At most one rendition per core is made at a time, which bounds the memory
 * pictures take. Thread-safe.
 */
public final class Renditions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Renditions.class);

  /** The crops and widths a new picture gets at once: what article pages and listings show first. */
  private static final List<Crop> WARM_CROPS = List.of(Crop.WIDE, Crop.STANDARD);

  private final Path root;
  private final OriginalStore originals;
  private final ConcurrentHashMap<Path, CompletableFuture<Path>> making = new ConcurrentHashMap<>();
  private final Semaphore workers =
      new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
  private final ExecutorService warmer = Executors.newFixedThreadPool(WARM_CROPS.size(), r -> {
    var t = new Thread(r, "renditions-warmer");
    t.setDaemon(true);
    return t;
  });
  /**
   * Where a warm's encodes run, one per core: each crop's thread scales (cheap) and hands the
   * encodes over, so both cores stay busy until the last file, where a thread per crop left one
   * idle while the other finished the larger crop (4:3 has a third more pixels than 16:9).
   */
  private final ExecutorService encoders =
      Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
        var t = new Thread(r, "renditions-encoder");
        t.setDaemon(true);
        return t;
      });

  private final AtomicLong made = new AtomicLong();

  public Renditions(Path mediaDirectory, OriginalStore originals) {
    this.root = mediaDirectory.resolve("renditions");
    this.originals = originals;
  }

  /** How many rendition files this process has made (for tests and metrics). */
  public long made() {
    return made.get();
  }

  /** The formats renditions are offered in, best first: WebP when its encoder loads here. */
  public static List<ImageFormat> formats() {
    return Images.canWriteWebp()
        ? List.of(ImageFormat.WEBP, ImageFormat.JPEG)
        : List.of(ImageFormat.JPEG);
  }

  /** The rendition's file, made first if it does not exist yet. */
  public Path file(Media media, Rendition rendition) throws IOException {
    var file = pathOf(rendition);
    if (Files.exists(file)) return file;
    var mine = new CompletableFuture<Path>();
    var theirs = making.putIfAbsent(file, mine);
    if (theirs != null) return await(theirs);
    try {
      if (!Files.exists(file)) {
        workers.acquireUninterruptibly();
        try {
          var area =
              rendition.crop().area(media.width(), media.height(), media.focalX(), media.focalY());
          var image = Images.decodeArea(original(media), media.probe(), area, rendition.width());
          write(media, rendition, image, file);
        } finally {
          workers.release();
        }
      }
      mine.complete(file);
      return file;
    } catch (IOException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      making.remove(file, mine);
    }
  }

  /**
   * Makes, in the background, the renditions pages show first (16:9 and 4:3 at every width, in
   * every format): each crop decoded once, then made from the largest width down, each width
   * scaled from the one above it (cheap, and sharp: never more than halved at once), both formats
   * from the same pixels; the crops scaled side by side and their encodes spread over the cores.
   * Completes when they all exist; completes exceptionally (and logs why) when any could not be
   * made, so that no one reports them made.
   */
  public CompletableFuture<Void> warm(Media media) {
    return warm(media, null);
  }

  /**
   * {@link #warm(Media)} from the picture as the upload's check decoded it (null: decode it
   * again), which saves decoding a large original twice.
   */
  public CompletableFuture<Void> warm(Media media, Images.Decoded decoded) {
    var crops = WARM_CROPS.stream()
        .map(crop -> CompletableFuture.runAsync(() -> warm(media, crop, decoded), warmer))
        .toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(crops).whenComplete((made, e) -> {
      if (e != null)
        log.warn("renditions of picture {} could not be made ahead: {}", media.id(), e.toString());
    });
  }

  private void warm(Media media, Crop crop, Images.Decoded decoded) {
    var area = crop.area(media.width(), media.height(), media.focalX(), media.focalY());
    var widths = Rendition.widthsUpTo(area.width);
    workers.acquireUninterruptibly();
    try {
      BufferedImage current;
      if (decoded != null) {
        // The crop out of the picture decoded at 1/step: a view, no pixels copied.
        var image = decoded.upright();
        int s = decoded.step();
        int x = Math.min(area.x / s, image.getWidth() - 1);
        int y = Math.min(area.y / s, image.getHeight() - 1);
        current = image.getSubimage(
            x,
            y,
            Math.max(1, Math.min(area.width / s, image.getWidth() - x)),
            Math.max(1, Math.min(area.height / s, image.getHeight() - y)));
      } else {
        current = Images.decodeArea(
            originals.path(media.sha256()), media.probe(), area, widths[widths.length - 1]);
      }
      // The two formats of each width are encoded side by side on the pool; the next width is
      // scaled only once they are done, so each crop holds at most two widths' pixels, as when
      // it encoded them itself (with the scaling running ahead, a 128 MB heap ran out).
      var encoded = CompletableFuture.<Void>completedFuture(null);
      for (int i = widths.length - 1; i >= 0; i--) {
        encoded.join();
        var encodes = new java.util.ArrayList<CompletableFuture<Void>>();
        int width = Math.min(widths[i], current.getWidth());
        current =
            Images.resize(current, width, crop.heightFor(width, media.width(), media.height()));
        var pixels = current;
        for (var format : formats()) {
          var rendition = new Rendition(media.id(), media.key(), crop, widths[i], format);
          var file = pathOf(rendition);
          if (Files.exists(file)) continue;
          encodes.add(CompletableFuture.runAsync(
              () -> {
                try {
                  store(Images.encode(pixels, format), file);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              encoders));
        }
        encoded = CompletableFuture.allOf(encodes.toArray(CompletableFuture[]::new));
      }
      encoded.join();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      workers.release();
    }
  }

  /** Deletes a picture's renditions made for its key now past (after a new focal point). */
  public void forget(Media before) {
    var dir = root.resolve(Long.toString(before.id())).resolve(before.key());
    if (!Files.isDirectory(dir)) return;
    try (var files = Files.list(dir)) {
      for (var f : files.toList()) Files.deleteIfExists(f);
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      log.warn("old renditions of picture {} not deleted: {}", before.id(), e.toString());
    }
  }

  private void write(Media media, Rendition rendition, BufferedImage source, Path file)
      throws IOException {
    int width = Math.min(rendition.width(), source.getWidth());
    int height = rendition.crop() == Crop.FULL
        ? Math.max(1, (int) Math.round((double) width * source.getHeight() / source.getWidth()))
        : rendition.crop().heightFor(width, media.width(), media.height());
    store(Images.encode(Images.resize(source, width, height), rendition.format()), file);
  }

  /** Writes a rendition under a temporary name, then moves it into place: never seen half-written. */
  private void store(byte[] bytes, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    var temp = Files.createTempFile(file.getParent(), "r-", ".part");
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      made.incrementAndGet();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private Path original(Media media) {
    return originals.path(media.sha256());
  }

  Path pathOf(Rendition r) {
    return root.resolve(Long.toString(r.mediaId()))
        .resolve(r.key())
        .resolve(r.crop().code() + "-" + r.width() + "." + r.format().extension());
  }

  private static Path await(CompletableFuture<Path> future) throws IOException {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof IOException io) throw io;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  @Override
  public void close() {
    warmer.shutdownNow();
    encoders.shutdownNow();
  }
}
