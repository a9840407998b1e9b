package io.cul8er.engine;

import io.cul8er.model.Approach;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.Positioned;
import io.cul8er.model.Resource;
import io.cul8er.model.Rollback;
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
      for (String node : cluster.nodes()) {
        topology.resource(node).filter(r -> r.release().isEmpty()).ifPresent(r -> problems.add(at(cluster)
            + "cluster `" + cluster.name() + "`: node `" + node + "` deploys no release, so nothing in it can"
            + " join the cluster; add `deploy release:` to it"));
      }
    }
    blueGreen(topology.strategy(), problems);
    for (Resource resource : topology.resources()) {
      if (resource.release().isEmpty() || resource.exposes().isEmpty()) {
        continue;
      }
      for (String hostName : resource.hosts()) {
        topology.host(hostName).filter(h -> h.connection() instanceof Connection.Https).ifPresent(h ->
            problems.add(at(resource) + "resource `" + resource.name() + "`: host `" + h.name() + "` is reached"
                + " through the Incus HTTPS API only, which runs no edge (HAProxy) for the release's exposed ports;"
                + " add an `ssh` block to host `" + h.name() + "` so that its edge is run over SSH"));
      }
    }
    return problems;
  }

  /**
   * Blue-green deploys a whole second set at once and keeps the old one running for {@code keep_old}
   * instead of snapshotting it (so it honours `snapshot false` as it is). `on_failure :manual` keeps
   * a failed new set, out of traffic, for inspection. Settings that would ask for anything else
   * have no meaning for it and are refused, saying what to use instead.
   */
  private static void blueGreen(Strategy strategy, List<String> problems) {
    if (strategy.approach() != Approach.BLUE_GREEN) {
      return;
    }
    Rollback rollback = strategy.rollback();
    if (strategy.batchSize() != Strategy.defaults().batchSize()) {
      problems.add(at(strategy) + "strategy `blue_green`: `batch_size " + strategy.batchSize() + "` has no meaning"
          + " here: blue-green switches the whole new set at once, which is what makes its switch back instant;"
          + " to move traffic over in steps use `approach :canary`, or remove `batch_size`");
    }
    if (rollback.retain() != Rollback.defaults().retain()) {
      problems.add(at(written(rollback) ? rollback : strategy) + "strategy `blue_green`: `retain " + rollback.retain()
          + "` has no meaning here: blue-green takes no snapshots, its rollback is the old set kept running;"
          + " set how long with `blue_green do keep_old minutes: 10 end`, or remove `retain`");
    }
  }

  private static boolean written(Positioned element) {
    return element.pos().line() > 0;
  }

  private static String at(Positioned element) {
    return written(element) ? element.pos() + ": " : "";
  }
}
