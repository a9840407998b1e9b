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
 * edge is not installed on the host, if that is why it does not run; {@code names}: the host names
 * the topology's fragment answers on each port it claims by name; {@code maintenance}: while the
 * topology's part answers in maintenance mode, with what ({@link Maintenance#terms()});
 * {@code otherLimits}: the public ports it serves with other limits ({@link EdgeLimits}) than the
 * topology gives them now; {@code otherBalance}: those whose servers it marks {@code backup}
 * otherwise than the topology's {@code balance:} wants (balanced fleet-wide by a canary cut short,
 * say).
 */
public record ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
    Map<Integer, String> heldByOthers, Optional<String> missing, Map<Integer, List<String>> names,
    Optional<String> maintenance, Set<Integer> otherLimits, Set<Integer> otherBalance) {

  public ObservedEdge {
    claimed = Set.copyOf(new TreeSet<>(claimed));
    listening = Set.copyOf(new TreeSet<>(listening));
    heldByOthers = Map.copyOf(new TreeMap<>(heldByOthers));
    names = Map.copyOf(names);
    otherLimits = Set.copyOf(new TreeSet<>(otherLimits));
    otherBalance = Set.copyOf(new TreeSet<>(otherBalance));
  }

  /** Balanced as the topology wants. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing, Map<Integer, List<String>> names,
      Optional<String> maintenance, Set<Integer> otherLimits) {
    this(host, running, claimed, listening, heldByOthers, missing, names, maintenance, otherLimits, Set.of());
  }

  /** An edge whose fragment answers every name on the topology's ports, not in maintenance mode. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing) {
    this(host, running, claimed, listening, heldByOthers, missing, Map.of(), Optional.empty(), Set.of());
  }

  /** An edge whose fragment answers the names {@code names}, not in maintenance mode. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing, Map<Integer, List<String>> names) {
    this(host, running, claimed, listening, heldByOthers, missing, names, Optional.empty(), Set.of());
  }

  /** An edge whose fragment answers every name, in the maintenance mode {@code maintenance}. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing, Optional<String> maintenance) {
    this(host, running, claimed, listening, heldByOthers, missing, Map.of(), maintenance, Set.of());
  }

  /** An edge whose fragment answers every name, not in maintenance mode, with {@code otherLimits}. */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers, Optional<String> missing, Set<Integer> otherLimits) {
    this(host, running, claimed, listening, heldByOthers, missing, Map.of(), Optional.empty(), otherLimits);
  }

  /** An edge that is installed (or whose installation was not looked at). */
  public ObservedEdge(String host, boolean running, Set<Integer> claimed, Set<Integer> listening,
      Map<Integer, String> heldByOthers) {
    this(host, running, claimed, listening, heldByOthers, Optional.empty());
  }
}
