package io.cul8er.strategy;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.StateSnapshot;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SecretResolver;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Topologies written in the DSL, deployed at one version, planned at another. */
final class ReleaseFixtures {
  static final Instant NOW = Instant.parse("2026-12-07T10:15:00Z");
  static final String LINEAGE = "lineage-1";

  private ReleaseFixtures() {}

  static Topology topology(String strategy, int replicas, String version) {
    return topology(strategy, replicas, version, "");
  }

  /** As {@link #topology(String, int, String)}, with {@code resourceExtra} (e.g. a {@code hooks} block) in the resource. */
  static Topology topology(String strategy, int replicas, String version, String resourceExtra) {
    String text = "topology :hello do\n"
        + "  host :local do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  resource :web, type: :container, on: :local do\n"
        + "    from_image \"cul8er/userland\"\n    replicas " + replicas + "\n"
        + "    network do\n      expose port: 8080, as: 8080, protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"" + version + "\", runtime: :jvm\n"
        + resourceExtra
        + "  end\n"
        + "  strategy do\n" + strategy + "  end\n"
        + "end\n";
    return Dsl.parse("hello.cul8", text).topology("hello").orElseThrow(() -> new AssertionError(text));
  }

  static final String HEALTH = "    healthcheck do\n      endpoint \"http://localhost:8080/health\"\n    end\n";

  /** The state after a deploy of {@code deployed}, with every instance observed running it. */
  static Plan plan(Topology wanted, String deployed, UnaryOperator<ObservedInstance> observe) {
    return plan(wanted, deployed, observe, java.util.Set.of());
  }

  /** As {@link #plan(Topology, String, UnaryOperator)}, with {@code heldByAgent} kept out of their edges by the agent. */
  static Plan plan(Topology wanted, String deployed, UnaryOperator<ObservedInstance> observe,
      java.util.Set<String> heldByAgent) {
    DesiredState desired = DesiredState.of(wanted, SecretResolver.none(), LINEAGE);
    List<RecordedInstance> recorded = desired.specs().stream()
        .map(s -> RecordedInstance.of(s).withVersion(Optional.of(deployed))).toList();
    StateSnapshot state = new StateSnapshot(StateSnapshot.FORMAT_VERSION, LINEAGE, 3, "hello", NOW, recorded);
    List<ObservedInstance> observed = desired.specs().stream().map(s -> observe.apply(running(s, deployed))).toList();
    return new Planner().plan(DesiredState.of(wanted, SecretResolver.none(), state), state,
        Observation.of(observed).withEdgeHeld(heldByAgent), NOW);
  }

  static final String OLD_BUILD = "ba496ecebb03c01c9c255fb7d72cb376d97b98ae90c7214299ba58af2510df42";
  static final String NEW_BUILD = "5d1e2a9b7c3f00112233445566778899aabbccddeeff00112233445566778899";

  /**
   * As {@link #plan(Topology, String)}, the image alias of every resource now naming {@link
   * #NEW_BUILD} and the instances named in {@code older} created from {@link #OLD_BUILD} (the
   * others from the new one).
   */
  static Plan planWithOlderImage(Topology wanted, String deployed, java.util.Set<String> older) {
    DesiredState desired = DesiredState.of(wanted, SecretResolver.none(), LINEAGE);
    List<RecordedInstance> recorded = desired.specs().stream()
        .map(s -> RecordedInstance.of(s).withVersion(s.release().map(r -> deployed))).toList();
    StateSnapshot state = new StateSnapshot(StateSnapshot.FORMAT_VERSION, LINEAGE, 3, "hello", NOW, recorded);
    io.cul8er.plan.ImageCatalog images = io.cul8er.plan.ImageCatalog.UNREAD;
    List<ObservedInstance> observed = new java.util.ArrayList<>();
    for (InstanceSpec spec : desired.specs()) {
      images = images.withTargets(spec.host(), Map.of(spec.image().alias(), NEW_BUILD));
      ObservedInstance instance = spec.release().isPresent() ? running(spec, deployed) : plain(spec);
      Map<String, String> config = new HashMap<>(instance.config());
      config.put("volatile.base_image", older.contains(spec.instanceName()) ? OLD_BUILD : NEW_BUILD);
      observed.add(new ObservedInstance(instance.instanceName(), instance.host(), instance.type(), instance.status(),
          config, instance.devices(), instance.profiles(), instance.addresses(), instance.release(),
          instance.edge()));
    }
    return new Planner().plan(DesiredState.of(wanted, SecretResolver.none(), state), state,
        new Observation(observed, List.of(), images), NOW);
  }

  private static ObservedInstance plain(InstanceSpec spec) {
    return new ObservedInstance(spec.instanceName(), spec.host(), spec.type(), "Running", spec.config(),
        spec.devices(), spec.profiles(), List.of("10.147.0.20"));
  }

  static Plan plan(Topology wanted, String deployed) {
    return plan(wanted, deployed, UnaryOperator.identity());
  }

  static ObservedInstance running(InstanceSpec spec, String version) {
    Map<String, String> config = new HashMap<>(spec.config());
    config.put("user.cul8er.release", version);
    config.put("volatile.eth0.hwaddr", "00:16:3e:12:34:56");
    return new ObservedInstance(spec.instanceName(), spec.host(), spec.type(), "Running", config, spec.devices(),
        spec.profiles(), List.of("10.147.0.10"),
        Optional.of(new ObservedRelease("hello-web", Optional.of(version), true, Optional.of(version))),
        Optional.of("UP"));
  }
}
