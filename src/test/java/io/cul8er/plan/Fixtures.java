package io.cul8er.plan;

import io.cul8er.model.Approach;
import io.cul8er.model.BlueGreen;
import io.cul8er.model.Canary;
import io.cul8er.model.Cluster;
import io.cul8er.model.Connection;
import io.cul8er.model.Discovery;
import io.cul8er.model.EnvVar;
import io.cul8er.model.Expose;
import io.cul8er.model.Host;
import io.cul8er.model.Image;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.Limits;
import io.cul8er.model.Observability;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Protocol;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Rollback;
import io.cul8er.model.Runtime;
import io.cul8er.model.SecretRef;
import io.cul8er.model.SourcePos;
import io.cul8er.model.StateBackend;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Strategy;
import io.cul8er.model.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds topologies, state and Incus observations the way the engine would. */
final class Fixtures {
  static final String LINEAGE = "0b7c1a52-lineage";
  static final SourcePos POS = SourcePos.NONE;
  /** The time every plan of the tests is made at. */
  static final Instant NOW = Instant.parse("2026-11-26T10:15:00Z");

  private Fixtures() {}

  static ResourceBuilder resource(String name) {
    return new ResourceBuilder(name);
  }

  static Topology topology(String name, Resource... resources) {
    return topology(name, Strategy.defaults(), resources);
  }

  /** {@code topology} with a cluster {@code name} of {@code nodes}, its cookie read from the variable {@code cookie}. */
  static Topology clustered(Topology topology, String name, Optional<String> cookie, String... nodes) {
    Cluster cluster = new Cluster(name, List.of(nodes), Discovery.EPMD,
        cookie.map(variable -> new SecretRef.FromEnv(variable, POS)), Optional.empty(), Duration.ofSeconds(30), POS);
    return new Topology(topology.name(), topology.hosts(), topology.resources(), List.of(cluster), topology.strategy(),
        topology.observability(), topology.state(), POS);
  }

  /** A topology whose strategy is {@code approach :blue_green}. */
  static Topology blueGreen(String name, Resource... resources) {
    Strategy strategy =
        new Strategy(
            Approach.BLUE_GREEN, 1, Optional.empty(), Rollback.defaults(), BlueGreen.defaults(), Canary.defaults(), POS);
    return topology(name, strategy, resources);
  }

  private static Topology topology(String name, Strategy strategy, Resource... resources) {
    Set<String> hostNames = new LinkedHashSet<>();
    for (Resource resource : resources) {
      hostNames.addAll(resource.hosts());
    }
    List<Host> hosts = new ArrayList<>();
    for (String host : hostNames) {
      hosts.add(
          new Host(host, "localhost", "debian", new Connection.LocalSocket(Connection.DEFAULT_SOCKET, POS), POS));
    }
    return new Topology(
        name,
        hosts,
        List.of(resources),
        List.of(),
        strategy,
        Observability.all(),
        StateBackend.defaultFile(),
        POS);
  }

  static DesiredState desired(Topology topology) {
    return DesiredState.of(topology, SecretResolver.none(), LINEAGE);
  }

  static InstanceSpec spec(DesiredState desired, String instance) {
    return desired.specs().stream()
        .filter(s -> s.instanceName().equals(instance))
        .findFirst()
        .orElseThrow();
  }

  /** What the engine records after applying {@code spec}. */
  static RecordedInstance recorded(InstanceSpec spec) {
    return RecordedInstance.of(spec);
  }


  /** What the state says of an instance of the old set of a blue-green deploy. */
  static RecordedInstance standbyRecord(InstanceSpec spec, Instant until) {
    return withRecordedConfig(RecordedInstance.of(spec), ConfigKeys.STANDBY_UNTIL, until.toString());
  }

  static RecordedInstance withRecordedConfig(RecordedInstance instance, String key, String value) {
    Map<String, String> config = new HashMap<>(instance.config());
    config.put(key, value);
    return new RecordedInstance(
        instance.instanceName(),
        instance.resource(),
        instance.replica(),
        instance.host(),
        instance.type(),
        instance.image(),
        config,
        instance.devices(),
        instance.configHash(),
        instance.version());
  }

  /** What Incus reports for an instance of the old set of a blue-green deploy. */
  static ObservedInstance standby(InstanceSpec spec, Instant until) {
    return withConfig(running(spec), ConfigKeys.STANDBY_UNTIL, until.toString());
  }

  /** What Incus reports for {@code spec} once applied, server-computed keys and profile devices included. */
  static ObservedInstance observed(InstanceSpec spec, String status) {
    Map<String, String> config = new HashMap<>(spec.config());
    config.put("volatile.eth0.hwaddr", "00:16:3e:12:34:56");
    config.put("volatile.last_state.power", status.toUpperCase());
    config.put("image.os", "busybox");
    config.put("user.created_at", "2026-11-26");
    spec.config().keySet().stream()
        .filter(k -> k.startsWith(ConfigKeys.SECRET_PREFIX))
        .forEach(k -> config.put("environment." + k.substring(ConfigKeys.SECRET_PREFIX.length()), "hunter2"));
    Map<String, Map<String, String>> devices = new HashMap<>(spec.devices());
    devices.put("eth0", Map.of("type", "nic", "network", "incusbr0"));
    devices.put("root", Map.of("type", "disk", "path", "/", "pool", "default"));
    return new ObservedInstance(
        spec.instanceName(), spec.host(), spec.type(), status, config, devices, spec.profiles(), List.of("10.1.0.5"));
  }

  static ObservedInstance running(InstanceSpec spec) {
    return observed(spec, "Running");
  }

  static ObservedInstance withConfig(ObservedInstance instance, String key, String value) {
    Map<String, String> config = new HashMap<>(instance.config());
    if (value == null) {
      config.remove(key);
    } else {
      config.put(key, value);
    }
    return new ObservedInstance(
        instance.instanceName(),
        instance.host(),
        instance.type(),
        instance.status(),
        config,
        instance.devices(),
        instance.profiles(),
        instance.addresses());
  }

  static StateSnapshot state(long serial, RecordedInstance... instances) {
    return new StateSnapshot(
        StateSnapshot.FORMAT_VERSION, LINEAGE, serial, "demo", Instant.parse("2026-11-26T00:00:00Z"), List.of(instances));
  }

  static final class ResourceBuilder {
    private final String name;
    private InstanceType type = InstanceType.CONTAINER;
    private List<String> hosts = List.of("local");
    private int replicas = 1;
    private String image = "cul8er/busybox";
    private Integer cpus;
    private Long memory;
    private final List<Expose> exposes = new ArrayList<>();
    private final List<EnvVar> env = new ArrayList<>();
    private List<String> profiles = List.of();
    private Release release;

    ResourceBuilder(String name) {
      this.name = name;
    }

    ResourceBuilder type(InstanceType value) {
      type = value;
      return this;
    }

    ResourceBuilder on(String... value) {
      hosts = List.of(value);
      return this;
    }

    ResourceBuilder replicas(int value) {
      replicas = value;
      return this;
    }

    ResourceBuilder image(String value) {
      image = value;
      return this;
    }

    ResourceBuilder cpus(int value) {
      cpus = value;
      return this;
    }

    ResourceBuilder memory(long value) {
      memory = value;
      return this;
    }

    ResourceBuilder expose(int port, int as, Protocol protocol) {
      exposes.add(new Expose(port, as, protocol, POS));
      return this;
    }

    ResourceBuilder env(String key, String value) {
      env.add(new EnvVar.Plain(key, value, POS));
      return this;
    }

    ResourceBuilder secret(String key, String variable) {
      env.add(new EnvVar.Secret(key, new SecretRef.FromEnv(variable, POS), POS));
      return this;
    }

    ResourceBuilder profiles(String... value) {
      profiles = List.of(value);
      return this;
    }

    /** Deploys release {@code app} in {@code version}. */
    ResourceBuilder release(String version) {
      release = new Release("app", version, Runtime.JVM, Optional.empty(), Optional.empty(), POS);
      return this;
    }

    Resource build() {
      return new Resource(
          name,
          type,
          hosts,
          replicas,
          Optional.ofNullable(image).map(Image::parse),
          new Limits(Optional.ofNullable(cpus), Optional.ofNullable(memory), POS),
          exposes,
          env,
          List.of(),
          profiles,
          Optional.ofNullable(release),
          POS);
    }
  }
}
