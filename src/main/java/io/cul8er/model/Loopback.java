package io.cul8er.model;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a URL's host is this machine: literal loopback addresses and {@code localhost}. A name is
 * never looked up. Plain {@code http://} is accepted only to these (webhook sinks, trace export),
 * since anything else would cross the network in clear.
 */
public final class Loopback {
  private Loopback() {}

  public static boolean is(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
