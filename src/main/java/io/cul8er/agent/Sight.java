package io.cul8er.agent;

import io.cul8er.engine.FleetCare;
import io.cul8er.engine.StatusReport;
import io.cul8er.model.Cluster;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine's look at a topology in the decider's terms ({@link Fleet}). Pure. */
final class Sight {
  private Sight() {}

  static Fleet of(FleetCare.Look look) {
    List<Fleet.Instance> instances = new ArrayList<>();
    for (StatusReport.Row row : look.report().instances()) {
      if (!row.desired().equals("running")) {
        continue;
      }
      Optional<String> verdict = look.health().get(row.instance());
      Fleet.Condition condition = row.actual().equalsIgnoreCase("stopped") ? Fleet.Condition.STOPPED
          : verdict == null ? Fleet.Condition.UNKNOWN
          : verdict.isEmpty() ? Fleet.Condition.HEALTHY : Fleet.Condition.FAILING;
      instances.add(new Fleet.Instance(row.instance(), row.resource(), row.host(), condition,
          verdict == null ? Optional.empty() : verdict));
    }
    List<Fleet.Drift> drift = look.drift().stream().map(d -> new Fleet.Drift(d.subject(), d.what())).toList();
    return new Fleet(instances, look.edgesDown(), look.clusterMembers(), drift);
  }

  /** Each cluster's members as the last deploy wrote them into the env files: every desired member. */
  static Map<String, List<String>> deployedMembers(Topology topology, FleetCare.Look look) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    for (Cluster cluster : topology.clusters()) {
      members.put(cluster.name(), look.report().instances().stream()
          .filter(r -> r.desired().equals("running") && cluster.nodes().contains(r.resource()))
          .map(StatusReport.Row::instance).sorted().toList());
    }
    return members;
  }
}
