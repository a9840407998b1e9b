package io.cul8er.network;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out, from every host's facts, which routes each host of a topology needs: one to each
 * other host's container subnet, through that host's address. Pure; {@code cul8er setup} turns it
 * into steps, {@link RouteDrift} into drift lines.
 */
public final class FleetRoutes {
  /** A bridge's IPv4 network, whose addresses the host's containers get. */
  public record Subnet(String bridge, Cidr cidr, boolean nat) {
    @Override
    public String toString() {
      return cidr + " on " + bridge;
    }
  }

  /** {@code host}'s subnet overlaps {@code peer}'s; {@code fix} is the address to give {@code fixOn}'s bridge. */
  public record Conflict(String host, Subnet mine, String peer, Subnet theirs, boolean sameMachine, String fixOn, Cidr fix) {}

  /** A route {@code host} needs to {@code peer}'s containers, and the route to there it has now, if any. */
  public record Wanted(String peer, Cidr subnet, String gateway, String dev, Optional<NetworkFacts.Route> live) {
    public boolean present() {
      return live.flatMap(NetworkFacts.Route::gateway).equals(Optional.of(gateway));
    }

    /** {@code via 10.147.0.99}, {@code dev eth0}: what the live route does instead. */
    public String liveDescription() {
      NetworkFacts.Route route = live.orElseThrow();
      return route.gateway().map(g -> "via " + g).orElse("dev " + route.dev());
    }
  }

  /** A route to {@code peer}'s containers this host cannot have ({@code why}, with what to do). */
  public record Unroutable(String peer, String why) {
    public String what() {
      return "route to " + peer + "'s containers";
    }
  }

  /**
   * What one probed host needs.
   *
   * @param suggestion an unused subnet to give its bridge, when it has no IPv4 subnet
   * @param unroutable peers this host cannot route to, with what to do
   * @param notes peers it gets no route to through no fault of its own, as clauses
   */
  public record HostRoutes(FleetHost member, List<Subnet> subnets, Optional<Cidr> suggestion, List<Conflict> conflicts,
      List<Wanted> wanted, List<Unroutable> unroutable, List<String> notes) {

    /**
     * Without a subnet of its own, or with one that overlaps another host's, a host gets no new
     * routes, and those set up earlier stay as they are until that is fixed.
     */
    public boolean frozen() {
      return suggestion.isPresent() || !conflicts.isEmpty();
    }
  }

  /**
   * The analysis of the whole topology: {@code names} of all its hosts; {@code frozen} subnets and
   * the subnets of {@code frozenPeers} get no new routes, and the routes set up earlier to them stay.
   */
  public record Analysis(Set<String> names, List<HostRoutes> hosts, List<Cidr> frozen, Set<String> frozenPeers) {}

  private FleetRoutes() {}

  public static Analysis analyse(List<FleetHost> members) {
    List<FleetHost> found = members.stream().filter(m -> m.network().isPresent()).toList();
    Map<String, List<Subnet>> subnets = new LinkedHashMap<>();
    found.forEach(m -> subnets.put(m.name(), subnets(m.facts())));
    List<Cidr> taken = new ArrayList<>();
    found.forEach(m -> {
      subnets.get(m.name()).forEach(s -> taken.add(s.cidr()));
      m.facts().addresses().forEach(a -> taken.add(a.cidr().network()));
    });
    List<Conflict> conflicts = conflicts(found, subnets, taken);
    List<Cidr> frozen = new ArrayList<>();
    conflicts.forEach(c -> frozen.add(c.mine().cidr()));
    Set<String> conflicted = new HashSet<>();
    conflicts.forEach(c -> conflicted.add(c.host()));
    Set<String> frozenPeers = new HashSet<>();
    members.stream().filter(m -> m.network().isEmpty()).forEach(m -> frozenPeers.add(m.name()));
    List<HostRoutes> hosts = new ArrayList<>();
    for (FleetHost host : found) {
      Optional<Cidr> suggestion = Optional.empty();
      if (subnets.get(host.name()).isEmpty()) {
        suggestion = Optional.of(free(taken));
        taken.add(suggestion.get());
      }
      List<Wanted> wanted = new ArrayList<>();
      List<Unroutable> unroutable = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (FleetHost peer : members) {
        if (peer.name().equals(host.name())) {
          continue;
        }
        if (peer.network().isEmpty()) {
          notes.add("none to " + peer.name() + ", which " + peer.absence());
        } else if (subnets.get(peer.name()).isEmpty()) {
          notes.add("none to " + peer.name() + ", whose containers have no IPv4 subnet");
        } else if (conflicted.contains(peer.name())) {
          if (!conflicted.contains(host.name())) {
            notes.add("none to " + peer.name() + ", whose subnet overlaps another host's");
          }
        } else if (!conflicted.contains(host.name()) && suggestion.isEmpty()) {
          route(host, peer, subnets.get(peer.name()), wanted, unroutable, frozenPeers);
        }
      }
      hosts.add(new HostRoutes(host, subnets.get(host.name()), suggestion,
          conflicts.stream().filter(c -> c.host().equals(host.name())).toList(), wanted, unroutable, notes));
    }
    Set<String> names = new HashSet<>();
    members.forEach(m -> names.add(m.name()));
    return new Analysis(names, hosts, frozen, frozenPeers);
  }

  /** The subnets of the bridge the default profile's eth0 uses when it is a managed bridge, else of every one. */
  public static List<Subnet> subnets(NetworkFacts facts) {
    List<NetworkFacts.Bridge> used = facts.defaultBridge()
        .flatMap(name -> facts.bridges().stream().filter(b -> b.name().equals(name)).findFirst())
        .map(List::of).orElse(facts.bridges());
    return used.stream().filter(b -> b.ipv4().isPresent())
        .map(b -> new Subnet(b.name(), b.ipv4().get().network(), b.nat())).toList();
  }

  /** The first 10.210.K.0/24 (then 10.211.K.0/24, and so on) that overlaps none of {@code taken}. */
  public static Cidr free(List<Cidr> taken) {
    for (int second = 210; second < 256; second++) {
      for (int third = 1; third < 255; third++) {
        Cidr candidate = new Cidr((10 << 24) | (second << 16) | (third << 8), 24);
        if (taken.stream().noneMatch(candidate::overlaps)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no free /24 left in 10.210.0.0-10.255.255.255 among " + taken);
  }

  private static List<Conflict> conflicts(List<FleetHost> found, Map<String, List<Subnet>> subnets, List<Cidr> taken) {
    List<Conflict> conflicts = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      for (int j = i + 1; j < found.size(); j++) {
        FleetHost a = found.get(i);
        FleetHost b = found.get(j);
        boolean sameMachine = !a.facts().machineId().isBlank()
            && a.facts().machineId().equals(b.facts().machineId());
        for (Subnet mine : subnets.get(a.name())) {
          for (Subnet theirs : subnets.get(b.name())) {
            if (mine.cidr().overlaps(theirs.cidr())) {
              Cidr fix = free(taken);
              taken.add(fix);
              conflicts.add(new Conflict(a.name(), mine, b.name(), theirs, sameMachine, b.name(), fix));
              conflicts.add(new Conflict(b.name(), theirs, a.name(), mine, sameMachine, b.name(), fix));
            }
          }
        }
      }
    }
    return conflicts;
  }

  /** The routes {@code host} needs to {@code peer}'s subnets, or why it cannot have them. */
  private static void route(FleetHost host, FleetHost peer, List<Subnet> peerSubnets, List<Wanted> wanted,
      List<Unroutable> unroutable, Set<String> frozenPeers) {
    Optional<String> gateway = gateway(host, peer);
    if (gateway.isEmpty()) {
      unroutable.add(new Unroutable(peer.name(), unresolved(host, peer)));
      frozenPeers.add(peer.name());
      return;
    }
    int address = Cidr.address(gateway.get()).orElseThrow();
    if (host.facts().addresses().stream().anyMatch(a -> a.cidr().address() == address)) {
      unroutable.add(new Unroutable(peer.name(), gateway.get() + ", the address of " + peer.name() + ", is an address of "
          + host.name() + " itself; if they are one machine, give it one host block"));
      frozenPeers.add(peer.name());
      return;
    }
    Optional<NetworkFacts.Address> link = host.facts().onLink(address);
    if (link.isEmpty()) {
      unroutable.add(new Unroutable(peer.name(), notOnLink(host, peer, gateway.get(), peerSubnets)));
      frozenPeers.add(peer.name());
      return;
    }
    for (Subnet subnet : peerSubnets) {
      Optional<NetworkFacts.Route> live = host.facts().routes().stream()
          .filter(r -> r.destination().equals(subnet.cidr())).findFirst();
      wanted.add(new Wanted(peer.name(), subnet.cidr(), gateway.get(), link.get().dev(), live));
    }
  }

  /**
   * The address {@code host} sends {@code peer}'s container traffic to: the topology's IPv4
   * address, what a name resolves to on {@code host}, or, for this machine, the address it uses
   * towards {@code host}.
   */
  private static Optional<String> gateway(FleetHost host, FleetHost peer) {
    if (peer.address() instanceof PeerAddress.ThisMachine) {
      return host.address().lookedUp().flatMap(name -> peer.facts().lookup(name)).flatMap(NetworkFacts.PeerLookup::src);
    }
    if (peer.address() instanceof PeerAddress.Literal literal) {
      return Optional.of(literal.address());
    }
    String name = ((PeerAddress.Name) peer.address()).name();
    return host.facts().lookup(name).flatMap(NetworkFacts.PeerLookup::address);
  }

  private static String unresolved(FleetHost host, FleetHost peer) {
    if (peer.address() instanceof PeerAddress.ThisMachine) {
      return host.address().lookedUp()
          .map(name -> "this machine (" + peer.name() + ") has no route to " + host.name() + "'s address " + name
              + " (ip -4 route get " + name + "), so " + host.name() + " has no address of it to route through")
          .orElse(host.name() + " and " + peer.name() + " are both this machine");
    }
    String name = ((PeerAddress.Name) peer.address()).name();
    return peer.name() + "'s address " + name + " does not resolve to an IPv4 address on " + host.name()
        + " (getent ahostsv4 " + name + " found nothing); add it to " + host.name()
        + "'s /etc/hosts or DNS, or give " + peer.name() + " an IPv4 address in the topology";
  }

  private static String notOnLink(FleetHost host, FleetHost peer, String gateway, List<Subnet> peerSubnets) {
    String routes = String.join(", ", peerSubnets.stream().map(s -> s.cidr() + " via " + gateway).toList());
    Optional<String> router = peer.address().lookedUp().flatMap(name -> host.facts().lookup(name))
        .flatMap(NetworkFacts.PeerLookup::via);
    return router.map(r -> host.name() + " reaches " + peer.name() + " (" + gateway + ") through the router " + r
            + ", not directly, so it cannot route containers through it; put the hosts on one network, or add "
            + routes + " on the router " + r)
        .orElse(peer.name() + "'s address " + gateway + " is on none of " + host.name() + "'s networks, so "
            + host.name() + " cannot route containers through it; put the hosts on one network, or add " + routes
            + " on the router between them");
  }
}
