package io.cul8er.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the probe found about a host's networking, for routes between the hosts of a topology.
 *
 * @param machineId {@code /etc/machine-id}, to tell two host blocks naming one machine
 * @param networkd systemd-networkd is running
 * @param networkManager NetworkManager is running
 * @param bridges the managed bridges with their IPv4 settings
 * @param defaultBridge the network of the default profile's {@code eth0}, when it names one
 * @param routes {@code ip -4 route show}
 * @param addresses the host's own IPv4 addresses, per interface
 * @param links how each interface with an IPv4 address is configured at boot
 * @param owned the route files {@code cul8er setup} wrote, of every topology
 * @param peers how each other host's address resolves and is reached from here
 */
public record NetworkFacts(
    String machineId,
    boolean forwarding,
    boolean networkd,
    boolean networkManager,
    List<Bridge> bridges,
    Optional<String> defaultBridge,
    List<Route> routes,
    List<Address> addresses,
    List<Link> links,
    List<OwnedFile> owned,
    List<PeerLookup> peers) {

  /** A managed bridge: {@code ipv4} as Incus stores {@code ipv4.address} (empty for {@code none}). */
  public record Bridge(String name, Optional<Cidr> ipv4, boolean nat) {}

  /** One IPv4 route: where to, through which gateway if any, out of which interface. */
  public record Route(Cidr destination, Optional<String> gateway, String dev) {}

  public record Address(String dev, Cidr cidr) {}

  /**
   * How an interface is configured at boot: {@code networkFile} is the {@code .network} file
   * systemd-networkd applied to it; {@code ifupdown} says /etc/network/interfaces defines it.
   */
  public record Link(String dev, boolean ifupdown, Optional<String> networkFile) {}

  /** A file that {@code cul8er setup} wrote, line by line. */
  public record OwnedFile(String path, List<String> lines) {
    public OwnedFile {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Another host's address as this host sees it: {@code address} what it resolves to here,
   * {@code dev}, {@code src} and {@code via} what {@code ip -4 route get} says of it.
   */
  public record PeerLookup(String peer, Optional<String> address, Optional<String> dev, Optional<String> src,
      Optional<String> via) {}

  public NetworkFacts {
    bridges = List.copyOf(bridges);
    routes = List.copyOf(routes);
    addresses = List.copyOf(addresses);
    links = List.copyOf(links);
    owned = List.copyOf(owned);
    peers = List.copyOf(peers);
  }

  /** Reads the network lines {@link NetworkProbe} prints (within setup's probe, or alone). */
  public static NetworkFacts parse(String probeOutput) {
    String machineId = "";
    boolean forwarding = false;
    boolean networkd = false;
    boolean networkManager = false;
    Optional<String> defaultBridge = Optional.empty();
    List<Bridge> bridges = new ArrayList<>();
    List<Route> routes = new ArrayList<>();
    List<Address> addresses = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    Map<String, List<String>> owned = new LinkedHashMap<>();
    List<String> ownedLines = new ArrayList<>();
    List<PeerLookup> peers = new ArrayList<>();
    for (String line : probeOutput.lines().toList()) {
      int equals = line.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      String value = line.substring(equals + 1);
      List<String> words = words(value);
      switch (line.substring(0, equals)) {
        case "machine_id" -> machineId = value.trim();
        case "ip_forward" -> forwarding = value.trim().equals("1");
        case "networkd" -> networkd = value.trim().equals("yes");
        case "network_manager" -> networkManager = value.trim().equals("yes");
        case "default_bridge" -> defaultBridge = present(value.trim());
        case "bridge" -> bridge(words).ifPresent(bridges::add);
        case "route" -> route(words).ifPresent(routes::add);
        case "addr" -> address(words).ifPresent(addresses::add);
        case "link" -> link(words).ifPresent(links::add);
        case "peer" -> peer(words).ifPresent(peers::add);
        case "owned" -> {
          ownedLines = new ArrayList<>();
          owned.put(value, ownedLines);
        }
        case "owned_line" -> ownedLines.add(value);
        default -> { }
      }
    }
    return new NetworkFacts(machineId, forwarding, networkd, networkManager, bridges, defaultBridge, routes, addresses,
        links, owned.entrySet().stream().map(file -> new OwnedFile(file.getKey(), file.getValue())).toList(), peers);
  }

  /** The lookup of {@code peer}, the address as the topology gives it. */
  public Optional<PeerLookup> lookup(String peer) {
    return peers.stream().filter(p -> p.peer().equals(peer)).findFirst();
  }

  /** The interface on whose network {@code address} lies, so a route may go through it directly. */
  public Optional<Address> onLink(int address) {
    return addresses.stream().filter(a -> a.cidr().prefix() < 32 && a.cidr().contains(address)).findFirst();
  }

  private static Optional<Bridge> bridge(List<String> words) {
    if (words.size() < 3) {
      return Optional.empty();
    }
    return Optional.of(new Bridge(words.get(0), Cidr.parse(words.get(1)), words.get(2).equals("true")));
  }

  private static Optional<Address> address(List<String> words) {
    return words.size() < 2 ? Optional.empty() : Cidr.parse(words.get(1)).map(cidr -> new Address(words.get(0), cidr));
  }

  private static Optional<Link> link(List<String> words) {
    if (words.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new Link(words.get(0), words.get(1).equals("yes"),
        words.size() > 2 ? present(words.get(2)) : Optional.empty()));
  }

  /** {@code 10.210.2.0/24 via 10.147.0.12 dev eth0 proto static}; {@code default} is 0.0.0.0/0. */
  public static Optional<Route> route(List<String> words) {
    List<String> rest = new ArrayList<>(words);
    if (!rest.isEmpty() && List.of("unicast", "local", "broadcast", "unreachable", "blackhole", "prohibit", "throw",
        "multicast", "anycast", "nat").contains(rest.get(0))) {
      if (!rest.get(0).equals("unicast")) {
        return Optional.empty();
      }
      rest.remove(0);
    }
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    Optional<Cidr> destination = rest.get(0).equals("default") ? Optional.of(new Cidr(0, 0)) : Cidr.parse(rest.get(0));
    return destination.map(d -> new Route(d.network(), after(rest, "via"), after(rest, "dev").orElse("")));
  }

  /** {@code PEER ADDRESS|- <what ip -4 route get ADDRESS printed>}. */
  private static Optional<PeerLookup> peer(List<String> words) {
    if (words.isEmpty()) {
      return Optional.empty();
    }
    List<String> get = words.subList(Math.min(2, words.size()), words.size());
    return Optional.of(new PeerLookup(words.get(0), words.size() > 1 ? present(words.get(1)) : Optional.empty(),
        after(get, "dev"), after(get, "src"), after(get, "via")));
  }

  private static Optional<String> after(List<String> words, String key) {
    int at = words.indexOf(key);
    return at < 0 || at + 1 >= words.size() ? Optional.empty() : Optional.of(words.get(at + 1));
  }

  private static List<String> words(String value) {
    return Arrays.stream(value.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }

  private static Optional<String> present(String value) {
    return value.isBlank() || value.equals("-") ? Optional.empty() : Optional.of(value);
  }
}
