package io.cul8er.strategy;

import io.cul8er.model.Resource;
import io.cul8er.model.ServiceGroup;
import io.cul8er.model.Topology;

/** Which resources the edge serves. */
final class Edges {
  private Edges() {}

  /** Whether the edge balances at least one exposed port of the resource (a release's TCP or HTTP port). */
  static boolean serves(Resource resource) {
    return resource.exposes().stream().anyMatch(resource::servedByEdge);
  }

  /**
   * Whether a canary of the resource must lift the backups of its services: one of them is
   * balanced local first and has instances on several hosts.
   */
  static boolean localFirstAcrossHosts(Topology topology, String resource) {
    return ServiceGroup.of(topology).stream()
        .anyMatch(g -> g.exposes().containsKey(resource) && g.localFirstAcrossHosts(topology));
  }
}
