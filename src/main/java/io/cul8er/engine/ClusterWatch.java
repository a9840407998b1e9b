package io.cul8er.engine;

import io.cul8er.cluster.Formation;
import io.cul8er.model.Cluster;
import io.cul8er.model.Topology;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a status check learns about a cluster: whom each member sees now, compared with the
 * membership the event log last recorded. A member that stopped answering is recorded as having
 * left, one that answers again as having joined, so the log (and the {@code cluster_size} metric
 * computed from it) follows the cluster between deploys.
 */
final class ClusterWatch {
  private final Topology topology;
  private final Path log;

  ClusterWatch(Topology topology) {
    this.topology = topology;
    this.log = EventLog.location(topology);
  }

  /** {@code absent}: members with no address (stopped, or not created): they cannot answer. */
  StatusReport.ClusterStatus observe(Cluster cluster, Formation formation, List<String> absent, EngineEvents events) {
    List<Event> history = Files.isRegularFile(log) ? EventLog.read(log) : List.of();
    Optional<Event.ClusterFormed> lastFormed = history.stream()
        .filter(e -> e instanceof Event.ClusterFormed f && f.cluster().equals(cluster.name()))
        .map(e -> (Event.ClusterFormed) e).reduce((a, b) -> b);
    Set<String> known = knownMembers(cluster, history);
    Set<String> now = new TreeSet<>();
    List<StatusReport.MemberStatus> statuses = new ArrayList<>();
    for (Formation.MemberView view : formation.members()) {
      if (view.answered()) {
        now.add(view.member().instance());
      }
      statuses.add(new StatusReport.MemberStatus(view.member().instance(), view.member().address(), view.answered(),
          view.sees(), view.missing()));
    }
    absent.forEach(instance -> statuses.add(new StatusReport.MemberStatus(instance, "", false, List.of(), List.of())));
    if (lastFormed.isPresent()) {
      Set<String> current = new TreeSet<>(known);
      for (String gone : known) {
        if (!now.contains(gone)) {
          current.remove(gone);
          events.nodeLeft(cluster.name(), gone, current.size());
        }
      }
      for (String joined : now) {
        if (!known.contains(joined)) {
          current.add(joined);
          events.nodeJoined(cluster.name(), joined, current.size());
        }
      }
    }
    return new StatusReport.ClusterStatus(cluster.name(), formation.complete() && absent.isEmpty(), statuses,
        lastFormed.map(Event::at), lastFormed.map(Event.ClusterFormed::took));
  }

  /** The members the log last knew: the last formation, then the joins and leaves after it. */
  private static Set<String> knownMembers(Cluster cluster, List<Event> history) {
    Set<String> known = new TreeSet<>();
    for (Event event : history) {
      if (event instanceof Event.ClusterFormed f && f.cluster().equals(cluster.name())) {
        known.clear();
        known.addAll(f.members());
      } else if (event instanceof Event.NodeJoined j && j.cluster().equals(cluster.name())) {
        known.add(j.node());
      } else if (event instanceof Event.NodeLeft l && l.cluster().equals(cluster.name())) {
        known.remove(l.node());
      }
    }
    return known;
  }


}
