package io.masthead.web;

/**
 * Percent-escapes decoded to bytes, and those bytes checked as UTF-8, without a {@link
 * java.nio.charset.CharsetDecoder}: every request for a cached page in a right-to-left edition
 * has an escaped path ("/ar/%D8%B1…"), and a decoder with its buffers made ~1.5 KB of garbage a
 * request, a quarter of what a cached page's request left to the collector. Stateless.
 */
public final class PercentEscapes {
  private PercentEscapes() {}

  /** From {@link #decode}: an escape is broken (a lone "%", a non-hex digit). */
  public static final int BROKEN = -1;

  /** From {@link #decode}: the text holds a character past ASCII, left to the caller. */
  public static final int NOT_ASCII = -2;

  /**
   * Decodes the escapes of an ASCII text into {@code into} (at least {@code encoded.length()}
   * long), other characters as they are; the number of bytes written, else {@link #BROKEN} or
   * {@link #NOT_ASCII}.
   */
  public static int decode(String encoded, byte[] into) {
    int length = 0;
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) return BROKEN;
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) return BROKEN;
        into[length++] = (byte) (high << 4 | low);
        i += 2;
      } else if (c > 0x7f) {
        return NOT_ASCII;
      } else {
        into[length++] = (byte) c;
      }
    }
    return length;
  }

  /**
   * Whether the first {@code length} bytes are well-formed UTF-8 (Unicode's table 3-7): no
   * overlong form, no surrogate, nothing past U+10FFFF, no sequence cut short. The JDK's strict
   * decoder takes exactly these, so {@code new String(bytes, UTF_8)} of them loses nothing.
   */
  public static boolean isUtf8(byte[] bytes, int length) {
    int i = 0;
    while (i < length) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int more;
      int low = 0x80; // the second byte's range, narrower after a few lead bytes
      int high = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        more = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        more = 2;
        if (b == 0xe0) low = 0xa0; // overlong
        if (b == 0xed) high = 0x9f; // surrogates
      } else if (b >= 0xf0 && b <= 0xf4) {
        more = 3;
        if (b == 0xf0) low = 0x90; // overlong
        if (b == 0xf4) high = 0x8f; // past U+10FFFF
      } else {
        return false;
      }
      if (i + more >= length) return false; // cut short
      int second = bytes[i + 1] & 0xff;
      if (second < low || second > high) return false;
      for (int k = 2; k <= more; k++) {
        int next = bytes[i + k] & 0xff;
        if (next < 0x80 || next > 0xbf) return false;
      }
      i += more + 1;
    }
    return true;
  }
}
