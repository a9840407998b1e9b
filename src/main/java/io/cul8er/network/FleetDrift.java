package io.cul8er.network;

import io.cul8er.model.RouteDrift;
import io.cul8er.network.FleetRoutes.Conflict;
import io.cul8er.network.FleetRoutes.HostRoutes;
import io.cul8er.network.FleetRoutes.Unroutable;
import io.cul8er.network.FleetRoutes.Wanted;
import java.util.ArrayList;
import java.util.List;

/**
 * What keeps the containers of a topology's hosts from reaching each other, host by host: a
 * subnet missing or overlapping another host's, forwarding off, a route missing, through the wrong
 * gateway, or impossible. Hosts that were not probed are left out. Pure.
 */
public final class FleetDrift {
  private FleetDrift() {}

  public static List<RouteDrift> of(List<FleetHost> hosts) {
    FleetRoutes.Analysis analysis = FleetRoutes.analyse(hosts);
    List<RouteDrift> drift = new ArrayList<>();
    if (analysis.names().size() < 2) {
      return drift;
    }
    for (HostRoutes host : analysis.hosts()) {
      String name = host.member().name();
      if (host.suggestion().isPresent()) {
        drift.add(new RouteDrift(name, "subnet", "no managed bridge has an IPv4 subnet, so containers on other hosts"
            + " cannot reach its containers (cul8er setup says how to give it one)"));
      }
      for (Conflict c : host.conflicts().stream().filter(c -> c.fixOn().equals(c.peer())).toList()) {
        drift.add(new RouteDrift(name, "subnet", c.mine().cidr() + " overlaps " + c.peer() + "'s " + c.theirs().cidr()
            + (c.sameMachine() ? " (the same machine)" : "") + ", so neither host can reach the other's containers"
            + " (cul8er setup says what to change)"));
      }
      if (!host.member().facts().forwarding()) {
        drift.add(new RouteDrift(name, "forwarding", "off (net.ipv4.ip_forward is 0), so other hosts cannot reach its"
            + " containers (cul8er setup turns it on)"));
      }
      for (Wanted route : host.wanted()) {
        String peer = " (" + route.peer() + "'s containers)";
        if (route.live().isEmpty()) {
          drift.add(new RouteDrift(name, "route", route.subnet() + " via " + route.gateway() + peer
              + " missing (cul8er setup adds it)"));
        } else if (!route.present()) {
          NetworkFacts.Route live = route.live().get();
          drift.add(new RouteDrift(name, "route", route.subnet() + peer + " goes "
              + live.gateway().map(g -> "via " + g).orElse("straight out of " + live.dev()) + ", not via "
              + route.gateway() + " (cul8er setup replaces it)"));
        }
      }
      for (Unroutable none : host.unroutable()) {
        drift.add(new RouteDrift(name, "route", "none to " + none.peer() + "'s containers: " + none.why()));
      }
    }
    return drift;
  }
}
