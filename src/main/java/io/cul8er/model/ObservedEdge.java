package io.cul8er.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host's edge as observed for one topology: whether its HAProxy runs, the public ports the
 * topology's fragment claims there, the ports HAProxy listens on, for each public port the
 * topology wants that another topology or another process holds, who holds it, and what of the
 * edge is not installed on the host, if that is why it does not run.
 */
public record ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
    Map<Integer, String> heldByOthers, Optional<String> missing, Map<Integer, List<String>> names) {

  /** {@code names}: the host names the topology's fragment answers on each port it claims by name. */
  public ObservedEdge {
    claimed = Set.copyOf(new TreeSet<>(claimed));
    listening = Set.copyOf(new TreeSet<>(listening));
    heldByOthers = Map.copyOf(new TreeMap<>(heldByOthers));
    names = Map.copyOf(names);
  }

  /** An edge whose fragment answers every name on the topology's ports. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing) {
    this(host, running, claimed, listening, heldByOthers, missing, Map.of());
  }

  /** An edge that is installed (or whose installation was not looked at). */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers) {
    this(host, running, claimed, listening, heldByOthers, Optional.empty());
  }
}
