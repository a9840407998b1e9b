package io.cul8er.edge;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host edge as it is now: whether HAProxy runs (its master's pid), the TCP ports its processes
 * listen on, and every server's state (empty when HAProxy is not running).
 */
public record EdgeObservation(boolean running, Optional<Long> pid, Set<Integer> listening, List<ServerView> servers) {

  public EdgeObservation {
    listening = Set.copyOf(listening);
    servers = List.copyOf(servers);
  }

  static EdgeObservation stopped() {
    return new EdgeObservation(false, Optional.empty(), Set.of(), List.of());
  }
}
