package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

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
}
