package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.HaproxyUnreachableException;
import io.cul8er.edge.RuntimeApi;
import io.cul8er.model.Topology;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeLogReaderTest {
  private static final Topology SHOP = Dsl.parse("shop.cul8", """
      topology :shop do
        host :local do
          address "localhost"
          platform :debian
        end
        host :web_2 do
          address "10.0.1.21"
          platform :debian
          ssh user: "deploy"
        end
        resource :app, on: [:local, :web_2] do
          from_image "cul8er/debian12"
          replicas 2
          network do
            expose port: 4000, as: 8080, protocol: :http
          end
          deploy release: :app, version: "1.0.0"
        end
      end
      """).topologies().get(0);

  @Test
  void readsTheLastLinesOfEachEdgesRingAndNamesAnEdgeItCannotRead() {
    List<String> asked = new ArrayList<>();
    RuntimeApi local = command -> {
      asked.add(command.line());
      return "line 1\nline 2\nline 3\n\n";
    };
    RuntimeApi web2 = command -> {
      throw new HaproxyUnreachableException("the edge of web_2 (deploy@10.0.1.21:22) did not answer");
    };
    List<String> unreadable = new ArrayList<>();

    Map<String, List<String>> logs = new EdgeLogReader(SHOP, host -> edge(host.equals("local") ? local : web2))
        .read(2, unreadable);

    assertThat(asked).containsExactly("show events log_shop");
    assertThat(logs).isEqualTo(Map.of("this machine", List.of("line 2", "line 3")));
    assertThat(unreadable).containsExactly("cannot read the access log of topology shop on the edge of web_2:"
        + " the edge of web_2 (deploy@10.0.1.21:22) did not answer");
  }

  @Test
  void aPortSharedByNameAddsTheLinesOfTheTopologysOwnBackendsFromThatPortsRingInTimeOrder() {
    Topology shared = Dsl.parse("shop.cul8", """
        topology :shop do
          host :local do
            address "localhost"
            platform :debian
          end
          resource :app, on: [:local] do
            from_image "cul8er/debian12"
            network do
              expose port: 4000, as: 8443, protocol: :https, domains: ["shop.test"]
            end
            deploy release: :app, version: "1.0.0"
          end
        end
        """).topologies().get(0);
    Map<String, String> rings = Map.of(
        "show events log_shop", "2026-12-07T10:00:02.000000+00:00 own line\n",
        "show events log_port_8443", """
            2026-12-07T10:00:01.000000+00:00 fe_port_8443~ be_shop__app_8443/shop-app-1 200 first
            2026-12-07T10:00:03.000000+00:00 fe_port_8443~ be_blog__app_8443/blog-app-1 200 not ours
            2026-12-07T10:00:04.000000+00:00 fe_port_8443~ be_shop__app_8443/shop-app-1 200 last
            """);
    List<String> asked = new ArrayList<>();
    RuntimeApi local = command -> {
      asked.add(command.line());
      return rings.get(command.line());
    };

    Map<String, List<String>> logs = new EdgeLogReader(shared, host -> edge(local)).read(10, new ArrayList<>());

    assertThat(asked).containsExactly("show events log_shop", "show events log_port_8443");
    assertThat(logs.get("this machine")).containsExactly(
        "2026-12-07T10:00:01.000000+00:00 fe_port_8443~ be_shop__app_8443/shop-app-1 200 first",
        "2026-12-07T10:00:02.000000+00:00 own line",
        "2026-12-07T10:00:04.000000+00:00 fe_port_8443~ be_shop__app_8443/shop-app-1 200 last");
  }

  /** An edge host whose only working part is its Runtime API. */
  private static EdgeHost edge(RuntimeApi api) {
    Edge runtime = new Edge(api);
    return (EdgeHost) Proxy.newProxyInstance(EdgeHost.class.getClassLoader(), new Class<?>[] {EdgeHost.class},
        (proxy, method, args) -> {
          if (method.getName().equals("runtime")) {
            return runtime;
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
