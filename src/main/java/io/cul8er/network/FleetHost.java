package io.cul8er.network;

import java.util.Optional;

/**
 * One host of a topology as far as routes between hosts go: its networking as probed, or absent
 * with the reason.
 *
 * @param absence why it was not probed, as a clause after its name ("could not be reached")
 */
public record FleetHost(String name, PeerAddress address, Optional<NetworkFacts> network, String absence) {

  public static FleetHost found(String name, PeerAddress address, NetworkFacts network) {
    return new FleetHost(name, address, Optional.of(network), "");
  }

  public static FleetHost absent(String name, PeerAddress address, String why) {
    return new FleetHost(name, address, Optional.empty(), why);
  }

  /** The probed facts; only for a host that was found. */
  public NetworkFacts facts() {
    return network.orElseThrow();
  }
}
