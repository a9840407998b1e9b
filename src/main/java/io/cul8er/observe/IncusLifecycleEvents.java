package io.cul8er.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cul8er.model.InstanceNames;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Incus's lifecycle events, as {@code incus monitor --type=lifecycle --format=json} prints them
 * (one JSON object per line: {@code {"type":"lifecycle","timestamp":...,"metadata":{"action":
 * "instance-started","name":"prod-web-1","source":"/1.0/instances/prod-web-1",...}}}), turned into
 * {@link Event.IncusLifecycle} for the instances of one topology.
 */
public final class IncusLifecycleEvents {
  private IncusLifecycleEvents() {}

  /**
   * Whether an Incus instance name is one of the topology's: a name its resources render to, or
   * such a name with a suffix (the extra instances of a blue-green or canary deploy).
   */
  public static Predicate<String> instancesOf(Topology topology) {
    Set<String> names = new HashSet<>();
    for (Resource resource : topology.resources()) {
      for (int replica = 1; replica <= resource.replicas(); replica++) {
        names.add(InstanceNames.of(topology.name(), resource.name(), replica, resource.replicas()));
      }
    }
    return instance -> names.contains(instance)
        || names.stream().anyMatch(name -> instance.startsWith(name + "-"));
  }

  /**
   * The event a monitor line holds, if it is a lifecycle event about one of {@code ours}; empty for
   * blank lines, other event types and other instances.
   *
   * @throws IllegalArgumentException when the line is not JSON
   */
  public static Optional<Event> parse(String line, String topology, Predicate<String> ours) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    JsonNode event;
    try {
      event = EventJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an Incus event: " + e.getOriginalMessage(), e);
    }
    JsonNode metadata = event.path("metadata");
    String name = metadata.path("name").asText("");
    if (!event.path("type").asText().equals("lifecycle") || name.isEmpty() || !ours.test(name)) {
      return Optional.empty();
    }
    return Optional.of(new Event.IncusLifecycle(instant(event.path("timestamp").asText()), topology,
        metadata.path("action").asText(), metadata.path("source").asText()));
  }

  private static Instant instant(String timestamp) {
    try {
      return Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Incus event timestamp `" + timestamp + "` is not an instant", e);
    }
  }
}
