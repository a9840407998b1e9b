package io.cul8er.engine;

import io.cul8er.model.Topology;
import java.util.Map;

/**
 * The environment a release starts with beyond the instance's own (cluster membership, shared
 * secrets), written to the release's root-only environment file. Given every instance's address.
 */
@FunctionalInterface
public interface ReleaseEnvironment {
  ReleaseEnvironment NONE = (topology, resource, instance, addresses) -> Map.of();

  Map<String, String> of(Topology topology, String resource, String instance, Map<String, String> addresses);
}
