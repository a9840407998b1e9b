package io.cul8er.cluster;

import static io.cul8er.cluster.Clusters.MEMBERS;
import static io.cul8er.cluster.Clusters.ONE;
import static io.cul8er.cluster.Clusters.TWO;
import static io.cul8er.cluster.Clusters.cluster;
import static io.cul8er.cluster.Clusters.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.cul8er.model.Discovery;
import io.cul8er.model.Runtime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterEnvironmentTest {

  @Test
  void beamMemberGetsItsNodeNameCookiePortRangeAndTheEpmdHostsOfAllMembers() {
    Map<String, String> env = ClusterEnvironment.forMember(
        cluster("beam", Discovery.EPMD), release("hello_beam", Runtime.BEAM), TWO, MEMBERS,
        Optional.of("s3cret"));

    assertThat(env).containsExactly(
        entry("CUL8ER_CLUSTER_NAME", "beam"),
        entry("CUL8ER_CLUSTER_MEMBER", "app-2"),
        entry("CUL8ER_CLUSTER_BIND", "10.147.0.12"),
        entry("CUL8ER_CLUSTER_ADDRESSES", "10.147.0.11,10.147.0.12,10.147.0.13"),
        entry("CUL8ER_CLUSTER_DNS_NAME", "app-2.incus"),
        entry("CUL8ER_CLUSTER_DNS_NAMES", "app-1.incus,app-2.incus,app-3.incus"),
        entry("RELEASE_DISTRIBUTION", "name"),
        entry("RELEASE_NODE", "hello_beam@10.147.0.12"),
        entry("RELEASE_COOKIE", "s3cret"),
        entry("ERL_AFLAGS", "-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9155"),
        entry("CUL8ER_CLUSTER_PEERS",
            "hello_beam@10.147.0.11,hello_beam@10.147.0.12,hello_beam@10.147.0.13"),
        entry("CUL8ER_CLUSTER_BASENAME", "hello_beam"));
  }

  @Test
  void withoutASecretNoCookieIsWritten() {
    Map<String, String> beam = ClusterEnvironment.forMember(
        cluster("beam", Discovery.DNS_POLL), release("a", Runtime.BEAM), ONE, MEMBERS, Optional.empty());
    Map<String, String> jvm = ClusterEnvironment.forMember(
        cluster("jvm", Discovery.JGROUPS_TCPPING), release("b", Runtime.JVM), ONE, MEMBERS, Optional.empty());

    assertThat(beam).doesNotContainKey("RELEASE_COOKIE").containsEntry("RELEASE_NODE", "a@10.147.0.11");
    assertThat(jvm).doesNotContainKeys(ClusterEnvironment.SECRET_VARIABLES.toArray(String[]::new));
  }

  @Test
  void jgroupsMemberGetsTcppingSeedsBindAddressAndSecret() {
    Map<String, String> env = ClusterEnvironment.forMember(
        cluster("jvm", Discovery.JGROUPS_TCPPING), release("hello-cluster", Runtime.JVM), ONE,
        List.of(ONE, TWO), Optional.of("pw"));

    assertThat(env).containsExactly(
        entry("CUL8ER_CLUSTER_NAME", "jvm"),
        entry("CUL8ER_CLUSTER_MEMBER", "app-1"),
        entry("CUL8ER_CLUSTER_BIND", "10.147.0.11"),
        entry("CUL8ER_CLUSTER_ADDRESSES", "10.147.0.11,10.147.0.12"),
        entry("CUL8ER_CLUSTER_DNS_NAME", "app-1.incus"),
        entry("CUL8ER_CLUSTER_DNS_NAMES", "app-1.incus,app-2.incus"),
        entry("CUL8ER_CLUSTER_SECRET", "pw"),
        entry("CUL8ER_CLUSTER_SEEDS", "10.147.0.11[7800],10.147.0.12[7800]"),
        entry("CUL8ER_CLUSTER_PORT", "7800"),
        entry("CUL8ER_CLUSTER_JAVA_OPTS", "-Djgroups.bind_addr=10.147.0.11 -Djgroups.tcp.port=7800 "
            + "-Djgroups.tcpping.initial_hosts=10.147.0.11[7800],10.147.0.12[7800]"));
  }

  @Test
  void hazelcastMemberGetsItsOwnEnvironmentOverridesAndSystemProperties() {
    Map<String, String> env = ClusterEnvironment.forMember(
        cluster("hz", Discovery.HAZELCAST_TCP_IP), release("orders", Runtime.JVM), TWO,
        List.of(ONE, TWO), Optional.empty());

    assertThat(env)
        .containsEntry("CUL8ER_CLUSTER_JAVA_OPTS", "-Dhz.cluster-name=hz "
            + "-Dhz.network.public-address=10.147.0.12:5701 -Dhz.network.join.multicast.enabled=false "
            + "-Dhz.network.join.tcp-ip.enabled=true "
            + "-Dhz.network.join.tcp-ip.members=10.147.0.11:5701,10.147.0.12:5701")
        .containsEntry("HZ_CLUSTERNAME", "hz")
        .containsEntry("HZ_NETWORK_PUBLICADDRESS", "10.147.0.12:5701")
        .containsEntry("HZ_NETWORK_JOIN_MULTICAST_ENABLED", "false")
        .containsEntry("HZ_NETWORK_JOIN_TCPIP_ENABLED", "true")
        .containsEntry("HZ_NETWORK_JOIN_TCPIP_MEMBERS", "10.147.0.11:5701,10.147.0.12:5701")
        .doesNotContainKeys("CUL8ER_CLUSTER_PEKKO_SEED_NODES", "CUL8ER_CLUSTER_SEEDS", "CUL8ER_CLUSTER_PORT");
  }

  @Test
  void pekkoMemberGetsSeedNodesNamedAfterTheCluster() {
    Map<String, String> env = ClusterEnvironment.forMember(
        cluster("orders", Discovery.PEKKO_SEED_NODES), release("orders", Runtime.JVM), ONE,
        List.of(ONE, TWO), Optional.empty());

    assertThat(env)
        .containsEntry("CUL8ER_CLUSTER_PEKKO_SEED_NODES",
            "pekko://orders@10.147.0.11:7355,pekko://orders@10.147.0.12:7355")
        .containsEntry("CUL8ER_CLUSTER_JAVA_OPTS", "-Dpekko.remote.artery.canonical.hostname=10.147.0.11 "
            + "-Dpekko.remote.artery.canonical.port=7355 "
            + "-Dpekko.cluster.seed-nodes.0=pekko://orders@10.147.0.11:7355 "
            + "-Dpekko.cluster.seed-nodes.1=pekko://orders@10.147.0.12:7355")
        .doesNotContainKeys("HZ_NETWORK_JOIN_TCPIP_MEMBERS", "CUL8ER_CLUSTER_SEEDS", "CUL8ER_CLUSTER_PORT");
  }

  @Test
  void theResultCannotBeChanged() {
    Map<String, String> env = ClusterEnvironment.forMember(
        cluster("c", Discovery.EPMD), release("a", Runtime.BEAM), ONE, MEMBERS, Optional.empty());

    assertThatThrownBy(() -> env.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAMemberOutsideTheClusterAndARuntimeTheStrategyDoesNotServe() {
    assertThatThrownBy(() -> ClusterEnvironment.forMember(cluster("c", Discovery.EPMD),
            release("a", Runtime.BEAM), new Member("app-9", "10.0.0.9"), MEMBERS, Optional.empty()))
        .hasMessage("cannot write the cluster environment of app-9: it is not one of the members of "
            + "cluster c [app-1, app-2, app-3]");
    assertThatThrownBy(() -> ClusterEnvironment.forMember(cluster("c", Discovery.EPMD),
            release("a", Runtime.JVM), ONE, MEMBERS, Optional.empty()))
        .hasMessage("cannot write the cluster environment of app-1: cluster c uses "
            + "Cluster.Strategy.Epmd (BEAM) but release a is JVM");
  }

  @Test
  void aMemberNeedsANameAndAnAddress() {
    assertThatThrownBy(() -> new Member(" ", "10.0.0.1"))
        .hasMessage("a cluster member needs an instance name");
    assertThatThrownBy(() -> new Member("app-1", ""))
        .hasMessage("cluster member app-1 has no address");
  }
}
