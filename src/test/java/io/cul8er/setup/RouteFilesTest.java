package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.network.Cidr;
import io.cul8er.network.NetworkFacts;
import io.cul8er.setup.RouteFiles.OwnedRoute;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteFilesTest {
  static Cidr cidr(String text) {
    return Cidr.parse(text).orElseThrow();
  }

  @Test
  void readsTheRoutesEveryKindOfFileLists() {
    NetworkFacts.OwnedFile dropIn = new NetworkFacts.OwnedFile(FleetFixture.DROP_IN,
        FleetFixture.dropIn(2, 3).lines().toList());
    NetworkFacts.OwnedFile hook = new NetworkFacts.OwnedFile("/etc/network/if-up.d/cul8er-routes-shop", List.of(
        "#!/bin/sh", "add() { ... }", "add eth0 10.210.2.0/24 10.147.0.12 # host web_2", "add eth1 junk 10.0.0.1 # host x"));

    assertThat(RouteFiles.routes(dropIn)).containsExactly(new OwnedRoute(cidr("10.210.2.0/24"), "10.147.0.12", "web_2"),
        new OwnedRoute(cidr("10.210.3.0/24"), "10.147.0.13", "web_3"));
    assertThat(RouteFiles.routes(hook)).containsExactly(new OwnedRoute(cidr("10.210.2.0/24"), "10.147.0.12", "web_2"));
  }

  @Test
  void eachTopologyHasItsOwnFiles() {
    assertThat(RouteFiles.topologyOf(FleetFixture.DROP_IN)).contains("shop");
    assertThat(RouteFiles.topologyOf("/etc/network/if-up.d/cul8er-routes-my_blog")).contains("my_blog");
    assertThat(RouteFiles.topologyOf("/var/lib/cul8er/routes-shop.sh")).contains("shop");
    assertThat(RouteFiles.topologyOf("/etc/network/if-up.d/ethtool")).isEqualTo(Optional.empty());
    assertThat(RouteFiles.ownedBy("shop", "/var/lib/cul8er/routes-shop.sh")).isTrue();
    assertThat(RouteFiles.ownedBy("shop", "/var/lib/cul8er/routes-blog.sh")).isFalse();
    assertThat(RouteFiles.networkdPath("shop", "/run/systemd/network/10-netplan-eth0.network"))
        .isEqualTo("/etc/systemd/network/10-netplan-eth0.network.d/cul8er-routes-shop.conf");
  }

  @Test
  void writingReplacesEachFileAtOnceAndDeletesTheOnesNoLongerNeeded() {
    assertThat(RouteFiles.write(java.util.Map.of("/var/lib/cul8er/routes-shop.sh", List.of("#!/bin/sh", "it's")),
        List.of("/etc/network/if-up.d/cul8er-routes-shop")))
        .isEqualTo("mkdir -p /var/lib/cul8er && printf '%s\\n' '#!/bin/sh' 'it'\\''s' > /var/lib/cul8er/routes-shop.sh.new"
            + " && chmod 755 /var/lib/cul8er/routes-shop.sh.new && mv /var/lib/cul8er/routes-shop.sh.new"
            + " /var/lib/cul8er/routes-shop.sh && rm -f /etc/network/if-up.d/cul8er-routes-shop");
  }
}
