package io.masthead.web;

import gg.jte.TemplateOutput;
import java.util.Arrays;

/**
 * Template output into one growing array, encoded to UTF-8 as it is written. JTE's own
 * {@code Utf8ByteOutput} keeps a list of chunks and encodes each piece of text into an array of
 * its own (an escaped attribute is first cut out as a substring), then copies them all into the
 * page: on the render path, allocation and copies that this does without (JMH
 * {@code RenderBench.articleTemplate}). Not thread-safe: one render's.
 */
final class Utf8ArrayOutput implements TemplateOutput {
  private byte[] bytes;
  private int size;

  Utf8ArrayOutput(int capacity) {
    this.bytes = new byte[capacity];
  }

  @Override
  public void writeContent(String value) {
    writeContent(value, 0, value.length());
  }

  @Override
  public void writeContent(String value, int beginIndex, int endIndex) {
    room(endIndex - beginIndex);
    var out = bytes;
    int at = size;
    int i = beginIndex;
    // Most of a page's text is ASCII: one byte a character, no branch taken below.
    while (i < endIndex) {
      char c = value.charAt(i);
      if (c >= 0x80) break;
      out[at++] = (byte) c;
      i++;
    }
    size = at;
    if (i < endIndex) writeEncoded(value, i, endIndex);
  }

  /** As {@link String#getBytes} encodes: a lone surrogate becomes '?'. */
  private void writeEncoded(String value, int beginIndex, int endIndex) {
    room(3 * (endIndex - beginIndex)); // a surrogate pair takes 4 bytes for its 2 characters
    var out = bytes;
    int at = size;
    for (int i = beginIndex; i < endIndex; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < endIndex
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          int code = Character.toCodePoint(c, value.charAt(++i));
          out[at++] = (byte) (0xf0 | (code >> 18));
          out[at++] = (byte) (0x80 | ((code >> 12) & 0x3f));
          out[at++] = (byte) (0x80 | ((code >> 6) & 0x3f));
          out[at++] = (byte) (0x80 | (code & 0x3f));
        } else {
          out[at++] = '?';
        }
      } else {
        out[at++] = (byte) (0xe0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    size = at;
  }

  @Override
  public void writeBinaryContent(byte[] value) {
    room(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  private void room(int more) {
    if (bytes.length - size < more)
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
