package io.cul8er.plan;

import static io.cul8er.plan.Fixtures.observed;
import static io.cul8er.plan.Fixtures.recorded;
import static io.cul8er.plan.Fixtures.state;
import static io.cul8er.plan.Fixtures.withConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.InstanceSpec;
import io.cul8er.model.InstanceType;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.Protocol;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Resource;
import io.cul8er.model.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PlannerProperties {
  private static final List<String> NAMES = List.of("web", "db", "api", "cache", "worker");
  private final Planner planner = new Planner();

  @Property(tries = 300)
  void desiredEqualsRecordedEqualsObservedMeansNoChanges(@ForAll("topologies") Topology topology) {
    DesiredState desired = desiredWithSecrets(topology, "v1");
    List<RecordedInstance> recorded = desired.specs().stream().map(Fixtures::recorded).toList();
    List<ObservedInstance> running = desired.specs().stream().map(Fixtures::running).toList();

    Plan plan =
        planner.plan(desired, state(7, recorded.toArray(RecordedInstance[]::new)), Observation.of(running), Fixtures.NOW);

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.drift()).isEmpty();
    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.exitCode()).isZero();
    assertThat(PlanRenderer.plain().render(plan))
        .isEqualTo("No changes. The topology matches the recorded state and Incus.\n");
  }

  @Property(tries = 300)
  void applyingThePlanConverges(
      @ForAll("topologies") Topology before,
      @ForAll("topologies") Topology after,
      @ForAll("worlds") List<Tamper> tampering) {
    DesiredState old = desiredWithSecrets(before, "v1");
    World world = new World();
    for (int i = 0; i < old.specs().size(); i++) {
      tampering.get(i % tampering.size()).apply(old.specs().get(i), world);
    }
    DesiredState desired = desiredWithSecrets(after, "v2");

    Plan plan = planner.plan(desired, world.state(), world.observation(), Fixtures.NOW);
    world.execute(Steps.of(plan));
    world.move(plan.moves());
    Plan again = planner.plan(desired, world.state(), world.observation(), Fixtures.NOW);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(again.hasChanges()).as(PlanRenderer.plain().render(again)).isFalse();
    assertThat(again.drift()).isEmpty();
    assertThat(world.recorded.keySet()).isEqualTo(world.observed.keySet());
  }

  private static DesiredState desiredWithSecrets(Topology topology, String version) {
    return DesiredState.of(topology, (secret, lineage) -> Optional.of(version + secret), Fixtures.LINEAGE);
  }

  /** How the prior world treats one instance of the old topology. */
  enum Tamper {
    APPLIED,
    STOPPED_OUTSIDE,
    RESIZED_OUTSIDE,
    DELETED_OUTSIDE,
    NOT_RECORDED,
    NEVER_CREATED;

    void apply(InstanceSpec spec, World world) {
      String key = spec.host() + "/" + spec.instanceName();
      if (this != NEVER_CREATED && this != NOT_RECORDED) {
        world.recorded.put(key, recorded(spec));
      }
      switch (this) {
        case APPLIED, NOT_RECORDED -> world.observed.put(key, observed(spec, "Running"));
        case STOPPED_OUTSIDE -> world.observed.put(key, observed(spec, "Stopped"));
        case RESIZED_OUTSIDE ->
            world.observed.put(key, withConfig(observed(spec, "Running"), "limits.memory", "123"));
        default -> {
          // absent from Incus
        }
      }
    }
  }

  /** A fake Incus plus state that executes steps literally. */
  static final class World {
    final Map<String, RecordedInstance> recorded = new LinkedHashMap<>();
    final Map<String, ObservedInstance> observed = new LinkedHashMap<>();

    io.cul8er.model.StateSnapshot state() {
      return state(1, recorded.values().toArray(RecordedInstance[]::new));
    }

    Observation observation() {
      return Observation.of(new ArrayList<>(observed.values()));
    }

    void execute(Steps steps) {
      for (Steps.HostSchedule host : steps.hosts()) {
        for (Steps.Batch batch : host.batches()) {
          for (Steps.Sequence sequence : batch.sequences()) {
            sequence.steps().forEach(step -> execute(host.host() + "/" + step.instance(), step));
          }
        }
      }
    }

    /** What the release phase does with a move: the new instance made (and started), then the old deleted. */
    void move(List<Move> moves) {
      for (Move move : moves) {
        String to = move.to() + "/" + move.instance();
        if (move.create()) {
          assertThat(observed).doesNotContainKey(to);
          observed.put(to, observed(move.spec(), "Running"));
          recorded.put(to, recorded(move.spec()));
        }
        String from = move.from() + "/" + move.instance();
        assertThat(observed).containsKey(from);
        observed.remove(from);
        recorded.remove(from);
      }
    }

    private void execute(String key, Step step) {
      if (step instanceof Step.CreateInstance create) {
        assertThat(observed).doesNotContainKey(key);
        observed.put(key, observed(create.spec(), "Stopped"));
        recorded.put(key, recorded(create.spec()));
      } else if (step instanceof Step.UpdateInstance update) {
        observed.put(key, observed(update.spec(), observed.get(key).status()));
        recorded.put(key, recorded(update.spec()));
      } else if (step instanceof Step.StartInstance) {
        observed.put(key, withStatus(observed.get(key), "Running"));
      } else if (step instanceof Step.WaitRunning) {
        assertThat(observed.get(key).isRunning()).isTrue();
      } else if (step instanceof Step.DeleteInstance) {
        assertThat(observed).containsKey(key);
        observed.remove(key);
        recorded.remove(key);
      } else if (step instanceof Step.RecordInstance record) {
        recorded.put(key, recorded(record.spec()));
      } else if (step instanceof Step.ForgetInstance) {
        recorded.remove(key);
      }
    }

    private static ObservedInstance withStatus(ObservedInstance instance, String status) {
      return new ObservedInstance(instance.instanceName(), instance.host(), instance.type(), status,
          instance.config(), instance.devices(), instance.profiles(), instance.addresses());
    }

    private static io.cul8er.model.StateSnapshot state(long serial, RecordedInstance... instances) {
      return Fixtures.state(serial, instances);
    }
  }

  @Provide
  Arbitrary<List<Tamper>> worlds() {
    return Arbitraries.of(Tamper.class).list().ofMinSize(1).ofMaxSize(6);
  }

  @Provide
  Arbitrary<Topology> topologies() {
    return Arbitraries.of(NAMES)
        .set()
        .ofMaxSize(4)
        .flatMap(
            names ->
                Combinators.combine(names.stream().map(this::resource).toList())
                    .as(resources -> Fixtures.topology("demo", resources.toArray(Resource[]::new))));
  }

  private Arbitrary<Resource> resource(String name) {
    Arbitrary<List<String>> hosts = Arbitraries.of(List.of("a"), List.of("b"), List.of("a", "b"));
    Arbitrary<Integer> replicas = Arbitraries.integers().between(1, 3);
    Arbitrary<String> image = Arbitraries.of("cul8er/busybox", "cul8er/userland");
    Arbitrary<InstanceType> type = Arbitraries.of(InstanceType.class);
    Arbitrary<Optional<Integer>> cpus = Arbitraries.integers().between(1, 4).optional();
    Arbitrary<Optional<Long>> memory = Arbitraries.of(268_435_456L, 536_870_912L).optional();
    Arbitrary<Optional<String>> env = Arbitraries.of("dev", "prod").optional();
    Arbitrary<Boolean> secret = Arbitraries.of(true, false);
    Arbitrary<Optional<Integer>> expose = Arbitraries.of(80, 8080).optional();
    return Combinators.combine(hosts, replicas, image, type, cpus, memory, env, secret)
        .as((h, r, i, t, c, m, e, s) -> builder(name, h, r, i, t, c, m, e, s))
        .flatMap(builder -> expose.map(port -> {
          port.ifPresent(p -> builder.expose(p, p + 1000, Protocol.TCP));
          return builder.build();
        }));
  }

  private static Fixtures.ResourceBuilder builder(
      String name, List<String> hosts, int replicas, String image, InstanceType type,
      Optional<Integer> cpus, Optional<Long> memory, Optional<String> env, boolean secret) {
    Fixtures.ResourceBuilder builder =
        Fixtures.resource(name).on(hosts.toArray(String[]::new)).replicas(replicas).image(image).type(type);
    cpus.ifPresent(builder::cpus);
    memory.ifPresent(builder::memory);
    env.ifPresent(value -> builder.env("MODE", value));
    if (secret) {
      builder.secret("TOKEN", "APP_TOKEN");
    }
    return builder;
  }
}
