package io.masthead.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose address a sign-in attempt is counted against, behind a load balancer and without one. */
class ClientAddressTest {
  final ClientAddress behindNginx = new ClientAddress(List.of("10.0.0.2", "::1"));

  @Test
  void
      a_trusted_proxy_names_the_client_and_anyone_else_is_taken_at_their_word_only_for_themselves() {
    assertThat(behindNginx.resolve("10.0.0.2", "203.0.113.9")).isEqualTo("203.0.113.9");
    // The client wrote the first entry itself: the balancer's own addition is what counts.
    assertThat(behindNginx.resolve("10.0.0.2", "1.2.3.4, 203.0.113.9")).isEqualTo("203.0.113.9");
    assertThat(behindNginx.resolve("0:0:0:0:0:0:0:1", "198.51.100.7, ::1"))
        .isEqualTo("198.51.100.7");
    // Not from a trusted proxy: the header is ignored.
    assertThat(behindNginx.resolve("203.0.113.50", "10.9.9.9")).isEqualTo("203.0.113.50");
    assertThat(behindNginx.resolve("10.0.0.2", null)).isEqualTo("10.0.0.2");
    assertThat(behindNginx.resolve("10.0.0.2", "not-an-address")).isEqualTo("10.0.0.2");
    assertThat(new ClientAddress(List.of()).resolve("10.0.0.2", "203.0.113.9"))
        .isEqualTo("10.0.0.2");
  }
}
