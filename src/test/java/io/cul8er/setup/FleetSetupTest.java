package io.cul8er.setup;

import static io.cul8er.setup.FleetFixture.DROP_IN;
import static io.cul8er.setup.FleetFixture.address;
import static io.cul8er.setup.FleetFixture.dropIn;
import static io.cul8er.setup.FleetFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.model.SourcePos;
import io.cul8er.ssh.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FleetSetupTest {
  static final String PREPARED = "socket_path=/var/lib/incus/unix.socket\nsocket=yes\nsocket_group=incus-admin\n"
      + "socket_mode=srw-rw----\nsocket_access=yes\nsystemd=yes\nos=debian\nincus=/usr/bin/incus\nserver=Incus 6.0\n"
      + "pools=default\n";

  /** Host k of a fleet, whose probe shows the routes and files the commands it ran have made. */
  static final class FakeHost implements Shell {
    final int k;
    final int hosts;
    final Set<String> routes = new LinkedHashSet<>();
    final List<String> ran = new ArrayList<>();
    final List<String> probes = new ArrayList<>();
    boolean written;
    Optional<String> failing = Optional.empty();
    boolean probeFails;

    FakeHost(int k, int hosts) {
      this.k = k;
      this.hosts = hosts;
    }

    @Override
    public synchronized CommandResult run(String command, Duration timeout) {
      if (command.startsWith("S=''\n")) {
        probes.add(command);
        if (probeFails && command.contains("for p in 10")) {
          return new CommandResult(255, "", "Connection reset by peer");
        }
        StringBuilder out = new StringBuilder(PREPARED + FleetFixture.probe(k, hosts));
        routes.forEach(route -> out.append("route=").append(route).append(" dev eth0\n"));
        if (written) {
          int[] peers = IntStream.rangeClosed(1, hosts).filter(p -> p != k).toArray();
          out.append(FleetFixture.owned(DROP_IN, dropIn(peers)));
        }
        return new CommandResult(0, out.toString(), "");
      }
      ran.add(command);
      if (failing.isPresent() && command.startsWith(failing.get())) {
        return new CommandResult(2, "", "RTNETLINK answers: Network is unreachable\n");
      }
      if (command.startsWith("ip route replace ")) {
        routes.add(command.substring("ip route replace ".length()));
      } else if (command.startsWith("mkdir -p /etc/systemd/network/eth0.network.d")) {
        written = true;
      }
      return new CommandResult(0, "", "");
    }

    @Override
    public String describe() {
      return "root@" + address(k) + ":22 over SSH";
    }
  }

  static Host host(int k) {
    return new Host(name(k), address(k), "debian", new Connection.Ssh(Optional.empty(), Optional.empty(),
        Optional.empty(), Connection.DEFAULT_SOCKET, SourcePos.NONE), SourcePos.NONE);
  }

  static List<SetupReport> setup(List<FakeHost> fakes) {
    List<Host> hosts = fakes.stream().map(fake -> host(fake.k)).toList();
    Map<String, FakeHost> byName = new java.util.HashMap<>();
    fakes.forEach(fake -> byName.put(name(fake.k), fake));
    return Setup.all("shop", hosts, host -> byName.get(host.name()), 2, report -> { });
  }

  static SetupReport.Line ok(String what, String detail) {
    return new SetupReport.Line(SetupReport.Status.OK, what, detail);
  }

  @Test
  void routesAreAddedOnEveryHostThenFoundInPlaceAndASecondRunChangesNothing() {
    List<FakeHost> fleet = List.of(new FakeHost(1, 2), new FakeHost(2, 2));

    List<SetupReport> first = setup(fleet);

    assertThat(fleet.get(0).ran).containsExactly("ip route replace 10.210.2.0/24 via 10.147.0.12",
        FleetNetworkTest.writeDropIn(2));
    assertThat(fleet.get(0).probes).last().asString().contains("for p in 10.147.0.12; do");
    assertThat(first.get(0).lines()).containsExactly(
        ok("Incus installed", "/usr/bin/incus"),
        ok("Incus daemon running", "Incus 6.0"),
        ok("Incus socket access", "root can read and write /var/lib/incus/unix.socket"),
        ok("storage pool", "default"),
        ok("managed bridge", "cul8erbr0"),
        new SetupReport.Line(SetupReport.Status.CHANGED, "route to 10.210.2.0/24 (web_2's containers)",
            "ip route replace 10.210.2.0/24 via 10.147.0.12"),
        new SetupReport.Line(SetupReport.Status.CHANGED, "keep the routes across reboots: " + DROP_IN,
            HostSetup.shortened(FleetNetworkTest.writeDropIn(2))),
        ok("container subnet", "10.210.1.0/24 on cul8erbr0"),
        ok("IP forwarding", "on"),
        ok("routes", "10.210.2.0/24 via 10.147.0.12 (web_2); persistent (systemd-networkd)"));
    assertThat(first).allMatch(SetupReport::ready);

    List<SetupReport> second = setup(fleet);

    assertThat(second).allMatch(SetupReport::ready).noneMatch(SetupReport::changed);
    assertThat(fleet.get(1).ran).hasSize(2);
  }

  @Test
  void aCommandThatFailsStopsThatHostOnlyAndSaysWhy() {
    FakeHost broken = new FakeHost(1, 2);
    broken.failing = Optional.of("ip route replace");
    List<FakeHost> fleet = List.of(broken, new FakeHost(2, 2));

    List<SetupReport> reports = setup(fleet);

    assertThat(reports.get(0).lines()).last().isEqualTo(new SetupReport.Line(SetupReport.Status.FAILED,
        "route to 10.210.2.0/24 (web_2's containers)", "`ip route replace 10.210.2.0/24 via 10.147.0.12` exited with 2:"
            + " RTNETLINK answers: Network is unreachable"));
    assertThat(broken.ran).hasSize(1);
    assertThat(reports.get(1).ready()).isTrue();
  }

  @Test
  void aHostWhoseProbeFailsIsReportedAndItsPeersSaySo() {
    FakeHost silent = new FakeHost(2, 2);
    silent.probeFails = true;

    List<SetupReport> reports = setup(List.of(new FakeHost(1, 2), silent));

    assertThat(reports.get(1).lines()).last().isEqualTo(new SetupReport.Line(SetupReport.Status.FAILED, "network",
        "Tried to inspect host web_2 (root@10.147.0.12:22 over SSH), but the probe script exited with 255:"
            + " Connection reset by peer"));
    assertThat(reports.get(0).lines()).last().isEqualTo(ok("routes", "none to web_2, which could not be probed"));
    assertThat(silent.ran).isEmpty();
  }

  @Test
  void aSingleHostHasNoNetworkLines() {
    FakeHost alone = new FakeHost(1, 1);

    List<SetupReport> reports = setup(List.of(alone));

    assertThat(reports.get(0).lines()).extracting(SetupReport.Line::what)
        .doesNotContain("container subnet", "IP forwarding", "routes");
    assertThat(alone.ran).isEmpty();
  }
}
