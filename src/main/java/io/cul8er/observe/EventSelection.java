package io.cul8er.observe;

import io.cul8er.model.Observability;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which events a topology's {@code observability} block keeps. The event log holds the selected
 * events, the events that the selected metrics are computed from (so that a later process can
 * rebuild the metrics from the log), Incus's lifecycle events and the sinks' drop counts; {@code
 * cul8er events} shows the selected events, Incus's and the drop counts.
 */
public final class EventSelection {
  /** For each metric computed from events, the event types it is computed from. */
  static final Map<String, List<String>> METRIC_SOURCES = Map.of(
      "deployment_duration", List.of("deploy_finished"),
      "health_check", List.of("health_check_passed", "health_check_failed"),
      "rollbacks", List.of("rollback_started"),
      "cluster_size", List.of("node_joined", "node_left", "cluster_formed"),
      "formation_time", List.of("cluster_formed"),
      "sink_dropped", List.of("sink_dropped"));

  private static final String INCUS = Event.typeOf(Event.IncusLifecycle.class);
  private static final String SINK_DROPPED = Event.typeOf(Event.SinkDropped.class);

  private EventSelection() {}

  /** The events written to the event log. */
  public static Predicate<Event> logged(Observability selection) {
    Set<String> types = selection.metrics().stream()
        .flatMap(metric -> METRIC_SOURCES.getOrDefault(metric, List.of()).stream())
        .collect(Collectors.toSet());
    types.addAll(selection.events());
    types.add(INCUS);
    types.add(SINK_DROPPED);
    return event -> types.contains(event.type());
  }

  /** The events shown to the user: those the DSL selects, and Incus's. */
  public static Predicate<Event> shown(Observability selection) {
    Set<String> types = Set.copyOf(selection.events());
    return event -> types.contains(event.type()) || event.type().equals(INCUS) || event.type().equals(SINK_DROPPED);
  }
}
