package io.cul8er.network;

import java.util.Optional;

/** Where a host's peers send the traffic for its containers. */
public sealed interface PeerAddress {

  /** An IPv4 address from the topology (or the SSH configuration's HostName). */
  record Literal(String address) implements PeerAddress {}

  /** A DNS name, resolved on each host that routes to it ({@code getent ahostsv4}). */
  record Name(String name) implements PeerAddress {}

  /**
   * This machine (a host reached through its local Incus socket): its peers route to the address
   * this machine uses towards each of them, the {@code src} of {@code ip -4 route get PEER} here.
   */
  record ThisMachine() implements PeerAddress {}

  public static PeerAddress of(String address, boolean thisMachine) {
    if (thisMachine) {
      return new ThisMachine();
    }
    return Cidr.isAddress(address) ? new Literal(address) : new Name(address);
  }

  /** What other hosts look up to reach this one; empty for this machine, which they cannot name. */
  default Optional<String> lookedUp() {
    if (this instanceof Literal literal) {
      return Optional.of(literal.address());
    }
    if (this instanceof Name name) {
      return Optional.of(name.name());
    }
    return Optional.empty();
  }
}
