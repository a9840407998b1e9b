package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.edge.Edge;
import io.cul8er.edge.EdgeCertificates;
import io.cul8er.edge.EdgeChange;
import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.EdgeObservation;
import io.cul8er.edge.EdgeServer;
import io.cul8er.edge.EdgeService;
import io.cul8er.edge.Fragment;
import io.cul8er.edge.PortClaim;
import io.cul8er.edge.PortProblem;
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The edge's part as a deploy killed during a canary leaves it (other hosts' instances no longer
 * backups) is read as other balance than the topology's, port by port; as written, it is not.
 */
class EdgeBalanceDriftTest {
  private static final String TOPOLOGY = "topology :shop do\n" + host(1) + host(2) + app(1) + app(2) + "end\n";

  private static String host(int n) {
    return "  host :web_# do\n    address \"10.0.0.1#\"\n    platform :debian\n    ssh user: \"deploy\"\n  end\n"
        .replace("#", String.valueOf(n));
  }

  /** app_# on web_#, balanced BALANCE. */
  private static String app(int n) {
    return ("  resource :app_#, type: :container, on: :web_# do\n    from_image \"cul8er/debian12-jvm\"\n"
        + "    network do\n      expose port: 4000, as: 8080, protocol: :http, balance: BALANCE\n    end\n"
        + "    deploy release: :shop, version: \"1.0.0\"\n  end\n").replace("#", String.valueOf(n));
  }

  @Test
  void localFirstWantsTheOtherHostsInstanceAsABackupOnEachEdge() {
    Topology topology = topology(":local_first");
    assertThat(otherBalance(topology, part(topology, false, true), "web_1")).isEmpty();
    assertThat(otherBalance(topology, part(topology, true, false), "web_2")).isEmpty();
    assertThat(otherBalance(topology, part(topology, false, false), "web_1")).containsExactly(8080);
    assertThat(otherBalance(topology, part(topology, false, false), "web_2")).containsExactly(8080);
    assertThat(otherBalance(topology, part(topology, true, true), "web_1")).containsExactly(8080);
  }

  @Test
  void fleetWantsNoBackup() {
    Topology topology = topology(":fleet");
    assertThat(otherBalance(topology, part(topology, false, false), "web_2")).isEmpty();
    assertThat(otherBalance(topology, part(topology, true, false), "web_2")).containsExactly(8080);
  }

  private static Topology topology(String balance) {
    return Dsl.parse("shop.cul8", TOPOLOGY.replace("BALANCE", balance)).topology("shop").orElseThrow();
  }

  /** The topology's part of an edge, with each instance's server a backup or not. */
  private static List<EdgeService> part(Topology topology, boolean app1Backup, boolean app2Backup) {
    EdgeService service = EdgeServices.services(topology, Map.of(
        "app_1", Map.of("shop-app_1", "10.1.0.5"), "app_2", Map.of("shop-app_2", "10.2.0.5"))).get(0);
    return List.of(new EdgeService(service.topology(), service.name(), service.bindAddress(), service.publicPort(),
        service.mode(), service.probe(), service.timing(),
        service.servers().stream().map(s -> new EdgeServer(s.name(), s.address(), s.port(), s.weight(),
            s.name().equals("shop-app_1") ? app1Backup : app2Backup)).toList(),
        service.tls(), service.domains(), service.maintenance(), service.limits()));
  }

  private static Set<Integer> otherBalance(Topology topology, List<EdgeService> part, String host) {
    Observation observed = Observation.of(List.of(instance("shop-app_1", "web_1"), instance("shop-app_2", "web_2")));
    DesiredState desired = new DesiredState("shop", List.of(), Map.of());
    Observation read = new EdgeObserver(topology, h -> new PartOnly(new Fragment("shop", part))).observe(desired, observed);
    return read.edges().get(host).otherBalance();
  }

  private static ObservedInstance instance(String name, String host) {
    return new ObservedInstance(name, host, InstanceType.CONTAINER, "Running", Map.of(), Map.of(), List.of("default"),
        List.of("10.1.0.5"));
  }

  /** An edge that runs and holds only the topology's part. */
  private record PartOnly(Fragment fragment) implements EdgeHost {
    @Override
    public String describe() {
      return "a test edge";
    }

    @Override
    public EdgeChange apply(String topology, List<EdgeService> services) {
      throw new UnsupportedOperationException();
    }

    @Override
    public EdgeChange apply(String topology, List<EdgeService> services, EdgeCertificates certificates) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String topology) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Edge runtime() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean running() {
      return true;
    }

    @Override
    public EdgeObservation observe() {
      return new EdgeObservation(true, Optional.of(1L), Set.of(8080), List.of(), Optional.empty());
    }

    @Override
    public Optional<Fragment> fragment(String topology) {
      return Optional.of(fragment);
    }

    @Override
    public List<PortProblem> claimProblems(String topology, List<PortClaim> claims) {
      return List.of();
    }
  }
}
