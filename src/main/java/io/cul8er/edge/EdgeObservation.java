package io.cul8er.edge;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The host edge as it is now: whether HAProxy runs (its master's pid), the TCP ports its processes
 * listen on, and every server's state (empty when HAProxy is not running); {@code missing} says
 * what of the edge is not installed on the host, when that is why it does not run
 * ({@code HAProxy is not installed}).
 */
public record EdgeObservation(boolean running, Optional<Long> pid, Set<Integer> listening, List<ServerView> servers,
    Optional<String> missing) {

  public EdgeObservation {
    listening = Set.copyOf(listening);
    servers = List.copyOf(servers);
  }

  public EdgeObservation(boolean running, Optional<Long> pid, Set<Integer> listening, List<ServerView> servers) {
    this(running, pid, listening, servers, Optional.empty());
  }

  static EdgeObservation stopped() {
    return new EdgeObservation(false, Optional.empty(), Set.of(), List.of());
  }

  static EdgeObservation notInstalled(String missing) {
    return new EdgeObservation(false, Optional.empty(), Set.of(), List.of(), Optional.of(missing));
  }
}
