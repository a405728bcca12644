package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentEscapesTest {

  /** The JDK's strict decoder, which the hand-written check must agree with on every input. */
  private static boolean strictlyUtf8(byte[] bytes, int length) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, 0, length));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void takes_the_same_bytes_as_utf8_as_the_jdks_strict_decoder() {
    // Bytes drawn mostly from the edges of UTF-8's ranges, where a wrong bound shows.
    int[] edges = {
      0x00, 0x3f, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1,
      0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff, 0xd8, 0xd9, 0xb1
    };
    var random = new Random(20261203);
    var bytes = new byte[6];
    int accepted = 0;
    for (int round = 0; round < 200_000; round++) {
      int length = random.nextInt(bytes.length + 1);
      for (int i = 0; i < length; i++)
        bytes[i] = (byte)
            (random.nextInt(4) == 0 ? random.nextInt(256) : edges[random.nextInt(edges.length)]);
      boolean expected = strictlyUtf8(bytes, length);
      assertThat(PercentEscapes.isUtf8(bytes, length))
          .as("%s", java.util.HexFormat.ofDelimiter(" ").formatHex(bytes, 0, length))
          .isEqualTo(expected);
      if (expected && length > 1) accepted++;
    }
    assertThat(accepted)
        .as("valid sequences of more than one byte were tried")
        .isGreaterThan(1_000);
  }

  @Test
  void accepts_every_letter_from_one_to_four_bytes_and_refuses_lone_surrogates() {
    for (var text : new String[] {"a", "é", "ر", "€", "𝄞", "رياضة/x"}) {
      var bytes = text.getBytes(StandardCharsets.UTF_8);
      assertThat(PercentEscapes.isUtf8(bytes, bytes.length)).as(text).isTrue();
    }
    var surrogate = new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}; // U+D800
    assertThat(PercentEscapes.isUtf8(surrogate, 3)).isFalse();
    var cut = "ر".getBytes(StandardCharsets.UTF_8);
    assertThat(PercentEscapes.isUtf8(cut, 1)).isFalse();
  }

  @Test
  void decodes_escapes_to_bytes_and_says_when_one_is_broken_or_a_letter_is_not_ascii() {
    var into = new byte[32];
    int length = PercentEscapes.decode("/ar/%D8%B1x%2F", into);
    assertThat(new String(into, 0, length, StandardCharsets.UTF_8)).isEqualTo("/ar/رx/");
    assertThat(PercentEscapes.decode("/a%", into)).isEqualTo(PercentEscapes.BROKEN);
    assertThat(PercentEscapes.decode("/a%4", into)).isEqualTo(PercentEscapes.BROKEN);
    assertThat(PercentEscapes.decode("/a%zz", into)).isEqualTo(PercentEscapes.BROKEN);
    assertThat(PercentEscapes.decode("/ر%D9%8A", into)).isEqualTo(PercentEscapes.NOT_ASCII);
  }
}
