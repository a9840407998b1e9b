package io.cul8er.engine;

import io.cul8er.model.Cluster;
import io.cul8er.model.Observability;
import io.cul8er.model.Positioned;
import io.cul8er.model.Resource;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings the language accepts but this engine does not act on yet. Apply refuses a topology
 * that uses any of them, rather than ignoring them silently; plan lists them as warnings.
 */
public final class Capabilities {
  private Capabilities() {}

  public static List<String> notYetSupported(Topology topology) {
    List<String> problems = new ArrayList<>();
    for (Cluster cluster : topology.clusters()) {
      problems.add(at(cluster) + "cluster `" + cluster.name()
          + "`: cluster formation (injected peers, cookie, membership checks) is not supported yet");
    }
    if (written(topology.strategy()) || !topology.strategy().equals(Strategy.defaults())) {
      problems.add(at(topology.strategy())
          + "strategy: rolling, blue-green and canary updates with health checks and rollback are not"
          + " supported yet; changes are applied in place");
    }
    if (written(topology.observability()) || !topology.observability().equals(Observability.all())) {
      problems.add(at(topology.observability()) + "observability: metrics and events are not supported yet");
    }
    for (Resource resource : topology.resources()) {
      resource.release().ifPresent(release -> problems.add(at(release) + "resource `" + resource.name()
          + "`: deploy release: installing application releases is not supported yet"));
    }
    return problems;
  }

  private static boolean written(Positioned element) {
    return element.pos().line() > 0;
  }

  private static String at(Positioned element) {
    return written(element) ? element.pos() + ": " : "";
  }
}
