package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.Host;
import io.cul8er.model.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which hosts' routes a plan reads: those whose containers talk to another host's. */
class RouteCheckTest {
  private static Topology parse(String text) {
    return Dsl.parse("t.cul8", text).topologies().get(0);
  }

  private static final String HOSTS = """
        host :web_1 do
          address "10.0.1.21"
          platform :debian
        end
        host :web_2 do
          address "10.0.1.22"
          platform :debian
        end
        host :db do
          address "10.0.1.30"
          platform :debian
        end
      """;

  private static String app(String name, String on, String release, boolean exposed) {
    return "  resource :" + name + ", type: :container, on: " + on + " do\n    from_image \"cul8er/debian12\"\n"
        + "    deploy release: :" + release + ", version: \"1.0.0\"\n"
        + (exposed ? "    network do\n      expose port: 8080, as: 80, protocol: :http\n    end\n" : "") + "  end\n";
  }

  private static List<String> names(Topology topology) {
    return RouteCheck.hostsThatTalk(topology).stream().map(Host::name).toList();
  }

  @Test
  void theGuidesProductionExampleReadsTheWebHostsWhoseEdgesShareTheRelease() {
    Topology production = Dsl.parse(List.of(Path.of("src/test/resources/dsl/guide/production-complete.cul8")))
        .topology("production").orElseThrow();

    assertThat(names(production)).containsExactly("web_1", "web_2");
  }

  @Test
  void oneReleaseExposedOnTwoHostsNeedsRoutesBetweenThem() {
    assertThat(names(parse("topology :t do\n" + HOSTS + app("a", "[:web_1, :web_2]", "shop", true) + "end\n")))
        .containsExactly("web_1", "web_2");
    assertThat(names(parse("topology :t do\n" + HOSTS + app("a", ":web_1", "shop", true)
        + app("b", ":web_2", "shop", true) + "end\n"))).containsExactly("web_1", "web_2");
  }

  @Test
  void separateReleasesAndUnexposedOnesNeedNone() {
    assertThat(names(parse("topology :t do\n" + HOSTS + app("a", ":web_1", "shop", true)
        + app("b", ":web_2", "blog", true) + app("c", "[:web_1, :db]", "batch", false) + "end\n"))).isEmpty();
  }

  @Test
  void aClusterAcrossHostsNeedsRoutesBetweenItsMembersHosts() {
    assertThat(names(parse("topology :t do\n" + HOSTS + app("node", "[:web_2, :db]", "kv", false)
        + "  cluster :kv do\n    nodes [:node]\n    discovery strategy: Cluster.Strategy.Epmd\n  end\nend\n"))).containsExactly("web_2", "db");
  }
}
