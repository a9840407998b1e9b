package io.cul8er.cluster;

import static io.cul8er.cluster.Clusters.ONE;
import static io.cul8er.cluster.Clusters.cluster;
import static io.cul8er.cluster.Clusters.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.Runtime;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MembershipProbesTest {

  @Test
  void beamDefaultRunsTheReleasesRpcCommandPrintingConnectedNodes() {
    ProbeSpec probe = MembershipProbes.of(cluster("c", Discovery.EPMD), release("hello_beam", Runtime.BEAM));

    assertThat(probe).isEqualTo(new ProbeSpec.Exec(List.of("bin/hello_beam", "rpc",
        "IO.puts(Enum.map_join(Node.list(), \",\", &Atom.to_string/1))")));
  }

  @Test
  void jvmDefaultAsksTheMembersClusterEndpointOnItsOwnAddress() {
    ProbeSpec probe = MembershipProbes.of(cluster("c", Discovery.JGROUPS_TCPPING), release("a", Runtime.JVM));

    assertThat(probe).isEqualTo(new ProbeSpec.Http(URI.create("http://localhost:8080/cluster")));
    assertThat(((ProbeSpec.Http) probe).urlFor(ONE)).isEqualTo(URI.create("http://10.147.0.11:8080/cluster"));
  }

  @Test
  void aProbeSetInTheDslWins() {
    ProbeSpec command = MembershipProbes.of(
        cluster("c", Discovery.EPMD, Optional.of(new Cluster.MembershipProbe.Command("bin/a rpc 'IO.inspect(Node.list())'"))),
        release("a", Runtime.BEAM));
    ProbeSpec endpoint = MembershipProbes.of(
        cluster("c", Discovery.HAZELCAST_TCP_IP,
            Optional.of(new Cluster.MembershipProbe.Endpoint("http://127.0.0.1:5701/hazelcast/rest/cluster?x=1"))),
        release("a", Runtime.JVM));

    assertThat(command).isEqualTo(new ProbeSpec.Exec(List.of("sh", "-c", "bin/a rpc 'IO.inspect(Node.list())'")));
    assertThat(((ProbeSpec.Http) endpoint).urlFor(ONE))
        .isEqualTo(URI.create("http://10.147.0.11:5701/hazelcast/rest/cluster?x=1"));
  }

  @Test
  void anEndpointOnAnotherHostIsUsedAsWritten() {
    ProbeSpec.Http probe = ProbeSpec.Http.parse("https://members.example/cluster");

    assertThat(probe.urlFor(ONE)).isEqualTo(URI.create("https://members.example/cluster"));
  }

  @Test
  void refusesWhatIsNotAProbe() {
    assertThatThrownBy(() -> ProbeSpec.Http.parse("ftp://x/cluster"))
        .hasMessage("membership probe endpoint 'ftp://x/cluster' is not an http:// URL with a host");
    assertThatThrownBy(() -> ProbeSpec.Http.parse("http://a b/"))
        .hasMessageStartingWith("membership probe endpoint 'http://a b/' is not a URL: Illegal character");
    assertThatThrownBy(() -> new ProbeSpec.Exec(List.of()))
        .hasMessage("a membership probe command cannot be empty");
  }
}
