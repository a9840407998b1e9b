package io.cul8er.engine;

import io.cul8er.model.Maintenance;
import java.util.List;
import java.util.Optional;

/**
 * What {@code cul8er maintenance on|off} did: the mode the state now records (empty: off) and the
 * edges whose part for the topology was rewritten ({@code this host's edge (/run/cul8er/edge)},
 * {@code the edge of web_1 (...)}).
 */
public record MaintenanceResult(String topology, Optional<Maintenance> maintenance, List<String> edges) {
  public MaintenanceResult {
    edges = List.copyOf(edges);
  }
}
