package io.cul8er.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One service of the edge: one public port of one release. Resources that deploy the same release
 * on the same public port and protocol (the guide's {@code app_1} on {@code web_1} and {@code
 * app_2} on {@code web_2}) are one service, named after the release ({@code my_app_443}); a
 * service of one resource is named after it ({@code web_8080}). {@code exposes}: resource name to
 * its expose, in the topology's order.
 */
public record ServiceGroup(String name, Map<String, Expose> exposes) {
  public ServiceGroup {
    exposes = Collections.unmodifiableMap(new LinkedHashMap<>(exposes));
  }

  /** The topology's services, in the order their first resource is declared. */
  public static List<ServiceGroup> of(Topology topology) {
    Map<String, Map<String, Expose>> byKey = new LinkedHashMap<>();
    Map<String, String> releaseOf = new LinkedHashMap<>();
    for (Resource resource : topology.resources()) {
      for (Expose expose : resource.exposes()) {
        if (resource.servedByEdge(expose)) {
          String release = resource.release().orElseThrow().name();
          String key = release + "/" + expose.as() + "/" + expose.protocol();
          byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(resource.name(), expose);
          releaseOf.put(key, release);
        }
      }
    }
    List<ServiceGroup> groups = new ArrayList<>();
    byKey.forEach((key, exposes) -> {
      Map.Entry<String, Expose> first = exposes.entrySet().iterator().next();
      String name = (exposes.size() == 1 ? first.getKey() : releaseOf.get(key)) + "_" + first.getValue().as();
      groups.add(new ServiceGroup(name, exposes));
    });
    return groups;
  }

  /** The first resource's expose: how the service is served. */
  public Expose first() {
    return exposes.values().iterator().next();
  }

  public Balance balance() {
    return first().balance();
  }

  /** The hosts that run an instance of the service (replicas spread round-robin over {@code on:}). */
  public Set<String> hosts(Topology topology) {
    Set<String> hosts = new LinkedHashSet<>();
    for (String resourceName : exposes.keySet()) {
      topology.resource(resourceName).ifPresent(r ->
          hosts.addAll(r.hosts().subList(0, Math.max(0, Math.min(r.replicas(), r.hosts().size())))));
    }
    return Collections.unmodifiableSet(hosts);
  }

  /**
   * Whether the service's edges keep other hosts' instances as backups outside a canary, so that a
   * canary must lift them: balanced local first, with instances on more than one host.
   */
  public boolean localFirstAcrossHosts(Topology topology) {
    return balance() == Balance.LOCAL_FIRST && hosts(topology).size() > 1;
  }
}
