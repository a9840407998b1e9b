package io.cul8er.model;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host's edge as observed for one topology: whether its HAProxy runs, the public ports the
 * topology's fragment claims there, the ports HAProxy listens on, for each public port the
 * topology wants that another topology or another process holds, who holds it, and what of the
 * edge is not installed on the host, if that is why it does not run, and the public ports it
 * serves with other limits ({@link EdgeLimits}) than the topology gives them now.
 */
public record ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
    Map<Integer, String> heldByOthers, Optional<String> missing, Set<Integer> otherLimits) {

  public ObservedEdge {
    otherLimits = Set.copyOf(new TreeSet<>(otherLimits));
    claimed = Set.copyOf(new TreeSet<>(claimed));
    listening = Set.copyOf(new TreeSet<>(listening));
    heldByOthers = Map.copyOf(new TreeMap<>(heldByOthers));
  }

  /** An edge whose limits were not compared. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing) {
    this(host, running, claimed, listening, heldByOthers, missing, Set.of());
  }

  /** An edge that is installed (or whose installation was not looked at). */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers) {
    this(host, running, claimed, listening, heldByOthers, Optional.empty());
  }
}
