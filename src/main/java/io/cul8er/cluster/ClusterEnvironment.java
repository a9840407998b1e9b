package io.cul8er.cluster;

import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The environment a member's runtime needs to join the others: written into a root-only env file
 * in the instance, which the release's start script sources. Every variable is documented in
 * docs/clustering.md. The secret is in the result in clear (the runtime needs it): {@link
 * #SECRET_VARIABLES} names the variables never to print, log or record.
 */
public final class ClusterEnvironment {
  /** Variables whose value is the cluster's secret. */
  public static final Set<String> SECRET_VARIABLES = Set.of("RELEASE_COOKIE", "CUL8ER_CLUSTER_SECRET");

  private ClusterEnvironment() {}

  /**
   * The environment of {@code self}, one of {@code members} (all of the cluster's members, in
   * order), for the release it runs. {@code secret} is the cluster's cookie, read at deploy time.
   */
  public static Map<String, String> forMember(
      Cluster cluster, Release release, Member self, List<Member> members, Optional<String> secret) {
    if (!members.contains(self)) {
      throw new IllegalArgumentException(
          "cannot write the cluster environment of " + self.instance() + ": it is not one of the "
              + "members of cluster " + cluster.name() + " " + instances(members));
    }
    if (cluster.discovery().runtime() != release.runtime()) {
      throw new IllegalArgumentException(
          "cannot write the cluster environment of " + self.instance() + ": cluster "
              + cluster.name() + " uses " + cluster.discovery().dslName() + " (" + cluster.discovery().runtime()
              + ") but release " + release.name() + " is " + release.runtime());
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CUL8ER_CLUSTER_NAME", cluster.name());
    env.put("CUL8ER_CLUSTER_MEMBER", self.instance());
    env.put("CUL8ER_CLUSTER_BIND", self.address());
    env.put("CUL8ER_CLUSTER_ADDRESSES", join(members, Member::address));
    env.put("CUL8ER_CLUSTER_DNS_NAME", self.dnsName());
    env.put("CUL8ER_CLUSTER_DNS_NAMES", join(members, Member::dnsName));
    if (release.runtime() == Runtime.BEAM) {
      beam(env, release, self, members, secret);
    } else {
      jvm(env, cluster, self, members, secret);
    }
    return Collections.unmodifiableMap(env);
  }

  private static void beam(
      Map<String, String> env, Release release, Member self, List<Member> members, Optional<String> secret) {
    env.put("RELEASE_DISTRIBUTION", "name");
    env.put("RELEASE_NODE", nodeName(release, self));
    secret.ifPresent(s -> env.put("RELEASE_COOKIE", s));
    env.put("ERL_AFLAGS", "-kernel inet_dist_listen_min " + ClusterPorts.BEAM_DISTRIBUTION_MIN
        + " inet_dist_listen_max " + ClusterPorts.BEAM_DISTRIBUTION_MAX);
    env.put("CUL8ER_CLUSTER_PEERS", join(members, m -> nodeName(release, m)));
    env.put("CUL8ER_CLUSTER_BASENAME", release.name());
  }

  private static void jvm(
      Map<String, String> env, Cluster cluster, Member self, List<Member> members, Optional<String> secret) {
    secret.ifPresent(s -> env.put("CUL8ER_CLUSTER_SECRET", s));
    switch (cluster.discovery()) {
      case HAZELCAST_TCP_IP -> {
        env.put("HZ_CLUSTERNAME", cluster.name());
        env.put("HZ_NETWORK_PUBLICADDRESS", self.address() + ":" + ClusterPorts.HAZELCAST);
        env.put("HZ_NETWORK_JOIN_MULTICAST_ENABLED", "false");
        env.put("HZ_NETWORK_JOIN_TCPIP_ENABLED", "true");
        env.put("HZ_NETWORK_JOIN_TCPIP_MEMBERS", hazelcastMembers(members));
      }
      case PEKKO_SEED_NODES ->
          env.put("CUL8ER_CLUSTER_PEKKO_SEED_NODES", join(members, m -> pekkoSeed(cluster, m)));
      default -> { // JGroups.TCPPING
        env.put("CUL8ER_CLUSTER_SEEDS", jgroupsSeeds(members));
        env.put("CUL8ER_CLUSTER_PORT", Integer.toString(ClusterPorts.JGROUPS));
      }
    }
    env.put("CUL8ER_CLUSTER_JAVA_OPTS", javaOptions(cluster, self, members));
  }

  /** The Erlang node name of a member: {@code <release>@<address>}. */
  public static String nodeName(Release release, Member member) {
    return release.name() + "@" + member.address();
  }

  /** JVM system properties that configure the cluster's own library without code in the app. */
  private static String javaOptions(Cluster cluster, Member self, List<Member> members) {
    return switch (cluster.discovery()) {
      case HAZELCAST_TCP_IP -> String.join(" ",
          "-Dhz.cluster-name=" + cluster.name(),
          "-Dhz.network.public-address=" + self.address() + ":" + ClusterPorts.HAZELCAST,
          "-Dhz.network.join.multicast.enabled=false",
          "-Dhz.network.join.tcp-ip.enabled=true",
          "-Dhz.network.join.tcp-ip.members=" + hazelcastMembers(members));
      case PEKKO_SEED_NODES -> pekkoOptions(cluster, self, members);
      default -> String.join(" ", // JGroups.TCPPING
          "-Djgroups.bind_addr=" + self.address(),
          "-Djgroups.tcp.port=" + ClusterPorts.JGROUPS,
          "-Djgroups.tcpping.initial_hosts=" + jgroupsSeeds(members));
    };
  }

  private static String pekkoOptions(Cluster cluster, Member self, List<Member> members) {
    StringBuilder options = new StringBuilder()
        .append("-Dpekko.remote.artery.canonical.hostname=").append(self.address())
        .append(" -Dpekko.remote.artery.canonical.port=").append(ClusterPorts.PEKKO);
    for (int i = 0; i < members.size(); i++) {
      options.append(" -Dpekko.cluster.seed-nodes.").append(i).append('=')
          .append(pekkoSeed(cluster, members.get(i)));
    }
    return options.toString();
  }

  private static String pekkoSeed(Cluster cluster, Member member) {
    return "pekko://" + cluster.name() + "@" + member.address() + ":" + ClusterPorts.PEKKO;
  }

  private static String jgroupsSeeds(List<Member> members) {
    return join(members, m -> m.address() + "[" + ClusterPorts.JGROUPS + "]");
  }

  private static String hazelcastMembers(List<Member> members) {
    return join(members, m -> m.address() + ":" + ClusterPorts.HAZELCAST);
  }

  private static String join(List<Member> members, Function<Member, String> part) {
    return members.stream().map(part).collect(Collectors.joining(","));
  }

  private static List<String> instances(List<Member> members) {
    return members.stream().map(Member::instance).toList();
  }
}
