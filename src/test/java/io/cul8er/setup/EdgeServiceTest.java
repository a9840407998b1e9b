package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.network.ShellQuote;
import org.junit.jupiter.api.Test;

class EdgeServiceTest {
  @Test
  void theServiceRunsUnprivilegedInTheDeployGroupAndMayBindLowPortsOnly() {
    String unit = EdgeService.unit("incus-admin");

    assertThat(unit.lines()).contains(
        "User=cul8er-edge",
        "Group=incus-admin",
        "UMask=0007",
        "RuntimeDirectory=cul8er-edge",
        "RuntimeDirectoryMode=0770",
        "AmbientCapabilities=CAP_NET_BIND_SERVICE",
        "CapabilityBoundingSet=CAP_NET_BIND_SERVICE",
        "NoNewPrivileges=yes",
        "ExecStart=/usr/sbin/haproxy -Ws -f /var/lib/cul8er/edge/haproxy.cfg -p /run/cul8er-edge/haproxy.pid"
            + " -S /run/cul8er-edge/master.sock,mode,660",
        "Restart=always",
        "WantedBy=multi-user.target");
  }

  @Test
  void theUnitHashChangesWithTheGroup() {
    assertThat(EdgeService.unitHash("incus-admin")).hasSize(16).isEqualTo(EdgeService.unitHash("incus-admin"))
        .isNotEqualTo(EdgeService.unitHash("deployers"));
  }

  @Test
  void installKeepsAConfigurationThatServesTopologiesAndRestartsOnlyForAChangedUnit() {
    String install = EdgeService.install("incus-admin");

    assertThat(install)
        .startsWith("(getent passwd cul8er-edge >/dev/null || useradd --system")
        .contains("install -d -o root -g incus-admin -m 2770 /var/lib/cul8er/edge /var/lib/cul8er/edge/topologies.d")
        .contains("([ -e /var/lib/cul8er/edge/haproxy.cfg ] || printf %s ")
        .contains("stats socket /run/cul8er-edge/admin.sock mode 660 level admin expose-fd listeners")
        .contains("(cmp -s /etc/systemd/system/cul8er-edge.service.new /etc/systemd/system/cul8er-edge.service")
        .endsWith("systemctl enable --now cul8er-edge");
  }

  @Test
  void theProbeSaysWhereHaproxyIsWhichUnitIsInstalledAndWhetherItRuns() {
    assertThat(EdgeService.probe()).contains("echo \"edge_haproxy=", "echo \"edge_unit=$(sha256sum"
        + " /etc/systemd/system/cul8er-edge.service | cut -c1-16)\"", "systemctl is-active --quiet cul8er-edge");
  }

  private static final HostFacts READY = SetupPlannerTest.READY;

  @Test
  void aRunningCurrentServiceIsFine() {
    EdgeFacts edge = new EdgeFacts(java.util.Optional.of("/usr/sbin/haproxy"), EdgeService.unitHash("incus-admin"), true);

    assertThat(SetupPlanner.plan("debian", READY, java.util.Optional.of(edge))).last().isEqualTo(
        new SetupStep.Ok("edge service cul8er-edge", "running (HAProxy /usr/sbin/haproxy, group incus-admin)"));
  }

  @Test
  void aHostWithoutHaproxyGetsItFromItsPackagesThenTheService() {
    EdgeFacts edge = new EdgeFacts(java.util.Optional.empty(), "", false);

    assertThat(SetupPlanner.plan("debian", READY, java.util.Optional.of(edge))).last().isEqualTo(new SetupStep.Run(
        "install HAProxy and the edge service cul8er-edge", "apt-get update && DEBIAN_FRONTEND=noninteractive"
            + " apt-get install -y haproxy && " + EdgeService.install("incus-admin")));
    assertThat(SetupPlanner.plan("alpine", READY, java.util.Optional.of(edge))).last().isEqualTo(new SetupStep.Manual(
        "edge service cul8er-edge", "HAProxy is not installed and installing it is not automated on alpine; install"
            + " the haproxy package, then run setup again"));
  }

  @Test
  void anOutdatedOrStoppedServiceIsInstalledAgainAsRootOrThroughSudo() {
    EdgeFacts outdated = new EdgeFacts(java.util.Optional.of("/usr/sbin/haproxy"), "0123456789abcdef", true);
    EdgeFacts stopped = new EdgeFacts(java.util.Optional.of("/usr/sbin/haproxy"), EdgeService.unitHash("incus-admin"),
        false);
    HostFacts sudoer = SetupPlannerTest.facts(false, true, "debian", "bookworm", "12", "/usr/bin/incus", "Incus 6.0.4",
        java.util.List.of("default"), java.util.List.of("incusbr0"));

    assertThat(SetupPlanner.plan("debian", READY, java.util.Optional.of(outdated))).last()
        .isEqualTo(new SetupStep.Run("update the edge service cul8er-edge", EdgeService.install("incus-admin")));
    assertThat(SetupPlanner.plan("debian", sudoer, java.util.Optional.of(stopped))).last().isEqualTo(new SetupStep.Run(
        "install and start the edge service cul8er-edge", "sudo -n sh -c "
            + ShellQuote.quote(EdgeService.install("incus-admin"))));
  }

  @Test
  void theEdgeWaitsForIncusToBeReadyAndHostsWithoutAnEdgeGetNone() {
    HostFacts bare = SetupPlannerTest.facts(true, false, "debian", "bookworm", "12", null, null, java.util.List.of(),
        java.util.List.of());
    EdgeFacts none = new EdgeFacts(java.util.Optional.empty(), "", false);

    assertThat(SetupPlanner.plan("debian", bare, java.util.Optional.of(none))).extracting(SetupStep::what)
        .containsExactly("install Incus");
    assertThat(SetupPlanner.plan("debian", READY)).extracting(SetupStep::what).doesNotContain("edge service cul8er-edge");
  }

  @Test
  void theProbesEdgeLinesAreRead() {
    assertThat(EdgeFacts.parse("uid=0\nedge_haproxy=/usr/sbin/haproxy\nedge_unit=abc\nedge_active=yes\n"))
        .isEqualTo(new EdgeFacts(java.util.Optional.of("/usr/sbin/haproxy"), "abc", true));
    assertThat(EdgeFacts.parse("edge_haproxy=\n")).isEqualTo(new EdgeFacts(java.util.Optional.empty(), "", false));
  }

  @Test
  void theReportShowsALongCommandByItsStartAndLength() {
    String install = EdgeService.install("incus-admin");

    assertThat(HostSetup.shortened("incus admin init --auto")).isEqualTo("incus admin init --auto");
    assertThat(HostSetup.shortened(install)).isEqualTo(install.substring(0, 160) + " ... (" + install.length()
        + " characters)");
  }
}
