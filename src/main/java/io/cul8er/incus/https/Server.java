package io.cul8er.incus.https;

import java.net.URI;

/** An Incus HTTPS endpoint: an address (name, IPv4 or IPv6) and a port. */
public record Server(String address, int port) {

  public Server {
    if (address.isBlank()) {
      throw new IllegalArgumentException("An Incus server needs an address");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Port " + port + " of " + address + " is not in 1..65535");
    }
  }

  public URI uri() {
    return URI.create("https://" + hostPart() + ":" + port);
  }

  /** A file name for this server that any file system accepts: {@code 127.0.0.1_8443}. */
  String fileKey() {
    return address.replaceAll("[^A-Za-z0-9.-]", "_") + "_" + port;
  }

  private String hostPart() {
    return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
  }

  @Override
  public String toString() {
    return hostPart() + ":" + port;
  }
}
