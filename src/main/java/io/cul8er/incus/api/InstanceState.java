package io.cul8er.incus.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The runtime state of an instance ({@code GET /1.0/instances/{name}/state}). */
public record InstanceState(
    String status, int statusCode, long pid, long processes, Map<String, NetworkState> network) {

  public InstanceState {
    network = Copies.map(network);
  }

  /**
   * The global-scope IPv4 addresses, those of {@code eth0} first, then the other interfaces in
   * name order.
   */
  public List<String> globalIpv4() {
    List<String> addresses = new ArrayList<>();
    NetworkState eth0 = network.get("eth0");
    if (eth0 != null) {
      addresses.addAll(eth0.globalIpv4());
    }
    network.forEach((name, nic) -> {
      if (!name.equals("eth0")) {
        addresses.addAll(nic.globalIpv4());
      }
    });
    return List.copyOf(addresses);
  }

  /** One network interface inside the instance. */
  public record NetworkState(
      List<Address> addresses, String hwaddr, String hostName, String state, String type) {

    public NetworkState {
      addresses = Copies.list(addresses);
    }

    List<String> globalIpv4() {
      return addresses.stream()
          .filter(a -> "inet".equals(a.family()) && "global".equals(a.scope()))
          .map(Address::address)
          .toList();
    }
  }

  /** One address of an interface: {@code family} is inet or inet6, scope global, link or local. */
  public record Address(String family, String address, String netmask, String scope) {}
}
