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
   * instead of snapshotting it (so it honours `snapshot false` as it is); a failed new set is always
   * discarded. Settings that would ask for anything else are refused.
   */
  private static void blueGreen(Strategy strategy, List<String> problems) {
    if (strategy.approach() != Approach.BLUE_GREEN) {
      return;
    }
    Rollback rollback = strategy.rollback();
    Rollback defaults = Rollback.defaults();
    String where = at(written(rollback) ? rollback : strategy) + "strategy `blue_green`: ";
    if (strategy.batchSize() != Strategy.defaults().batchSize()) {
      problems.add(at(strategy) + "strategy `blue_green`: `batch_size " + strategy.batchSize() + "` is not supported"
          + " yet (blue-green deploys the whole new set at once); remove it or use `approach :rolling`");
    }
    if (rollback.automatic() != defaults.automatic()) {
      problems.add(where + "`on_failure :manual` is not supported yet (a failed new set is always discarded"
          + " while the old set keeps serving); remove it or use `approach :rolling`");
    }
    if (rollback.retain() != defaults.retain()) {
      problems.add(where + "`retain " + rollback.retain() + "` is not supported yet (blue-green takes no"
          + " snapshots; the old set is kept for `keep_old`); remove it or set `blue_green do keep_old ... end`");
    }
  }

  private static boolean written(Positioned element) {
    return element.pos().line() > 0;
  }

  private static String at(Positioned element) {
    return written(element) ? element.pos() + ": " : "";
  }
}
