package io.cul8er.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the host edge names what it serves: frontends and backends carry their topology. */
class EdgeNamingTest {

  @Test
  void aServiceOfATopologyCarriesItsNameInItsFrontendAndBackend() {
    EdgeService web = EdgeService.http("web_8080", 8080).inTopology("shop");

    assertThat(web.topology()).contains("shop");
    assertThat(web.frontendName()).isEqualTo("fe_shop__web_8080");
    assertThat(web.backendName()).isEqualTo("be_shop__web_8080");
    assertThat(web.withServers(List.of()).backendName()).as("kept by the with- methods").isEqualTo("be_shop__web_8080");
    assertThat(EdgeService.http("web_8080", 8080).backendName()).as("no topology").isEqualTo("be_web_8080");
  }

  @Test
  void aFragmentGivesItsTopologyToItsServicesAndRefusesAnotherTopologysService() {
    Fragment shop = new Fragment("shop", List.of(EdgeService.http("web_8080", 8080)));

    assertThat(shop.services()).extracting(EdgeService::topology).containsExactly(Optional.of("shop"));
    assertThat(shop.publicPorts()).containsExactly(8080);
    assertThatThrownBy(() -> new Fragment("shop", List.of(EdgeService.http("web_80", 80).inTopology("blog"))))
        .hasMessage("service web_80 belongs to topology blog, not to shop");
    assertThatThrownBy(() -> new Fragment("shop", List.of(EdgeService.http("a_80", 80), EdgeService.http("b_80", 80))))
        .hasMessage("topology shop exposes public port 80 twice");
    assertThatThrownBy(() -> new Fragment("shop", List.of(EdgeService.http("web", 80), EdgeService.http("web", 81))))
        .hasMessage("topology shop has two services named web");
  }

  @Test
  void tooLongANameIsRefusedNamingTopologyServiceAndLength() {
    String topology = "t".repeat(52);
    assertThat(EdgeService.http("web_8080", 8080).inTopology("t".repeat(51)).backendName()).hasSize(64);

    assertThatThrownBy(() -> EdgeService.http("web_8080", 8080).inTopology(topology))
        .hasMessage("the HAProxy frontend name 'fe_" + topology + "__web_8080' of topology " + topology
            + "'s service web_8080 is 65 characters long, more than HAProxy names may have here (64):"
            + " shorten the topology or the resource name");
  }

  @Test
  void topologyNamesMustBeUsableInNamesAndFileNames() {
    assertThat(EdgeNames.topology("my-shop_2")).isEqualTo("my-shop_2");
    assertThatThrownBy(() -> EdgeNames.topology("a__b"))
        .hasMessage("topology name 'a__b' is not usable by the host edge: use 1 to 64 letters, digits, '_' or '-',"
            + " without '__' (it separates the topology from the service in HAProxy names)");
    assertThatThrownBy(() -> EdgeNames.topology("..")).hasMessageStartingWith("topology name '..' is not usable");
    assertThatThrownBy(() -> EdgeNames.topology("a/b")).hasMessageStartingWith("topology name 'a/b' is not usable");
  }
}
