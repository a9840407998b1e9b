package io.cul8er.setup;

import io.cul8er.network.FleetHost;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.PeerAddress;
import java.util.Optional;

/**
 * One host of a topology as the fleet phase of setup saw it: probed, or absent with the reason.
 *
 * @param absence why it was not probed, as a clause after its name ("could not be reached")
 */
public record FleetMember(String name, PeerAddress address, Optional<Probed> probed, String absence) {

  /** What the probe found on a host. */
  public record Probed(HostFacts host, NetworkFacts network) {}

  public static FleetMember found(String name, PeerAddress address, HostFacts host, NetworkFacts network) {
    return new FleetMember(name, address, Optional.of(new Probed(host, network)), "");
  }

  public static FleetMember absent(String name, PeerAddress address, String why) {
    return new FleetMember(name, address, Optional.empty(), why);
  }

  /** The member as the route analysis sees it: its networking only. */
  FleetHost fleetHost() {
    return new FleetHost(name, address, probed.map(Probed::network), absence);
  }

  HostFacts host() {
    return probed.orElseThrow().host();
  }
}
