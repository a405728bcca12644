package io.masthead.favorite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReaderCookieTest {
  final byte[] secret = new byte[32];
  final ReaderCookie cookie = new ReaderCookie(secret);

  @Test
  void a_signed_reader_id_is_read_back() {
    assertThat(cookie.verify(cookie.sign(42))).hasValue(42);
  }

  @Test
  void a_changed_forged_or_malformed_value_names_nobody() {
    var value = cookie.sign(42);
    assertThat(cookie.verify(value.replace("42.", "43."))).isEmpty();
    assertThat(cookie.verify("42.AAAA")).isEmpty();
    assertThat(cookie.verify("42")).isEmpty();
    assertThat(cookie.verify("x.y")).isEmpty();
    assertThat(cookie.verify(null)).isEmpty();
    var other = new byte[32];
    Arrays.fill(other, (byte) 1);
    assertThat(new ReaderCookie(other).verify(value)).isEmpty();
  }
}
