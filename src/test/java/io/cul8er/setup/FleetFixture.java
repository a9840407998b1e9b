package io.cul8er.setup;

import io.cul8er.model.RouteDrift;
import io.cul8er.network.FleetDrift;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.PeerAddress;
import java.util.List;

/**
 * Probe output for the hosts web_1..web_n of a topology {@code shop}: host k at 10.147.0.1k on
 * eth0 (configured by systemd-networkd's eth0.network), containers on cul8erbr0 with
 * 10.210.k.0/24, forwarding on, logged in as root, no routes to the others yet.
 */
final class FleetFixture {
  static final String TOPOLOGY = "shop";
  static final String DROP_IN = "/etc/systemd/network/eth0.network.d/cul8er-routes-shop.conf";
  static final String HEADER = "# Written by cul8er setup for topology shop: routes to the containers on its other hosts.\n"
      + "# Rewritten as a whole by every setup; a route it no longer lists is removed.\n";

  private FleetFixture() {}

  static String name(int k) {
    return "web_" + k;
  }

  static String address(int k) {
    return "10.147.0.1" + k;
  }

  static String subnet(int k) {
    return "10.210." + k + ".0/24";
  }

  static String probe(int k, int hosts) {
    StringBuilder text = new StringBuilder("uid=0\nuser=root\nmachine_id=machine-" + k + "\nip_forward=1\nnetworkd=yes\n"
        + "addr=lo 127.0.0.1/8\naddr=eth0 " + address(k) + "/24\naddr=cul8erbr0 10.210." + k + ".1/24\n"
        + "link=eth0 no /etc/systemd/network/eth0.network\nlink=cul8erbr0 no -\n"
        + "bridges=cul8erbr0\nbridge=cul8erbr0 10.210." + k + ".1/24 false\ndefault_bridge=cul8erbr0\n"
        + "route=default via 10.147.0.1 dev eth0 proto dhcp src " + address(k) + " metric 1024\n"
        + "route=10.147.0.0/24 dev eth0 proto kernel scope link src " + address(k) + "\n"
        + "route=10.210." + k + ".0/24 dev cul8erbr0 proto kernel scope link src 10.210." + k + ".1\n");
    for (int peer = 1; peer <= hosts; peer++) {
      if (peer != k) {
        text.append("peer=").append(address(peer)).append(' ').append(address(peer)).append(' ').append(address(peer))
            .append(" dev eth0 src ").append(address(k)).append(" uid 0\n");
      }
    }
    return text.toString();
  }

  /** The route to host {@code peer}'s containers, as {@code ip -4 route show} prints it. */
  static String route(int peer) {
    return "route=" + subnet(peer) + " via " + address(peer) + " dev eth0\n";
  }

  /** A file setup wrote, as the probe prints it. */
  static String owned(String path, String content) {
    StringBuilder text = new StringBuilder("owned=" + path + "\n");
    content.lines().forEach(line -> text.append("owned_line=").append(line).append('\n'));
    return text.toString();
  }

  /** The networkd drop-in with the routes to {@code peers}. */
  static String dropIn(int... peers) {
    StringBuilder text = new StringBuilder(HEADER);
    for (int peer : peers) {
      text.append("# host ").append(name(peer)).append("\n[Route]\nDestination=").append(subnet(peer))
          .append("\nGateway=").append(address(peer)).append('\n');
    }
    return text.toString();
  }

  static FleetMember member(int k, String probe) {
    return member(name(k), new PeerAddress.Literal(address(k)), probe);
  }

  static FleetMember member(String name, PeerAddress address, String probe) {
    return FleetMember.found(name, address, HostFacts.parse(probe), NetworkFacts.parse(probe));
  }

  /** Every host of a fleet of {@code hosts} with its routes and drop-in in place. */
  static String settled(int k, int hosts) {
    StringBuilder text = new StringBuilder(probe(k, hosts));
    int[] peers = java.util.stream.IntStream.rangeClosed(1, hosts).filter(p -> p != k).toArray();
    for (int peer : peers) {
      text.append(route(peer));
    }
    return text.append(owned(DROP_IN, dropIn(peers))).toString();
  }

  /** What a plan reports of {@code fleet}'s networking, line by line. */
  static List<String> drift(List<FleetMember> fleet) {
    return FleetDrift.of(fleet.stream().map(FleetMember::fleetHost).toList()).stream().map(RouteDrift::describe).toList();
  }

  static List<FleetMember> settledFleet(int hosts) {
    return java.util.stream.IntStream.rangeClosed(1, hosts).mapToObj(k -> member(k, settled(k, hosts))).toList();
  }
}
