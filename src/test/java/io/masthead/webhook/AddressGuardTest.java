package io.masthead.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook may be sent to when private addresses are not allowed. */
class AddressGuardTest {
  @Test
  void loopback_private_link_local_shared_and_reserved_addresses_are_internal() throws Exception {
    for (var address : new String[] {
      "127.0.0.1",
      "127.9.9.9",
      "0.0.0.0",
      "10.0.0.1",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "100.127.255.255",
      "198.18.0.1",
      "224.0.0.1",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fc00::1",
      "fd12:3456::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "64:ff9b::a00:1",
      "ff02::1"
    }) {
      assertThat(AddressGuard.isInternal(InetAddress.getByName(address)))
          .as(address)
          .isTrue();
    }
  }

  @Test
  void public_addresses_are_not() throws Exception {
    for (var address : new String[] {
      "93.184.216.34",
      "1.1.1.1",
      "8.8.8.8",
      "172.32.0.1",
      "100.128.0.1",
      "192.169.0.1",
      "2606:4700:4700::1111",
      "2a00:1450:4001::200e"
    }) {
      assertThat(AddressGuard.isInternal(InetAddress.getByName(address)))
          .as(address)
          .isFalse();
    }
  }
}
