package io.cul8er.web;

import java.util.List;

/**
 * The fleet as the dashboard shows it: each host and whether it answered, each instance (its
 * Incus state, version, health and place in the edge), each cluster with whom every member sees,
 * and the problems found (an edge down, a rollout left unfinished...). Health and edge are words
 * a person reads, never a colour alone.
 */
public record FleetView(String topology, List<Host> hosts, List<Instance> instances, List<Cluster> clusters,
    List<String> problems) {

  public FleetView {
    hosts = List.copyOf(hosts);
    instances = List.copyOf(instances);
    clusters = List.copyOf(clusters);
    problems = List.copyOf(problems);
  }

  /** {@code reachable} false: {@code problem} says why its instances are unknown. */
  public record Host(String name, boolean reachable, String problem) {}

  /**
   * {@code state} is Incus's ({@code Running}, {@code Stopped}, {@code missing}, {@code unknown});
   * {@code health} is {@code healthy} or {@code unhealthy: <why>}; {@code edge} is {@code in},
   * {@code out: <why>}, {@code drained}, or {@code -} for an instance no edge serves.
   */
  public record Instance(String name, String resource, String host, String state, String version, String health,
      String edge, String address) {}

  /** {@code formed}: every member sees every other. */
  public record Cluster(String name, boolean formed, List<Member> members) {
    public Cluster {
      members = List.copyOf(members);
    }
  }

  /** {@code answered} false: the member did not answer its probe, so whom it sees is unknown. */
  public record Member(String instance, boolean answered, List<String> sees, List<String> missing) {
    public Member {
      sees = List.copyOf(sees);
      missing = List.copyOf(missing);
    }
  }
}
