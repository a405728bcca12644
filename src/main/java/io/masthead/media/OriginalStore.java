package io.masthead.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The originals, kept untouched and named by their SHA-256 under {@code media/originals} in the
 * data directory ({@code ab/abcdef…}): the same file uploaded twice is stored once, and a file
 * never changes once written (written to a temporary name, then moved into place). Several nodes
 * share this folder (a network file system); see the README. Thread-safe.
 */
public final class OriginalStore {
  private final Path root;
  private final Path incoming;

  public OriginalStore(Path mediaDirectory) {
    this.root = mediaDirectory.resolve("originals");
    this.incoming = mediaDirectory.resolve("incoming");
  }

  /** A file just received: where it lies, how big it is, its checksum. */
  public record Received(Path file, long bytes, String sha256) implements AutoCloseable {
    /** Deletes the temporary file if it was not kept. */
    @Override
    public void close() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  /**
   * Copies an upload to a temporary file, at most {@code maxBytes}, computing its checksum on
   * the way.
   *
   * @throws TooLarge when the stream has more than {@code maxBytes}; nothing is left behind
   */
  public Received receive(InputStream in, long maxBytes) throws IOException {
    Files.createDirectories(incoming);
    var file = Files.createTempFile(incoming, "upload-", ".part");
    try {
      var digest = sha256();
      long copied;
      try (var counted = new DigestInputStream(in, digest);
          var out = Files.newOutputStream(file)) {
        copied = counted.transferTo(new LimitedOutputStream(out, maxBytes));
      }
      return new Received(file, copied, HexFormat.of().formatHex(digest.digest()));
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** Moves a received file into the store under its checksum (once: a copy there already wins). */
  public Path keep(Received received) throws IOException {
    var target = path(received.sha256());
    if (Files.exists(target)) return target;
    Files.createDirectories(target.getParent());
    try {
      Files.move(received.file(), target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      // another upload of the same file was first: the same bytes
    }
    return target;
  }

  public Path path(String sha256) {
    if (!sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a SHA-256");
    return root.resolve(sha256.substring(0, 2)).resolve(sha256);
  }

  /** Thrown when an upload is bigger than allowed. */
  public static final class TooLarge extends IOException {
    public TooLarge(long max) {
      super("larger than " + max + " bytes");
    }
  }

  private static final class LimitedOutputStream extends java.io.FilterOutputStream {
    private final long max;
    private long written;

    LimitedOutputStream(java.io.OutputStream out, long max) {
      super(out);
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      count(1);
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count(len);
      out.write(b, off, len);
    }

    private void count(int n) throws IOException {
      written += n;
      if (written > max) throw new TooLarge(max);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
