package io.cul8er.strategy;

import io.cul8er.model.Cluster;
import io.cul8er.model.Topology;
import io.cul8er.plan.AttributeChange;
import io.cul8er.plan.Change;
import io.cul8er.plan.ConfigKeys;
import io.cul8er.plan.Plan;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which cluster members a plan gives a new cookie: those whose recorded cookie digest it changes to
 * another. A digest recorded for the first time (a state written before digests of cookies were)
 * is not a rotation: the member's env file is rewritten with the current cookie, and it is not
 * restarted. Pure.
 */
public final class CookieRotation {
  private CookieRotation() {}

  public static Set<String> membersOf(Topology topology, Plan plan) {
    Set<String> members = new TreeSet<>();
    for (Cluster cluster : topology.clusters()) {
      String key = ConfigKeys.clusterCookieKey(cluster.name());
      for (Change change : plan.changes()) {
        if (cluster.nodes().contains(change.resource())
            && change.attributes().stream().anyMatch(a -> a.key().equals(key) && replaced(a))) {
          members.add(change.instance());
        }
      }
    }
    return members;
  }

  private static boolean replaced(AttributeChange attribute) {
    return attribute.before().isPresent() && attribute.after().isPresent();
  }
}
