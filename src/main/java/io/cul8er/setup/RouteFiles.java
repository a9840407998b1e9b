package io.cul8er.setup;

import io.cul8er.network.Cidr;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.ShellQuote;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files that keep a topology's routes across reboots, one set per topology and host, rewritten
 * as a whole by every setup; they are also the record of which routes setup added, so that a route
 * the topology no longer wants is removed and no other route is touched.
 */
final class RouteFiles {
  /** Every file any topology's setup may have written, as a shell glob. */
  static final String PROBED = "/etc/systemd/network/*.network.d/cul8er-routes-*.conf"
      + " /etc/network/if-up.d/cul8er-routes-* /var/lib/cul8er/routes-*.sh";

  private static final Pattern NETWORKD_FILE = Pattern.compile(".*/cul8er-routes-([A-Za-z0-9_-]+)\\.conf");
  private static final Pattern IFUPDOWN_FILE = Pattern.compile("/etc/network/if-up\\.d/cul8er-routes-([A-Za-z0-9_-]+)");
  private static final Pattern SCRIPT_FILE = Pattern.compile("/var/lib/cul8er/routes-([A-Za-z0-9_-]+)\\.sh");
  private static final Pattern SCRIPT_ROUTE = Pattern.compile("add (\\S+) (\\S+) (\\S+) # host (\\S+)");
  private static final Pattern PEER_COMMENT = Pattern.compile("# host (\\S+)");

  /** How a host brings up the interface a route leaves through, and so how the route is kept. */
  enum Persistence {
    NETWORKD("systemd-networkd"), IFUPDOWN("ifupdown"), NONE("nothing that setup knows");

    final String label;

    Persistence(String label) {
      this.label = label;
    }
  }

  /** A route to {@code peer}'s containers, leaving through {@code dev}. */
  record KeptRoute(Cidr subnet, String gateway, String dev, String peer) {}

  /** A route a file lists. */
  record OwnedRoute(Cidr subnet, String gateway, String peer) {}

  private RouteFiles() {}

  static Persistence persistence(NetworkFacts facts, String dev) {
    Optional<NetworkFacts.Link> link = facts.links().stream().filter(l -> l.dev().equals(dev)).findFirst();
    if (facts.networkd() && link.flatMap(NetworkFacts.Link::networkFile).isPresent()) {
      return Persistence.NETWORKD;
    }
    return link.map(NetworkFacts.Link::ifupdown).orElse(false) ? Persistence.IFUPDOWN : Persistence.NONE;
  }

  /** The files, path to lines, that keep {@code routes} on a host with {@code facts}. */
  static Map<String, List<String>> files(String topology, List<KeptRoute> routes, NetworkFacts facts) {
    Map<String, List<KeptRoute>> byPath = new LinkedHashMap<>();
    Map<String, Persistence> kinds = new LinkedHashMap<>();
    for (KeptRoute route : routes) {
      Persistence how = persistence(facts, route.dev());
      String path = switch (how) {
        case NETWORKD -> networkdPath(topology, facts.links().stream().filter(l -> l.dev().equals(route.dev()))
            .findFirst().flatMap(NetworkFacts.Link::networkFile).orElseThrow());
        case IFUPDOWN -> "/etc/network/if-up.d/cul8er-routes-" + safe(topology);
        case NONE -> scriptPath(topology);
      };
      byPath.computeIfAbsent(path, p -> new ArrayList<>()).add(route);
      kinds.put(path, how);
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    byPath.forEach((path, kept) -> files.put(path, kinds.get(path) == Persistence.NETWORKD
        ? networkd(topology, kept) : script(topology, kept, kinds.get(path) == Persistence.IFUPDOWN)));
    return files;
  }

  static String scriptPath(String topology) {
    return "/var/lib/cul8er/routes-" + safe(topology) + ".sh";
  }

  /** The drop-in next to the {@code .network} file that configures the interface. */
  static String networkdPath(String topology, String networkFile) {
    String name = networkFile.substring(networkFile.lastIndexOf('/') + 1);
    return "/etc/systemd/network/" + name + ".d/cul8er-routes-" + safe(topology) + ".conf";
  }

  /** Which topology's setup wrote {@code path}; empty for a file of another kind. */
  static Optional<String> topologyOf(String path) {
    for (Pattern pattern : List.of(NETWORKD_FILE, IFUPDOWN_FILE, SCRIPT_FILE)) {
      Matcher matcher = pattern.matcher(path);
      if (matcher.matches()) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }

  static boolean ownedBy(String topology, String path) {
    return topologyOf(path).equals(Optional.of(safe(topology)));
  }

  /** The routes a file lists, whichever kind it is. */
  static List<OwnedRoute> routes(NetworkFacts.OwnedFile file) {
    List<OwnedRoute> routes = new ArrayList<>();
    String peer = "";
    Optional<Cidr> destination = Optional.empty();
    for (String line : file.lines()) {
      Matcher script = SCRIPT_ROUTE.matcher(line.strip());
      Matcher comment = PEER_COMMENT.matcher(line.strip());
      if (script.matches()) {
        Optional<Cidr> subnet = Cidr.parse(script.group(2));
        String host = script.group(4);
        subnet.ifPresent(s -> routes.add(new OwnedRoute(s, script.group(3), host)));
      } else if (comment.matches()) {
        peer = comment.group(1);
      } else if (line.startsWith("Destination=")) {
        destination = Cidr.parse(line.substring("Destination=".length()));
      } else if (line.startsWith("Gateway=") && destination.isPresent()) {
        routes.add(new OwnedRoute(destination.get(), line.substring("Gateway=".length()), peer));
        destination = Optional.empty();
      }
    }
    return routes;
  }

  /** Writes {@code files} (each replaced at once) and deletes {@code removed}. */
  static String write(Map<String, List<String>> files, List<String> removed) {
    List<String> commands = new ArrayList<>();
    files.forEach((path, lines) -> {
      String target = ShellQuote.quote(path);
      String temporary = ShellQuote.quote(path + ".new");
      commands.add("mkdir -p " + ShellQuote.quote(path.substring(0, path.lastIndexOf('/')))
          + " && printf '%s\\n' " + String.join(" ", lines.stream().map(ShellQuote::quote).toList()) + " > " + temporary
          + " && chmod " + (path.endsWith(".conf") ? "644 " : "755 ") + temporary + " && mv " + temporary + " " + target);
    });
    removed.forEach(path -> commands.add("rm -f " + ShellQuote.quote(path)));
    return String.join(" && ", commands);
  }

  private static List<String> networkd(String topology, List<KeptRoute> routes) {
    List<String> lines = new ArrayList<>(header(topology));
    for (KeptRoute route : routes) {
      lines.addAll(List.of("# host " + route.peer(), "[Route]", "Destination=" + route.subnet(), "Gateway=" + route.gateway()));
    }
    return lines;
  }

  private static List<String> script(String topology, List<KeptRoute> routes, boolean ifupdown) {
    List<String> lines = new ArrayList<>(List.of("#!/bin/sh"));
    lines.addAll(header(topology));
    lines.add(ifupdown
        ? "# ifupdown runs it for every interface it brings up; each route is added with its own interface."
        : "# Run it at boot, after the network is up, to add them again.");
    lines.add("add() { case \"${IFACE:-}\" in \"$1\"|--all|'') ip route replace \"$2\" via \"$3\" || true ;; esac; }");
    for (KeptRoute route : routes) {
      lines.add("add " + route.dev() + " " + route.subnet() + " " + route.gateway() + " # host " + route.peer());
    }
    return lines;
  }

  private static List<String> header(String topology) {
    return List.of("# Written by cul8er setup for topology " + topology + ": routes to the containers on its other hosts.",
        "# Rewritten as a whole by every setup; a route it no longer lists is removed.");
  }

  private static String safe(String topology) {
    return topology.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
