package io.cul8er.plan;

import io.cul8er.model.Maintenance;
import io.cul8er.model.ObservedEdge;
import io.cul8er.model.StateSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The topology's edges, desired against observed, host by host: a public port someone else holds is
 * a {@link PortProblem}; an edge that is down, claims other ports for the topology, or does not
 * listen on them, or limits them otherwise than the topology does, is {@link EdgeDrift}; one that
 * must serve ports but is not installed on its host (no HAProxy, no edge service) is an {@link EdgeProblem}, which only {@code cul8er setup} fixes.
 * An edge whose part answers in another maintenance mode than the state records is drift too.
 * An edge that was never observed (no edge on that host, or a
 * host that could not be read) is not compared. A host where nothing was deployed yet has no edge
 * to be down.
 */
final class EdgeComparison {
  private final List<EdgeDrift> drift = new ArrayList<>();
  private final List<PortProblem> portProblems = new ArrayList<>();
  private final List<EdgeProblem> problems = new ArrayList<>();

  EdgeComparison(DesiredState desired, StateSnapshot recorded, Observation actual) {
    Set<String> hosts = new TreeSet<>(desired.edgePorts().keySet());
    actual.edges().forEach((host, edge) -> {
      if (!edge.claimed().isEmpty()) {
        hosts.add(host);
      }
    });
    for (String host : hosts) {
      ObservedEdge edge = actual.edges().get(host);
      if (edge == null || actual.unreachableHosts().contains(host)) {
        continue;
      }
      Set<Integer> wanted = desired.edgePorts().getOrDefault(host, Set.of());
      if (edge.missing().isPresent()) {
        if (!wanted.isEmpty()) {
          problems.add(new EdgeProblem(host, edge.missing().get() + "; cul8er setup installs it"));
        }
        continue;
      }
      wanted.stream().filter(edge.heldByOthers()::containsKey)
          .forEach(port -> portProblems.add(new PortProblem(host, port, edge.heldByOthers().get(port))));
      boolean deployedBefore = !edge.claimed().isEmpty() || recorded.instances().stream()
          .anyMatch(i -> i.host().equals(host) && i.version().isPresent());
      compare(host, wanted, desired.edgeNames().getOrDefault(host, Map.of()), edge, deployedBefore,
          recorded.maintenance().map(Maintenance::terms));
    }
  }

  private void compare(String host, Set<Integer> wanted, Map<Integer, List<String>> names, ObservedEdge edge,
      boolean deployedBefore, Optional<String> maintenance) {
    if (!deployedBefore) {
      return;
    }
    if (!edge.running()) {
      drift.add(new EdgeDrift(host, "is not running"));
    } else if (!edge.claimed().equals(wanted)) {
      drift.add(new EdgeDrift(host, wanted.isEmpty()
          ? "serves " + ports(edge.claimed()) + " for this topology, which no longer exposes any"
          : edge.claimed().isEmpty() ? "has no configuration for this topology, which exposes " + ports(wanted)
          : "serves " + ports(edge.claimed()) + " for this topology, which now exposes " + ports(wanted)));
    } else if (!edge.names().equals(names)) {
      int port = new TreeSet<>(wanted).stream()
          .filter(p -> !edge.names().getOrDefault(p, List.of()).equals(names.getOrDefault(p, List.of())))
          .findFirst().orElseThrow();
      drift.add(new EdgeDrift(host, "answers " + names(edge.names().get(port)) + " on port " + port
          + " for this topology, which now answers " + names(names.get(port))));
    } else if (!edge.listening().containsAll(wanted)) {
      Set<Integer> missing = new TreeSet<>(wanted);
      missing.removeAll(edge.listening());
      drift.add(new EdgeDrift(host, "does not listen on " + ports(missing)));
    } else if (!wanted.isEmpty() && !edge.maintenance().equals(maintenance)) {
      drift.add(new EdgeDrift(host, maintenance(edge.maintenance(), maintenance)));
    } else if (!edge.otherLimits().isEmpty()) {
      drift.add(new EdgeDrift(host, "serves " + ports(edge.otherLimits()) + " with other limits than the topology gives"));
    } else if (!edge.otherBalance().isEmpty()) {
      drift.add(new EdgeDrift(host, "balances " + ports(edge.otherBalance()) + " otherwise than the topology's"
          + " `balance:` (other hosts' instances backups with local first, none with fleet)"));
    }
  }

  private static String names(List<String> names) {
    return names == null ? "every name" : String.join(", ", names);
  }

  /** How the edge's maintenance mode differs from the state's: a failed {@code cul8er maintenance}, say. */
  private static String maintenance(Optional<String> served, Optional<String> recorded) {
    return (served.isEmpty() ? "serves the instances" : "answers in maintenance mode (" + served.get() + ")")
        + "; the state records maintenance mode " + recorded.map(terms -> "on (" + terms + ")").orElse("off");
  }

  private static String ports(Set<Integer> ports) {
    return (ports.size() == 1 ? "port " : "ports ")
        + new TreeSet<>(ports).stream().map(String::valueOf).collect(Collectors.joining(", "));
  }

  List<EdgeDrift> drift() {
    return List.copyOf(drift);
  }

  List<PortProblem> portProblems() {
    return List.copyOf(portProblems);
  }

  List<EdgeProblem> problems() {
    return List.copyOf(problems);
  }
}
