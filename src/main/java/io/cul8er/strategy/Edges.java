package io.cul8er.strategy;

import io.cul8er.model.Resource;

/** Which resources the edge serves. */
final class Edges {
  private Edges() {}

  /** Whether the edge balances at least one exposed port of the resource (a release's TCP or HTTP port). */
  static boolean serves(Resource resource) {
    return resource.exposes().stream().anyMatch(resource::servedByEdge);
  }
}
