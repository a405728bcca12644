package io.masthead.webhook;

import io.masthead.command.Refusal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps webhooks from being turned against the outlet's own network (SSRF): an endpoint whose
 * host is, or resolves to, a loopback, link-local (cloud metadata lives at 169.254.169.254),
 * private, shared (100.64/10), multicast or reserved address is refused, unless the admin setting
 * {@code webhooks.allow-private-addresses} allows it. Checked when an endpoint is registered and
 * again before every delivery, as a name's addresses can change. Thread-safe (stateless).
 */
public final class AddressGuard {
  private final boolean allowPrivate;

  public AddressGuard(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** The endpoint's addresses; refused when one of them may not be called. */
  public List<InetAddress> check(URI url) {
    var host = url.getHost();
    if (host == null || host.isBlank()) throw new Refusal.Rejected("The address has no host.");
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(
          host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    } catch (UnknownHostException e) {
      throw new Refusal.Rejected("The host " + host + " cannot be found.");
    }
    if (!allowPrivate) {
      for (var address : addresses) {
        if (isInternal(address))
          throw new Refusal.Rejected("The host " + host + " is an internal address ("
              + address.getHostAddress()
              + "): webhooks are not sent there unless the setting"
              + " webhooks.allow-private-addresses is on.");
      }
    }
    return List.of(addresses);
  }

  /** Whether an address belongs to this machine or a private network rather than the internet. */
  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) return true;
    var b = address.getAddress();
    if (address instanceof Inet4Address) return internalV4(b);
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) return true; // fc00::/7, unique local
      // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96).
      boolean zeroPrefix = true;
      for (int i = 0; i < 10; i++) zeroPrefix &= b[i] == 0;
      boolean nat64 = (b[0] & 0xff) == 0
          && (b[1] & 0xff) == 0x64
          && (b[2] & 0xff) == 0xff
          && (b[3] & 0xff) == 0x9b;
      if ((zeroPrefix && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))) || nat64)
        return internalV4(java.util.Arrays.copyOfRange(b, 12, 16));
      return (first == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8);
    }
    return true;
  }

  private static boolean internalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    return a0 == 0 // "this network"
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // shared address space (carrier NAT)
        || (a0 == 169 && a1 == 254)
        || (a0 == 172 && a1 >= 16 && a1 <= 31)
        || (a0 == 192 && a1 == 168)
        || (a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
        || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
        || a0 >= 224; // multicast, reserved, broadcast
  }
}
