package io.cul8er.engine;

import io.cul8er.cluster.ClusterEnvironment;
import io.cul8er.cluster.Member;
import io.cul8er.model.Cluster;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Release;
import io.cul8er.model.Topology;
import io.cul8er.release.ReleaseLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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
  /** Instance name to resource name, in name order. */
  private final SortedMap<String, String> nodes;
  private final Map<String, String> addresses;

  /**
   * {@code addresses} is read at each call, not copied: instances created during the release phase
   * (a new blue-green set) are members from the moment their address is known.
   */
  ClusterMembers(Topology topology, Secrets secrets, List<InstanceSpec> specs, Map<String, String> addresses) {
    this(topology, secrets, names(specs), addresses);
  }

  private ClusterMembers(Topology topology, Secrets secrets, SortedMap<String, String> nodes,
      Map<String, String> addresses) {
    this.topology = topology;
    this.secrets = secrets;
    this.nodes = nodes;
    this.addresses = addresses;
  }

  private static SortedMap<String, String> names(List<InstanceSpec> specs) {
    SortedMap<String, String> names = new TreeMap<>();
    specs.forEach(spec -> names.put(spec.instanceName(), spec.resource()));
    return names;
  }

  /** These members and {@code more} (instance name to resource), e.g. the standbys of a blue-green set. */
  ClusterMembers with(Map<String, String> more) {
    SortedMap<String, String> all = new TreeMap<>(nodes);
    all.putAll(more);
    return new ClusterMembers(topology, secrets, all, addresses);
  }

  List<Member> members(Cluster cluster) {
    List<Member> members = new ArrayList<>();
    nodes.forEach((instance, resource) -> {
      if (cluster.nodes().contains(resource)) {
        Optional.ofNullable(addresses.get(instance)).ifPresent(address -> members.add(new Member(instance, address)));
      }
    });
    return List.copyOf(members);
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
