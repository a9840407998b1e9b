package io.cul8er.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A host's edge as observed for one topology: whether its HAProxy runs, the public ports the
 * topology's fragment claims there, the ports HAProxy listens on, and, for each public port the
 * topology wants that another topology or another process holds, who holds it.
 */
public record ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
    Map<Integer, String> heldByOthers) {

  public ObservedEdge {
    claimed = Set.copyOf(new TreeSet<>(claimed));
    listening = Set.copyOf(new TreeSet<>(listening));
    heldByOthers = Map.copyOf(new TreeMap<>(heldByOthers));
  }
}
