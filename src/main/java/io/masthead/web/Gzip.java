package io.masthead.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Gzip (RFC 1952) of whole responses, with deflaters reused from a small pool.
 *
 * <p>Why not GZIPOutputStream: it makes a new Deflater every time, and zlib allocates and
 * clears about 256 KiB of native state for each one, per page rendered with the cache off;
 * a pooled deflater is only reset. Thread-safe.
 */
final class Gzip {
  private static final int POOL_SIZE = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
  private static final BlockingQueue<Deflater> IDLE = new ArrayBlockingQueue<>(POOL_SIZE);
  private static final byte[] HEADER = {
    0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
  };
  private static final int TRAILER = 8;

  private Gzip() {}

  static byte[] compress(byte[] bytes, int level) {
    var deflater = IDLE.poll();
    if (deflater == null)
      deflater = new Deflater(level, true); // raw deflate: the gzip framing is written here
    deflater.setLevel(level);
    try {
      deflater.setInput(bytes);
      deflater.finish();
      var out = Arrays.copyOf(HEADER, Math.max(256, bytes.length / 3 + HEADER.length + TRAILER));
      int length = HEADER.length;
      while (!deflater.finished()) {
        if (length == out.length - TRAILER) out = Arrays.copyOf(out, out.length * 2);
        length += deflater.deflate(out, length, out.length - TRAILER - length);
      }
      var crc = new CRC32();
      crc.update(bytes);
      out = Arrays.copyOf(out, length + TRAILER);
      writeIntLittleEndian(out, length, (int) crc.getValue());
      writeIntLittleEndian(out, length + 4, bytes.length);
      return out;
    } finally {
      deflater.reset();
      if (!IDLE.offer(deflater)) deflater.end();
    }
  }

  static byte[] decompress(byte[] compressed) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeIntLittleEndian(byte[] out, int at, int value) {
    out[at] = (byte) value;
    out[at + 1] = (byte) (value >>> 8);
    out[at + 2] = (byte) (value >>> 16);
    out[at + 3] = (byte) (value >>> 24);
  }
}
