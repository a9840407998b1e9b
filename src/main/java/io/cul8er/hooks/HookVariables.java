package io.cul8er.hooks;

import io.cul8er.model.Host;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code CUL8ER_*} variables a local hook gets, as Kamal's hooks get {@code KAMAL_*}. Pure.
 * They name no secret: versions, hosts, who deploys, and (after a deploy) how it ended.
 */
public final class HookVariables {
  private HookVariables() {}

  /**
   * Before a deploy: {@code CUL8ER_TOPOLOGY}, {@code CUL8ER_COMMAND} (deploy, apply...), {@code
   * CUL8ER_PERFORMER}, {@code CUL8ER_RECORDED_AT}, {@code CUL8ER_HOSTS} (every host's address,
   * comma-separated), {@code CUL8ER_VERSIONS} ({@code resource=version,...}) and, when every release
   * of the topology has one version, {@code CUL8ER_VERSION}.
   */
  public static Map<String, String> before(Topology topology, String command, String performer, Instant at) {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("CUL8ER_TOPOLOGY", topology.name());
    variables.put("CUL8ER_COMMAND", command);
    variables.put("CUL8ER_PERFORMER", performer);
    variables.put("CUL8ER_RECORDED_AT", at.toString());
    variables.put("CUL8ER_HOSTS", String.join(",", topology.hosts().stream().map(Host::address).toList()));
    Map<String, String> versions = new TreeMap<>();
    for (Resource resource : topology.resources()) {
      resource.release().ifPresent(r -> versions.put(resource.name(), r.version()));
    }
    variables.put("CUL8ER_VERSIONS", String.join(",", versions.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue()).toList()));
    java.util.List<String> distinct = versions.values().stream().distinct().toList();
    if (distinct.size() == 1) {
      variables.put("CUL8ER_VERSION", distinct.get(0));
    }
    return variables;
  }

  /** After a deploy: those of {@link #before}, {@code CUL8ER_STATUS} (succeeded, failed, rolled_back...) and {@code CUL8ER_RUNTIME} (whole seconds). */
  public static Map<String, String> after(Map<String, String> before, String status, Duration took) {
    Map<String, String> variables = new LinkedHashMap<>(before);
    variables.put("CUL8ER_STATUS", status);
    variables.put("CUL8ER_RUNTIME", Long.toString(took.toSeconds()));
    return variables;
  }
}
