package io.cul8er.observe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** What an event log says now: each instance's latest health, each cluster's members. */
public final class EventSummary {
  private EventSummary() {}

  /**
   * Each instance's health by its latest health event: {@code healthy}, or {@code failing:
   * <reason>}. An instance put into rotation counts as healthy.
   */
  public static Map<String, String> health(List<Event> events) {
    Map<String, String> health = new TreeMap<>();
    for (Event event : events) {
      if (event instanceof Event.HealthCheckPassed e) {
        health.put(e.instance(), "healthy");
      } else if (event instanceof Event.InstanceEnabled e) {
        health.put(e.instance(), "healthy");
      } else if (event instanceof Event.HealthCheckFailed e) {
        health.put(e.instance(), "failing: " + e.reason());
      }
    }
    return health;
  }

  /** Each cluster's members, as the latest formation, joins and leaves say. */
  public static Map<String, List<String>> members(List<Event> events) {
    Map<String, Set<String>> members = new TreeMap<>();
    for (Event event : events) {
      if (event instanceof Event.ClusterFormed e) {
        members.put(e.cluster(), new LinkedHashSet<>(e.members()));
      } else if (event instanceof Event.NodeJoined e) {
        members.computeIfAbsent(e.cluster(), c -> new LinkedHashSet<>()).add(e.node());
      } else if (event instanceof Event.NodeLeft e) {
        members.computeIfAbsent(e.cluster(), c -> new LinkedHashSet<>()).remove(e.node());
      }
    }
    Map<String, List<String>> result = new TreeMap<>();
    members.forEach((cluster, nodes) -> result.put(cluster, List.copyOf(new ArrayList<>(nodes))));
    return result;
  }

  /** The last {@code count} events. */
  public static List<Event> last(List<Event> events, int count) {
    return List.copyOf(events.subList(Math.max(0, events.size() - count), events.size()));
  }
}
