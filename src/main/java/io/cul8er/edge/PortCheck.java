package io.cul8er.edge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * Who else holds the public ports a topology asks for. The fragments say which topology serves
 * which port; /proc says which process listens on it. Fine are: a port no one holds, one the host
 * edge's own HAProxy listens on ({@code ownEdge}: a process of its configuration file), and one the topology's
 * own old per-topology edge listens on (it is retired when the host edge takes the port over).
 */
final class PortCheck {
  static final String HIDDEN = "a process this user cannot see";

  private PortCheck() {}

  static List<PortProblem> problems(
      String topology,
      List<PortClaim> claims,
      List<Fragment> fragments,
      ProcFs proc,
      LongPredicate ownEdge,
      Map<String, Long> legacyEdges) {
    List<PortProblem> problems = new ArrayList<>();
    Set<Integer> free = new TreeSet<>();
    for (int port : ports(claims)) {
      Optional<String> other = PortClaim.holder(topology, port, claims, fragments);
      if (other.isPresent()) {
        problems.add(new PortProblem(port, other.get()));
      } else {
        free.add(port);
      }
    }
    List<ProcFs.Listener> listeners = proc.listeners().stream().filter(l -> free.contains(l.port())).toList();
    Set<Long> inodes = new HashSet<>();
    listeners.forEach(l -> inodes.add(l.inode()));
    Map<Long, Long> holders = proc.holders(inodes);
    Set<Integer> reported = new HashSet<>();
    for (ProcFs.Listener listener : listeners) {
      Optional<String> holder = holder(topology, holders.get(listener.inode()), proc, ownEdge, legacyEdges);
      if (holder.isPresent() && reported.add(listener.port())) {
        problems.add(new PortProblem(listener.port(), holder.get()));
      }
    }
    problems.sort((a, b) -> Integer.compare(a.port(), b.port()));
    return List.copyOf(problems);
  }

  static Set<Integer> ports(List<PortClaim> claims) {
    Set<Integer> ports = new TreeSet<>();
    claims.forEach(claim -> ports.add(claim.port()));
    return ports;
  }

  /** Who holds the socket, or empty when it is the host edge or the topology's own old edge. */
  private static Optional<String> holder(
      String topology, Long pid, ProcFs proc, LongPredicate ownEdge, Map<String, Long> legacyEdges) {
    if (pid == null) {
      return Optional.of(HIDDEN);
    }
    if (ownEdge.test(pid)) {
      return Optional.empty();
    }
    long parent = proc.stat(pid).map(ProcFs.Stat::parent).orElse(-1L);
    for (Map.Entry<String, Long> legacy : legacyEdges.entrySet()) {
      if (pid.equals(legacy.getValue()) || parent == legacy.getValue()) {
        return legacy.getKey().equals(topology)
            ? Optional.empty()
            : Optional.of("topology " + legacy.getKey() + "'s per-topology edge (process " + pid + ")");
      }
    }
    return Optional.of("process " + pid + " (" + proc.command(pid) + ")");
  }
}
