package io.cul8er.setup;

import io.cul8er.network.Cidr;
import io.cul8er.network.FleetRoutes.Conflict;
import io.cul8er.network.FleetRoutes.HostRoutes;
import io.cul8er.network.FleetRoutes.Wanted;
import io.cul8er.network.FleetRoutes;
import io.cul8er.network.NetworkFacts;
import io.cul8er.setup.RouteFiles.KeptRoute;
import io.cul8er.setup.RouteFiles.OwnedRoute;
import io.cul8er.setup.RouteFiles.Persistence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes between the hosts of a topology (host-gw): each host's containers live on its bridge's own
 * IPv4 subnet, every host forwards IPv4 and has a route to every other host's subnet through that
 * host's address. Decides from every host's facts ({@link FleetRoutes}) what is fine and what to do
 * on each. Pure.
 */
public final class FleetNetwork {
  private FleetNetwork() {}

  /** The steps for each probed host of {@code topology}, in the members' order; absent hosts get none. */
  public static Map<String, List<SetupStep>> plan(String topology, List<FleetMember> members) {
    FleetRoutes.Analysis analysis = FleetRoutes.analyse(members.stream().map(FleetMember::fleetHost).toList());
    Map<String, HostFacts> facts = new LinkedHashMap<>();
    members.stream().filter(m -> m.probed().isPresent()).forEach(m -> facts.put(m.name(), m.host()));
    Map<String, List<SetupStep>> steps = new LinkedHashMap<>();
    for (HostRoutes host : analysis.hosts()) {
      String name = host.member().name();
      steps.put(name, steps(topology, host, facts.get(name), analysis));
    }
    return steps;
  }

  /**
   * A host alone in its topology needs no routes and no forwarding: it gets steps only to remove
   * what setup added while the topology had other hosts.
   */
  private static List<SetupStep> steps(String topology, HostRoutes routes, HostFacts facts,
      FleetRoutes.Analysis analysis) {
    NetworkFacts network = routes.member().facts();
    boolean alone = analysis.names().size() == 1;
    List<SetupStep> steps = new ArrayList<>();
    if (!alone) {
      steps.addAll(subnetSteps(routes));
      steps.add(network.forwarding()
          ? new SetupStep.Ok("IP forwarding", "on")
          : SetupPlanner.privileged("turn on IP forwarding", RouteCommands.forwardOn(), facts));
      routes.unroutable().forEach(none -> steps.add(new SetupStep.Manual(none.what(), none.why())));
    }

    Map<String, List<String>> current = new LinkedHashMap<>();
    network.owned().stream().filter(f -> RouteFiles.ownedBy(topology, f.path()))
        .forEach(f -> current.put(f.path(), f.lines()));
    List<OwnedRoute> kept = new ArrayList<>();
    List<SetupStep> changes = new ArrayList<>(removals(topology, routes, facts, analysis, kept));
    for (Wanted route : routes.wanted()) {
      if (!route.present()) {
        changes.add(SetupPlanner.privileged("route to " + route.subnet() + " (" + route.peer() + "'s containers)"
                + route.live().map(r -> " via " + route.gateway() + " instead of " + route.liveDescription()).orElse(""),
            RouteCommands.replace(route.subnet(), route.gateway()), facts));
      }
    }
    List<KeptRoute> persisted = persisted(routes, kept);
    Map<String, List<String>> files = RouteFiles.files(topology, persisted, network);
    if (!files.equals(current)) {
      List<String> removed = current.keySet().stream().filter(path -> !files.containsKey(path)).toList();
      changes.add(SetupPlanner.privileged(files.isEmpty() ? "remove " + String.join(", ", removed)
          : "keep the routes across reboots: " + String.join(", ", files.keySet()), RouteFiles.write(files, removed), facts));
    }
    steps.addAll(changes);
    if (alone) {
      return steps;
    }

    Set<Persistence> kinds = new LinkedHashSet<>();
    persisted.forEach(r -> kinds.add(RouteFiles.persistence(network, r.dev())));
    if (changes.isEmpty() && (!routes.wanted().isEmpty() || !routes.notes().isEmpty())) {
      steps.add(new SetupStep.Ok("routes", summary(routes, kinds)));
    }
    if (kinds.contains(Persistence.NONE)) {
      steps.add(notPersistent(topology, network, persisted));
    }
    return steps;
  }

  /**
   * Removes the routes this topology's files list and it no longer wants, unless their peer or
   * subnet is frozen (those go to {@code kept}) or another topology keeps the same route.
   */
  private static List<SetupStep> removals(String topology, HostRoutes routes, HostFacts facts,
      FleetRoutes.Analysis analysis, List<OwnedRoute> kept) {
    NetworkFacts network = routes.member().facts();
    Set<Cidr> wanted = new LinkedHashSet<>(routes.wanted().stream().map(Wanted::subnet).toList());
    Set<OwnedRoute> owned = new LinkedHashSet<>();
    network.owned().stream().filter(f -> RouteFiles.ownedBy(topology, f.path()))
        .forEach(f -> owned.addAll(RouteFiles.routes(f)));
    List<SetupStep> removals = new ArrayList<>();
    for (OwnedRoute route : owned) {
      if (wanted.contains(route.subnet())) {
        continue;
      }
      if ((routes.frozen() && analysis.names().size() > 1) || frozen(route, analysis)) {
        kept.add(route);
      } else if (live(network, route) && !wantedElsewhere(topology, network, route)) {
        String why = analysis.names().contains(route.peer())
            ? "no longer " + route.peer() + "'s container subnet" : route.peer() + " is no longer in the topology";
        removals.add(SetupPlanner.privileged("remove the route to " + route.subnet() + " via " + route.gateway()
            + " (" + why + ")", RouteCommands.delete(route.subnet(), route.gateway()), facts));
      }
    }
    return removals;
  }

  /** The routes the host's files list: the ones it wants, and the ones kept as they are, in address order. */
  private static List<KeptRoute> persisted(HostRoutes routes, List<OwnedRoute> kept) {
    List<KeptRoute> persisted = new ArrayList<>();
    routes.wanted().forEach(r -> persisted.add(new KeptRoute(r.subnet(), r.gateway(), r.dev(), r.peer())));
    for (OwnedRoute route : kept) {
      Cidr.address(route.gateway()).flatMap(routes.member().facts()::onLink)
          .ifPresent(link -> persisted.add(new KeptRoute(route.subnet(), route.gateway(), link.dev(), route.peer())));
    }
    persisted.sort(Comparator.comparing(KeptRoute::subnet, Cidr.ORDER));
    return persisted;
  }

  private static List<SetupStep> subnetSteps(HostRoutes routes) {
    String what = "container subnet";
    NetworkFacts network = routes.member().facts();
    if (routes.suggestion().isPresent()) {
      String bridge = network.defaultBridge().orElse(network.bridges().isEmpty() ? "incusbr0" : network.bridges().get(0).name());
      return List.of(new SetupStep.Manual(what, "no managed bridge here has an IPv4 subnet ("
          + String.join(", ", network.bridges().stream().map(b -> b.name() + ": ipv4.address none").toList())
          + "), so containers on other hosts cannot reach the containers here; give it one: incus network set "
          + bridge + " ipv4.address=" + host(routes.suggestion().get())));
    }
    if (!routes.conflicts().isEmpty()) {
      return routes.conflicts().stream().<SetupStep>map(c -> new SetupStep.Manual(what, conflict(routes, c))).toList();
    }
    String subnets = String.join(", ", routes.subnets().stream().map(FleetRoutes.Subnet::toString).toList());
    boolean nat = routes.subnets().stream().anyMatch(FleetRoutes.Subnet::nat);
    return List.of(new SetupStep.Ok(what, subnets + (nat
        ? " (NAT on: containers on other hosts see connections from here come from this host's address)" : "")));
  }

  private static String conflict(HostRoutes routes, Conflict c) {
    String host = routes.member().name();
    if (c.sameMachine()) {
      return host + " and " + c.peer() + " are the same machine (the same /etc/machine-id), so both have " + c.mine()
          + "; give each machine one host block in the topology";
    }
    String bridge = c.fixOn().equals(host) ? c.mine().bridge() : c.theirs().bridge();
    return c.mine() + " overlaps " + c.peer() + "'s " + c.theirs() + ", so no host can tell the containers of " + host
        + " from those of " + c.peer() + ": neither gets a route to the other, and no host gets a new route to"
        + " either; give one of them its own subnet, e.g. on " + c.fixOn() + ": incus network set " + bridge
        + " ipv4.address=" + host(c.fix()) + " (its instances get addresses there when they restart)";
  }

  private static String summary(HostRoutes routes, Set<Persistence> kinds) {
    List<String> parts = new ArrayList<>();
    if (!routes.wanted().isEmpty()) {
      parts.add(String.join(", ", routes.wanted().stream()
          .map(r -> r.subnet() + " via " + r.gateway() + " (" + r.peer() + ")").toList()));
      parts.add(String.join(", ", kinds.stream().map(k -> k == Persistence.NONE
          ? "until the next reboot" : "persistent (" + k.label + ")").toList()));
    }
    parts.addAll(routes.notes());
    return String.join("; ", parts);
  }

  private static SetupStep notPersistent(String topology, NetworkFacts network, List<KeptRoute> routes) {
    List<KeptRoute> lost = routes.stream().filter(r -> RouteFiles.persistence(network, r.dev()) == Persistence.NONE).toList();
    Set<String> devs = new LinkedHashSet<>(lost.stream().map(KeptRoute::dev).toList());
    StringBuilder how = new StringBuilder("the routes through " + String.join(", ", devs)
        + " last until the next reboot: neither systemd-networkd nor ifupdown configures "
        + (devs.size() == 1 ? "that interface" : "those interfaces") + "; add them to the host's network configuration ("
        + String.join(", ", lost.stream().map(r -> r.subnet() + " via " + r.gateway()).toList()) + ")");
    if (network.networkManager()) {
      how.append(", with NetworkManager: ").append(String.join("; ", lost.stream().map(r -> "nmcli connection modify"
          + " \"$(nmcli -g GENERAL.CONNECTION device show " + r.dev() + ")\" +ipv4.routes \"" + r.subnet() + " "
          + r.gateway() + "\"").toList()));
    }
    how.append(", or run ").append(RouteFiles.scriptPath(topology)).append(" at boot once the network is up");
    return new SetupStep.Manual("routes across reboots", how.toString());
  }

  private static boolean frozen(OwnedRoute route, FleetRoutes.Analysis analysis) {
    return analysis.frozenPeers().contains(route.peer()) || analysis.frozen().stream().anyMatch(route.subnet()::overlaps);
  }

  private static boolean live(NetworkFacts network, OwnedRoute route) {
    return network.routes().stream().anyMatch(r -> r.destination().equals(route.subnet())
        && r.gateway().equals(Optional.of(route.gateway())));
  }

  /** Another topology's setup also keeps this route on the host: removing it is not ours to do. */
  private static boolean wantedElsewhere(String topology, NetworkFacts network, OwnedRoute route) {
    return network.owned().stream().filter(f -> !RouteFiles.ownedBy(topology, f.path()))
        .flatMap(f -> RouteFiles.routes(f).stream())
        .anyMatch(r -> r.subnet().equals(route.subnet()) && r.gateway().equals(route.gateway()));
  }

  /** {@code 10.210.3.1/24}: the bridge's own address in {@code subnet}. */
  private static String host(Cidr subnet) {
    return new Cidr(subnet.address() + 1, subnet.prefix()).toString();
  }
}
