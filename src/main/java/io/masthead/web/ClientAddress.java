package io.masthead.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, as the sign-in limits count it. Behind a load balancer every
 * connection comes from the balancer; when it is one of {@code server.trusted-proxies}, the
 * client is the last address in {@code X-Forwarded-For} that is not a trusted proxy (the entries
 * before it could have been written by the client itself). Thread-safe.
 */
public final class ClientAddress {
  private final Set<String> trusted = new HashSet<>();

  public ClientAddress(List<String> trustedProxies) {
    for (var proxy : trustedProxies) trusted.add(canonical(proxy));
  }

  public String of(Context ctx) {
    return resolve(ctx.ip(), ctx.header("X-Forwarded-For"));
  }

  String resolve(String peer, String forwardedFor) {
    if (forwardedFor == null || !trusted.contains(canonical(peer))) return peer;
    var hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      var hop = hops[i].strip();
      if (hop.isEmpty() || !hop.matches("[0-9a-fA-F:.]+"))
        return peer; // not an address: distrust it all
      if (!trusted.contains(canonical(hop))) return canonical(hop);
    }
    return peer;
  }

  /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} are one); literals only, never a DNS lookup. */
  private static String canonical(String address) {
    if (!address.matches("[0-9a-fA-F:.]+")) return address;
    try {
      return InetAddress.getByName(address).getHostAddress();
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
