package io.cul8er.plan;

import io.cul8er.model.Cluster;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceNames;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.Protocol;
import io.cul8er.model.Resource;
import io.cul8er.model.Slot;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns each resource of a topology into the Incus instances it becomes. Pure: the same topology,
 * lineage and secret digests always give the same specs, in topology order. Secrets are recorded
 * as their {@link SecretDigest} only: a secret environment variable under {@link
 * ConfigKeys#secretKey}, a cluster's cookie on each member under {@link
 * ConfigKeys#clusterCookieKey}. A blue-green resource (see {@link Slot#appliesTo}) is rendered in
 * one slot: its names and {@code user.cul8er.slot} say which.
 */
public final class InstanceRenderer {
  static final List<String> DEFAULT_PROFILES = List.of("default");

  private final SecretResolver secrets;
  private final String lineage;

  /** Secret digests are keyed by {@code lineage}, the lineage of the state the specs are planned against. */
  public InstanceRenderer(SecretResolver secrets, String lineage) {
    this.secrets = secrets;
    this.lineage = lineage;
  }

  /** Every resource; blue-green resources in their blue slot. */
  public List<InstanceSpec> render(Topology topology) {
    return render(topology, Map.of());
  }

  /** Every resource; a blue-green resource in the slot {@code liveSlots} maps its name to, else blue. */
  public List<InstanceSpec> render(Topology topology, Map<String, Slot> liveSlots) {
    List<InstanceSpec> specs = new ArrayList<>();
    for (Resource resource : topology.resources()) {
      Optional<Slot> slot =
          Slot.appliesTo(topology, resource)
              ? Optional.of(liveSlots.getOrDefault(resource.name(), Slot.BLUE))
              : Optional.empty();
      specs.addAll(render(topology, resource, slot));
    }
    return List.copyOf(specs);
  }

  /** Replica 1..N, spread round-robin over the resource's hosts; without a slot. */
  public List<InstanceSpec> render(Topology topology, Resource resource) {
    return render(topology, resource, Optional.empty());
  }

  /** Replica 1..N, spread round-robin over the resource's hosts, in {@code slot} when given. */
  public List<InstanceSpec> render(Topology topology, Resource resource, Optional<Slot> slot) {
    if (resource.hosts().isEmpty()) {
      throw new PlanException(
          "Cannot plan resource " + resource.name() + ": it is placed on no host");
    }
    Image image =
        resource
            .image()
            .orElseThrow(
                () ->
                    new PlanException(
                        "Cannot plan resource " + resource.name() + ": it names no image"));
    List<InstanceSpec> specs = new ArrayList<>();
    for (int replica = 1; replica <= resource.replicas(); replica++) {
      String host = resource.hosts().get((replica - 1) % resource.hosts().size());
      specs.add(spec(topology, resource, image, replica, host, slot));
    }
    return specs;
  }

  private InstanceSpec spec(
      Topology model, Resource resource, Image image, int replica, String host, Optional<Slot> slot) {
    String topology = model.name();
    Map<String, String> config = config(resource, image, replica);
    config.putAll(secretDigests(model, resource));
    config.put(ConfigKeys.TOPOLOGY, topology);
    slot.ifPresent(s -> config.put(ConfigKeys.SLOT, s.label()));
    Map<String, Map<String, String>> devices = devices(resource);
    List<String> profiles = resource.profiles().isEmpty() ? DEFAULT_PROFILES : resource.profiles();
    String hash = ConfigHash.of(resource.type(), image, config, devices, profiles);
    config.put(ConfigKeys.CONFIG_HASH, hash);
    return new InstanceSpec(
        slot.map(s -> InstanceNames.of(topology, resource.name(), replica, resource.replicas(), s))
            .orElseGet(() -> InstanceNames.of(topology, resource.name(), replica, resource.replicas())),
        topology,
        resource.name(),
        replica,
        host,
        resource.type(),
        image,
        config,
        devices,
        profiles,
        resource.files(),
        resource.release(),
        hash);
  }

  private Map<String, String> config(Resource resource, Image image, int replica) {
    Map<String, String> config = new LinkedHashMap<>();
    resource.limits().cpus().ifPresent(cpus -> config.put(ConfigKeys.LIMITS_CPU, cpus.toString()));
    resource
        .limits()
        .memoryBytes()
        .ifPresent(bytes -> config.put(ConfigKeys.LIMITS_MEMORY, bytes.toString()));
    for (EnvVar variable : resource.environment()) {
      if (variable instanceof EnvVar.Plain plain) {
        config.put(ConfigKeys.environmentKey(plain.name()), plain.value());
      }
    }
    if (!resource.files().isEmpty()) {
      config.put(ConfigKeys.FILES, FileContents.digest(resource.files()));
    }
    config.put(ConfigKeys.MANAGED, "true");
    config.put(ConfigKeys.RESOURCE, resource.name());
    config.put(ConfigKeys.REPLICA, Integer.toString(replica));
    config.put(ConfigKeys.IMAGE, image.toString());
    return config;
  }

  /** The digest of each secret variable of {@code resource} and of each cookie of a cluster it is a node of. */
  private Map<String, String> secretDigests(Topology topology, Resource resource) {
    Map<String, String> digests = new LinkedHashMap<>();
    for (EnvVar variable : resource.environment()) {
      if (variable instanceof EnvVar.Secret secret) {
        secrets.digest(secret.source(), lineage)
            .ifPresent(digest -> digests.put(ConfigKeys.secretKey(secret.name()), digest));
      }
    }
    for (Cluster cluster : topology.clusters()) {
      if (cluster.nodes().contains(resource.name()) && cluster.cookie().isPresent()) {
        secrets.digest(cluster.cookie().get(), lineage)
            .ifPresent(digest -> digests.put(ConfigKeys.clusterCookieKey(cluster.name()), digest));
      }
    }
    return digests;
  }

  private static Map<String, Map<String, String>> devices(Resource resource) {
    Map<String, Map<String, String>> devices = new LinkedHashMap<>();
    for (Expose expose : resource.exposes()) {
      if (resource.servedByEdge(expose)) {
        continue;
      }
      String scheme = expose.protocol() == Protocol.UDP ? "udp" : "tcp";
      devices.put(
          ConfigKeys.exposeDevice(expose.as()),
          Map.of(
              "type", "proxy",
              "listen", scheme + ":0.0.0.0:" + expose.as(),
              "connect", scheme + ":127.0.0.1:" + expose.port()));
    }
    return devices;
  }
}
