package io.cul8er.engine;

import io.cul8er.cluster.ClusterEnvironment;
import io.cul8er.cluster.Member;
import io.cul8er.model.Cluster;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.release.ReleaseLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of a topology's clusters (every desired instance of a node resource that has an
 * address), and the environment file each release is started with: the cluster settings of
 * {@link ClusterEnvironment}, the cookie read from its source at deploy time, and the file's own
 * path for scripts that source it again ({@code CUL8ER_ENV_FILE}).
 */
final class ClusterMembers {
  static final String ENV_FILE_VARIABLE = "CUL8ER_ENV_FILE";

  private final Topology topology;
  private final Secrets secrets;
  private final Map<String, List<Member>> byCluster = new LinkedHashMap<>();

  ClusterMembers(Topology topology, Secrets secrets, List<InstanceSpec> specs, Map<String, String> addresses) {
    this.topology = topology;
    this.secrets = secrets;
    for (Cluster cluster : topology.clusters()) {
      List<Member> members = new ArrayList<>();
      specs.stream()
          .filter(spec -> cluster.nodes().contains(spec.resource()))
          .sorted(Comparator.comparing(InstanceSpec::instanceName))
          .forEach(spec -> Optional.ofNullable(addresses.get(spec.instanceName()))
              .ifPresent(address -> members.add(new Member(spec.instanceName(), address))));
      byCluster.put(cluster.name(), List.copyOf(members));
    }
  }

  List<Member> members(Cluster cluster) {
    return byCluster.getOrDefault(cluster.name(), List.of());
  }

  /** The environment file of {@code instance} (a replica of {@code resource}) running {@code release}. */
  Map<String, String> environment(String resource, String instance, Release release) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Cluster cluster : topology.clusters()) {
      if (!cluster.nodes().contains(resource)) {
        continue;
      }
      List<Member> members = members(cluster);
      members.stream().filter(m -> m.instance().equals(instance)).findFirst().ifPresent(self ->
          env.putAll(ClusterEnvironment.forMember(cluster, release, self, members, cookie(cluster))));
    }
    env.put(ENV_FILE_VARIABLE, ReleaseLayout.of(release).envFile());
    return env;
  }

  private Optional<String> cookie(Cluster cluster) {
    return cluster.cookie().map(ref -> secrets.value("cluster " + cluster.name(), "cookie", ref));
  }
}
