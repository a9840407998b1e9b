package io.cul8er.setup;

import static io.cul8er.setup.FleetFixture.DROP_IN;
import static io.cul8er.setup.FleetFixture.HEADER;
import static io.cul8er.setup.FleetFixture.TOPOLOGY;
import static io.cul8er.setup.FleetFixture.dropIn;
import static io.cul8er.setup.FleetFixture.member;
import static io.cul8er.setup.FleetFixture.owned;
import static io.cul8er.setup.FleetFixture.probe;
import static io.cul8er.setup.FleetFixture.route;
import static io.cul8er.setup.FleetFixture.settled;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.network.FleetRoutes;
import io.cul8er.network.NetworkFacts;
import io.cul8er.network.PeerAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FleetNetworkTest {
  static final SetupStep SUBNET_1 = new SetupStep.Ok("container subnet", "10.210.1.0/24 on cul8erbr0");
  static final SetupStep FORWARDING = new SetupStep.Ok("IP forwarding", "on");

  static String writeDropIn(int... peers) {
    return RouteFiles.write(Map.of(DROP_IN, dropIn(peers).lines().toList()), List.of());
  }

  @Test
  void aSettledFleetIsOnlyReported() {
    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, FleetFixture.settledFleet(3));

    assertThat(plan.keySet()).containsExactly("web_1", "web_2", "web_3");
    assertThat(plan.get("web_1")).containsExactly(SUBNET_1, FORWARDING, new SetupStep.Ok("routes",
        "10.210.2.0/24 via 10.147.0.12 (web_2), 10.210.3.0/24 via 10.147.0.13 (web_3); persistent (systemd-networkd)"));
    assertThat(FleetFixture.drift(FleetFixture.settledFleet(3))).isEmpty();
  }

  @Test
  void aMissingRouteIsAddedAndWrittenToTheNetworkdDropIn() {
    List<FleetMember> fleet = List.of(member(1, probe(1, 2)), member(2, settled(2, 2)));

    assertThat(FleetNetwork.plan(TOPOLOGY, fleet).get("web_1")).containsExactly(SUBNET_1, FORWARDING,
        new SetupStep.Run("route to 10.210.2.0/24 (web_2's containers)", "ip route replace 10.210.2.0/24 via 10.147.0.12"),
        new SetupStep.Run("keep the routes across reboots: " + DROP_IN, "mkdir -p /etc/systemd/network/eth0.network.d"
            + " && printf '%s\\n' '# Written by cul8er setup for topology shop: routes to the containers on its other hosts.'"
            + " '# Rewritten as a whole by every setup; a route it no longer lists is removed.' '# host web_2' '[Route]'"
            + " Destination=10.210.2.0/24 Gateway=10.147.0.12 > " + DROP_IN + ".new && chmod 644 " + DROP_IN + ".new"
            + " && mv " + DROP_IN + ".new " + DROP_IN));
    assertThat(FleetFixture.drift(fleet))
        .containsExactly("route on web_1: 10.210.2.0/24 via 10.147.0.12 (web_2's containers) missing (cul8er setup adds it)");
  }

  @Test
  void aRouteThroughTheWrongGatewayIsReplaced() {
    String wrong = probe(1, 2) + "route=10.210.2.0/24 via 10.147.0.99 dev eth0\n" + owned(DROP_IN, dropIn(2));
    List<FleetMember> fleet = List.of(member(1, wrong), member(2, settled(2, 2)));

    assertThat(FleetNetwork.plan(TOPOLOGY, fleet).get("web_1")).containsExactly(SUBNET_1, FORWARDING,
        new SetupStep.Run("route to 10.210.2.0/24 (web_2's containers) via 10.147.0.12 instead of via 10.147.0.99",
            "ip route replace 10.210.2.0/24 via 10.147.0.12"));
    assertThat(FleetFixture.drift(fleet)).containsExactly(
        "route on web_1: 10.210.2.0/24 (web_2's containers) goes via 10.147.0.99, not via 10.147.0.12 (cul8er setup"
            + " replaces it)");
  }

  @Test
  void forwardingOffIsTurnedOnAndKept() {
    List<FleetMember> fleet = List.of(member(1, settled(1, 2).replace("ip_forward=1", "ip_forward=0")),
        member(2, settled(2, 2)));

    assertThat(FleetNetwork.plan(TOPOLOGY, fleet).get("web_1")).contains(new SetupStep.Run("turn on IP forwarding",
        "sysctl -w net.ipv4.ip_forward=1 && echo 'net.ipv4.ip_forward = 1' > /etc/sysctl.d/60-cul8er-forward.conf"));
    assertThat(FleetFixture.drift(fleet)).containsExactly("forwarding on web_1: off"
        + " (net.ipv4.ip_forward is 0), so other hosts cannot reach its containers (cul8er setup turns it on)");
  }

  @Test
  void aRouteToAHostNoLongerInTheTopologyIsRemovedAndNoOtherRouteTouched() {
    String before = settled(1, 2).replace("owned_line=", "#")
        + "route=10.210.9.0/24 via 10.147.0.19 dev eth0\n"
        + "route=10.99.0.0/16 via 10.147.0.1 dev eth0\n"
        + owned(DROP_IN, dropIn(2) + "# host web_9\n[Route]\nDestination=10.210.9.0/24\nGateway=10.147.0.19\n");
    List<FleetMember> fleet = List.of(member(1, before), member(2, settled(2, 2)));

    assertThat(FleetNetwork.plan(TOPOLOGY, fleet).get("web_1")).containsExactly(SUBNET_1, FORWARDING,
        new SetupStep.Run("remove the route to 10.210.9.0/24 via 10.147.0.19 (web_9 is no longer in the topology)",
            "ip route del 10.210.9.0/24 via 10.147.0.19"),
        new SetupStep.Run("keep the routes across reboots: " + DROP_IN, writeDropIn(2)));
  }

  @Test
  void aHostLeftAloneLosesTheRoutesItHadAndIsToldNothingElse() {
    String before = settled(1, 2).replace("ip_forward=1", "ip_forward=0");

    List<FleetMember> alone = List.of(member(1, before));

    assertThat(FleetNetwork.plan(TOPOLOGY, alone).get("web_1")).containsExactly(
        new SetupStep.Run("remove the route to 10.210.2.0/24 via 10.147.0.12 (web_2 is no longer in the topology)",
            "ip route del 10.210.2.0/24 via 10.147.0.12"),
        new SetupStep.Run("remove " + DROP_IN, "rm -f " + DROP_IN));
    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, probe(1, 1)))).get("web_1")).isEmpty();
    assertThat(FleetFixture.drift(alone)).isEmpty();
  }

  @Test
  void aRouteToAPeersFormerSubnetIsRemoved() {
    String before = settled(1, 2).replace("owned_line=", "#").replace("owned=" + DROP_IN, "#")
        + "route=10.210.9.0/24 via 10.147.0.12 dev eth0\n"
        + owned(DROP_IN, dropIn(2) + "# host web_2\n[Route]\nDestination=10.210.9.0/24\nGateway=10.147.0.12\n");

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, before), member(2, settled(2, 2)))).get("web_1"))
        .contains(new SetupStep.Run("remove the route to 10.210.9.0/24 via 10.147.0.12 (no longer web_2's container"
            + " subnet)", "ip route del 10.210.9.0/24 via 10.147.0.12"));
  }

  @Test
  void aRouteAnotherTopologyAlsoKeepsIsLeftInPlace() {
    String other = "/etc/systemd/network/eth0.network.d/cul8er-routes-blog.conf";
    String before = settled(1, 2).replace("owned_line=", "#").replace("owned=" + DROP_IN, "#")
        + "route=10.210.9.0/24 via 10.147.0.19 dev eth0\n"
        + owned(DROP_IN, dropIn(2) + "# host web_9\n[Route]\nDestination=10.210.9.0/24\nGateway=10.147.0.19\n")
        + owned(other, "# host db\n[Route]\nDestination=10.210.9.0/24\nGateway=10.147.0.19\n");

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, before), member(2, settled(2, 2)))).get("web_1"))
        .containsExactly(SUBNET_1, FORWARDING, new SetupStep.Run("keep the routes across reboots: " + DROP_IN, writeDropIn(2)));
  }

  @Test
  void equalSubnetsAreRefusedOnBothHostsNamingBothAndNoHostGetsARouteToEither() {
    String twin = probe(2, 3).replace("10.210.2.", "10.210.1.");
    List<FleetMember> fleet = List.of(member(1, probe(1, 3)), member(2, twin), member(3, probe(3, 3)));

    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, fleet);

    String fix = "; give one of them its own subnet, e.g. on web_2: incus network set cul8erbr0 ipv4.address=10.210.2.1/24"
        + " (its instances get addresses there when they restart)";
    assertThat(plan.get("web_1")).containsExactly(new SetupStep.Manual("container subnet", "10.210.1.0/24 on cul8erbr0"
        + " overlaps web_2's 10.210.1.0/24 on cul8erbr0, so no host can tell the containers of web_1 from those of web_2:"
        + " neither gets a route to the other, and no host gets a new route to either" + fix), FORWARDING);
    assertThat(plan.get("web_2")).containsExactly(new SetupStep.Manual("container subnet", "10.210.1.0/24 on cul8erbr0"
        + " overlaps web_1's 10.210.1.0/24 on cul8erbr0, so no host can tell the containers of web_2 from those of web_1:"
        + " neither gets a route to the other, and no host gets a new route to either" + fix), FORWARDING);
    assertThat(plan.get("web_3")).containsExactly(new SetupStep.Ok("container subnet", "10.210.3.0/24 on cul8erbr0"),
        FORWARDING, new SetupStep.Ok("routes", "none to web_1, whose subnet overlaps another host's; none to web_2, whose"
            + " subnet overlaps another host's"));
    assertThat(FleetFixture.drift(fleet)).containsExactly(
        "subnet on web_1: 10.210.1.0/24 overlaps web_2's 10.210.1.0/24, so neither host can reach the other's"
            + " containers (cul8er setup says what to change)");
  }

  @Test
  void aSubnetInsideAnotherIsAnOverlapToo() {
    String wide = probe(2, 2).replace("bridge=cul8erbr0 10.210.2.1/24", "bridge=cul8erbr0 10.210.0.1/16");

    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, List.of(member(1, probe(1, 2)), member(2, wide)));

    assertThat(plan.get("web_1")).first().isEqualTo(new SetupStep.Manual("container subnet", "10.210.1.0/24 on cul8erbr0"
        + " overlaps web_2's 10.210.0.0/16 on cul8erbr0, so no host can tell the containers of web_1 from those of web_2:"
        + " neither gets a route to the other, and no host gets a new route to either; give one of them its own subnet,"
        + " e.g. on web_2: incus network set cul8erbr0 ipv4.address=10.211.1.1/24 (its instances get addresses there"
        + " when they restart)"));
    assertThat(plan.values()).allSatisfy(steps -> assertThat(steps).noneMatch(SetupStep.Run.class::isInstance));
  }

  @Test
  void twoHostBlocksForOneMachineAreToldApart() {
    String same = probe(1, 2).replace("peer=10.147.0.12", "peer=10.147.0.11");
    FleetMember again = member("web_1_again", new PeerAddress.Literal("10.147.0.11"), same);

    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, List.of(member(1, same), again));

    assertThat(plan.get("web_1")).containsExactly(new SetupStep.Manual("container subnet", "web_1 and web_1_again are"
        + " the same machine (the same /etc/machine-id), so both have 10.210.1.0/24 on cul8erbr0; give each machine"
        + " one host block in the topology"), FORWARDING);
    assertThat(plan.get("web_1_again")).first().asString().contains("web_1_again and web_1 are the same machine");
  }

  @Test
  void ifupdownKeepsTheRoutesInAnIfUpHookForTheInterface() {
    String ifupdown = probe(1, 2).replace("networkd=yes\n", "").replace("link=eth0 no /etc/systemd/network/eth0.network",
        "link=eth0 yes -");
    String hook = "/etc/network/if-up.d/cul8er-routes-shop";

    List<SetupStep> steps = FleetNetwork.plan(TOPOLOGY, List.of(member(1, ifupdown), member(2, settled(2, 2)))).get("web_1");

    List<String> script = List.of("#!/bin/sh",
        "# Written by cul8er setup for topology shop: routes to the containers on its other hosts.",
        "# Rewritten as a whole by every setup; a route it no longer lists is removed.",
        "# ifupdown runs it for every interface it brings up; each route is added with its own interface.",
        "add() { case \"${IFACE:-}\" in \"$1\"|--all|'') ip route replace \"$2\" via \"$3\" || true ;; esac; }",
        "add eth0 10.210.2.0/24 10.147.0.12 # host web_2");
    assertThat(steps).last().isEqualTo(new SetupStep.Run("keep the routes across reboots: " + hook,
        RouteFiles.write(Map.of(hook, script), List.of())));
    assertThat(RouteFiles.write(Map.of(hook, script), List.of())).contains("chmod 755 " + hook + ".new");

    String done = ifupdown + route(2) + owned(hook, String.join("\n", script));
    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, done), member(2, settled(2, 2)))).get("web_1")).last()
        .isEqualTo(new SetupStep.Ok("routes", "10.210.2.0/24 via 10.147.0.12 (web_2); persistent (ifupdown)"));
  }

  @Test
  void withoutNetworkdOrIfupdownTheRoutesAreInstalledAndTheReportSaysHowToKeepThem() {
    String plain = probe(1, 2).replace("networkd=yes\n", "network_manager=yes\n")
        .replace("link=eth0 no /etc/systemd/network/eth0.network", "link=eth0 no -");
    String script = "/var/lib/cul8er/routes-shop.sh";
    String done = plain + route(2) + owned(script, "#!/bin/sh\n" + HEADER
        + "# Run it at boot, after the network is up, to add them again.\n"
        + "add() { case \"${IFACE:-}\" in \"$1\"|--all|'') ip route replace \"$2\" via \"$3\" || true ;; esac; }\n"
        + "add eth0 10.210.2.0/24 10.147.0.12 # host web_2\n");

    List<SetupStep> first = FleetNetwork.plan(TOPOLOGY, List.of(member(1, plain), member(2, settled(2, 2)))).get("web_1");
    List<SetupStep> settledSteps =
        FleetNetwork.plan(TOPOLOGY, List.of(member(1, done), member(2, settled(2, 2)))).get("web_1");

    SetupStep howToKeep = new SetupStep.Manual("routes across reboots", "the routes through eth0 last until the next"
        + " reboot: neither systemd-networkd nor ifupdown configures that interface; add them to the host's network"
        + " configuration (10.210.2.0/24 via 10.147.0.12), with NetworkManager: nmcli connection modify"
        + " \"$(nmcli -g GENERAL.CONNECTION device show eth0)\" +ipv4.routes \"10.210.2.0/24 10.147.0.12\", or run "
        + script + " at boot once the network is up");
    assertThat(first).contains(new SetupStep.Run("route to 10.210.2.0/24 (web_2's containers)",
        "ip route replace 10.210.2.0/24 via 10.147.0.12"), howToKeep);
    assertThat(first).filteredOn(SetupStep.Run.class::isInstance).last().extracting(SetupStep::what)
        .isEqualTo("keep the routes across reboots: " + script);
    assertThat(settledSteps).endsWith(
        new SetupStep.Ok("routes", "10.210.2.0/24 via 10.147.0.12 (web_2); until the next reboot"), howToKeep);
  }

  @Test
  void withoutRootOrSudoEveryChangeIsLeftToAPersonWithItsCommand() {
    String user = probe(1, 2).replace("uid=0\nuser=root", "uid=1000\nuser=deploy").replace("ip_forward=1", "ip_forward=0");

    List<SetupStep> steps = FleetNetwork.plan(TOPOLOGY, List.of(member(1, user), member(2, settled(2, 2)))).get("web_1");

    String needsRoot = "needs root, and this user is not root and has no passwordless sudo; run as root: ";
    assertThat(steps).containsExactly(SUBNET_1,
        new SetupStep.Manual("turn on IP forwarding", needsRoot + RouteCommands.forwardOn()),
        new SetupStep.Manual("route to 10.210.2.0/24 (web_2's containers)",
            needsRoot + "ip route replace 10.210.2.0/24 via 10.147.0.12"),
        new SetupStep.Manual("keep the routes across reboots: " + DROP_IN, needsRoot + writeDropIn(2)));
  }

  @Test
  void aSudoerRunsTheChangesThroughSudo() {
    String sudoer = probe(1, 2).replace("uid=0\nuser=root", "uid=1000\nuser=deploy\nsudo=yes");

    List<SetupStep> steps = FleetNetwork.plan(TOPOLOGY, List.of(member(1, sudoer), member(2, settled(2, 2)))).get("web_1");

    assertThat(steps).contains(new SetupStep.Run("route to 10.210.2.0/24 (web_2's containers)",
        "sudo -n sh -c 'ip route replace 10.210.2.0/24 via 10.147.0.12'"));
  }

  @Test
  void aDnsNameIsResolvedOnTheHostThatRoutesToIt() {
    String resolved = probe(1, 2).replace("peer=10.147.0.12 10.147.0.12", "peer=web-2.lan 10.147.0.12");
    FleetMember named = member("web_2", new PeerAddress.Name("web-2.lan"), settled(2, 2));
    String unresolved = probe(1, 2).replace("peer=10.147.0.12 10.147.0.12 10.147.0.12 dev eth0 src 10.147.0.11 uid 0",
        "peer=web-2.lan - ");

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, resolved), named)).get("web_1")).contains(new SetupStep.Run(
        "route to 10.210.2.0/24 (web_2's containers)", "ip route replace 10.210.2.0/24 via 10.147.0.12"));
    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, unresolved), named)).get("web_1")).containsExactly(SUBNET_1,
        FORWARDING, new SetupStep.Manual("route to web_2's containers", "web_2's address web-2.lan does not resolve to"
            + " an IPv4 address on web_1 (getent ahostsv4 web-2.lan found nothing); add it to web_1's /etc/hosts or DNS,"
            + " or give web_2 an IPv4 address in the topology"));
  }

  @Test
  void anUnreachablePeerGetsNoRouteAndTheRouteSetUpEarlierStays() {
    String before = settled(1, 3);
    List<FleetMember> fleet = List.of(member(1, before),
        FleetMember.absent("web_2", new PeerAddress.Literal("10.147.0.12"), "could not be reached"),
        member(3, settled(3, 3)));

    assertThat(FleetNetwork.plan(TOPOLOGY, fleet).get("web_1")).containsExactly(SUBNET_1, FORWARDING, new SetupStep.Ok(
        "routes", "10.210.3.0/24 via 10.147.0.13 (web_3); persistent (systemd-networkd); none to web_2, which could not"
            + " be reached"));
    assertThat(FleetNetwork.plan(TOPOLOGY, fleet)).containsOnlyKeys("web_1", "web_3");
    assertThat(FleetFixture.drift(fleet)).isEmpty();
  }

  @Test
  void thisMachineIsReachedThroughTheAddressItUsesTowardsEachHost() {
    String local = probe(1, 2);
    FleetMember here = member("here", new PeerAddress.ThisMachine(), local);
    String remote = probe(2, 2).replace("peer=10.147.0.11 10.147.0.11 10.147.0.11 dev eth0 src 10.147.0.12 uid 0\n", "");

    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, List.of(here, member(2, remote)));

    assertThat(plan.get("web_2")).contains(new SetupStep.Run("route to 10.210.1.0/24 (here's containers)",
        "ip route replace 10.210.1.0/24 via 10.147.0.11"));
    assertThat(plan.get("here")).contains(new SetupStep.Run("route to 10.210.2.0/24 (web_2's containers)",
        "ip route replace 10.210.2.0/24 via 10.147.0.12"));
  }

  @Test
  void aPeerBehindARouterCannotBeRoutedToDirectly() {
    String far = probe(1, 2).replace("peer=10.147.0.12 10.147.0.12 10.147.0.12 dev eth0",
        "peer=10.148.0.12 10.148.0.12 10.148.0.12 via 10.147.0.1 dev eth0");
    FleetMember peer = member("web_2", new PeerAddress.Literal("10.148.0.12"), probe(2, 2));

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, far), peer)).get("web_1")).containsExactly(SUBNET_1,
        FORWARDING, new SetupStep.Manual("route to web_2's containers", "web_1 reaches web_2 (10.148.0.12) through the"
            + " router 10.147.0.1, not directly, so it cannot route containers through it; put the hosts on one network,"
            + " or add 10.210.2.0/24 via 10.148.0.12 on the router 10.147.0.1"));    assertThat(FleetFixture.drift(List.of(member(1, far), peer))).containsExactly("route on web_1: none to web_2's"
        + " containers: web_1 reaches web_2 (10.148.0.12) through the router 10.147.0.1, not directly, so it cannot route"
        + " containers through it; put the hosts on one network, or add 10.210.2.0/24 via 10.148.0.12 on the router"
        + " 10.147.0.1", "route on web_2: 10.210.1.0/24 via 10.147.0.11 (web_1's containers) missing (cul8er setup adds"
        + " it)");
  }

  @Test
  void aHostWithoutAnIpv4SubnetIsToldWhichToSet() {
    String none = probe(2, 2).replace("bridge=cul8erbr0 10.210.2.1/24 false", "bridge=cul8erbr0 - false")
        .replace("addr=cul8erbr0 10.210.2.1/24\n", "");

    Map<String, List<SetupStep>> plan = FleetNetwork.plan(TOPOLOGY, List.of(member(1, probe(1, 2)), member(2, none)));

    assertThat(plan.get("web_2")).containsExactly(new SetupStep.Manual("container subnet", "no managed bridge here has"
        + " an IPv4 subnet (cul8erbr0: ipv4.address none), so containers on other hosts cannot reach the containers here;"
        + " give it one: incus network set cul8erbr0 ipv4.address=10.210.2.1/24"), FORWARDING);
    assertThat(plan.get("web_1")).containsExactly(SUBNET_1, FORWARDING,
        new SetupStep.Ok("routes", "none to web_2, whose containers have no IPv4 subnet"));    assertThat(FleetFixture.drift(List.of(member(1, probe(1, 2)), member(2, none)))).containsExactly("subnet on web_2:"
        + " no managed bridge has an IPv4 subnet, so containers on other hosts cannot reach its containers (cul8er setup"
        + " says how to give it one)");
  }

  @Test
  void natIsReportedWithWhatItMeansForOtherHosts() {
    String nat = settled(1, 2).replace("10.210.1.1/24 false", "10.210.1.1/24 true");

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, nat), member(2, settled(2, 2)))).get("web_1")).first()
        .isEqualTo(new SetupStep.Ok("container subnet", "10.210.1.0/24 on cul8erbr0 (NAT on: containers on other hosts"
            + " see connections from here come from this host's address)"));
  }

  @Test
  void theDefaultProfilesBridgeIsTheContainerSubnetWhenThereAreSeveral() {
    String two = settled(1, 2) + "bridge=spare 192.168.77.1/24 true\n";

    assertThat(FleetNetwork.plan(TOPOLOGY, List.of(member(1, two), member(2, settled(2, 2)))).get("web_1")).first()
        .isEqualTo(SUBNET_1);
    assertThat(FleetRoutes.subnets(NetworkFacts.parse(two.replace("default_bridge=cul8erbr0", "default_bridge="))))
        .extracting(s -> s.cidr().toString()).containsExactly("10.210.1.0/24", "192.168.77.0/24");
  }

  @Test
  void theHeaderNamesTheTopology() {
    assertThat(HEADER).contains("topology shop");
  }
}
