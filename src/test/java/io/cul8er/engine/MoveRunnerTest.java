package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.dsl.Dsl;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.ObservedInstances;
import io.cul8er.model.InstanceSpec;
import io.cul8er.model.ObservedInstance;
import io.cul8er.model.ObservedRelease;
import io.cul8er.model.RecordedInstance;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.Observation;
import io.cul8er.plan.Plan;
import io.cul8er.plan.Planner;
import io.cul8er.plan.SecretResolver;
import io.cul8er.plan.Step;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.strategy.JournaledRollout;
import io.cul8er.strategy.ReleasePlan;
import io.cul8er.strategy.ReleasePlanner;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Moves run against two fake hosts (one fake Incus each) and a scripted edge: what happens, in
 * which order, and what a failure before the old instance is deleted leaves.
 */
class MoveRunnerTest {
  private static final String HEALTH = "healthcheck do\n endpoint \"http://localhost:8080/health\"\n end\n";

  private final Map<String, ReleaseWorld> worlds = Map.of("web_a", new ReleaseWorld(), "web_b", new ReleaseWorld());
  private final InMemoryStateStore store = new InMemoryStateStore("shop");
  private final ScriptedEdge edge = new ScriptedEdge(List.of("shop-web-1", "shop-web-2"));
  private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
  private final Workers workers = new Workers(4);
  private StateRecorder recorder;
  private String unhealthyOn = "";
  /** A cluster of web's instances, without exposed ports (so without a hand-over in the edges). */
  private boolean clustered;

  @AfterEach
  void close() {
    workers.close();
  }

  private Topology shop(String on) {
    String text = "topology :shop do\n"
        + "  host :web_a do\n    address \"10.0.0.1\"\n    platform :debian\n  end\n"
        + "  host :web_b do\n    address \"10.0.0.2\"\n    platform :debian\n  end\n"
        + "  resource :web, type: :container, on: " + on + " do\n"
        + "    from_image \"cul8er/userland\"\n    replicas 2\n"
        + (clustered ? "" : "    network do\n      expose port: 8080, as: 8203, protocol: :http\n    end\n")
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\n"
        + (clustered ? "  cluster :mesh do\n    nodes [:web]\n    discovery strategy: Cluster.Strategy.Epmd\n  end\n" : "")
        + "  strategy do\n approach :rolling\n" + HEALTH + "  end\nend\n";
    return Dsl.parse("shop.cul8", text).topology("shop").orElseThrow(() -> new AssertionError(text));
  }

  /** shop-web-1 on web_a and shop-web-2 on web_b running 1.0.0; the release plan that takes web_b out of on:. */
  private Plan deployedThenWebBTakenOut() throws InterruptedException {
    DesiredState deployed = DesiredState.of(shop("[:web_a, :web_b]"), SecretResolver.none(), store.init());
    recorder = new StateRecorder(store, store.init());
    List<ObservedInstance> observed = new ArrayList<>();
    for (InstanceSpec spec : deployed.specs()) {
      steps(spec.host()).run(new Step.CreateInstance(spec));
      steps(spec.host()).run(new Step.StartInstance(spec.instanceName()));
      recorder.record(spec);
      recorder.recordVersion(spec.host(), spec.instanceName(), Optional.of("1.0.0"));
      worlds.get(spec.host()).runs(spec.instanceName(), "1.0.0");
      observed.add(ObservedInstances.of(worlds.get(spec.host()).api().findInstance(spec.instanceName()).orElseThrow()
          .value(), spec.host()).withRelease(Optional.of(new ObservedRelease("hello-web", Optional.of("1.0.0"), true,
          Optional.of("1.0.0")))).withEdge(Optional.of("UP")));
    }
    timeline.clear();
    DesiredState wanted = DesiredState.of(shop(":web_a"), SecretResolver.none(), recorder.current());
    return new Planner().plan(wanted, recorder.current(), Observation.of(observed), Clock.systemUTC().instant());
  }

  private StepRunner steps(String host) {
    return new StepRunner(api(host), spec -> Map.of(), Duration.ofSeconds(5), Clock.systemUTC());
  }

  /** The host's fake Incus, its creates and deletes written to the timeline. */
  private IncusApi api(String host) {
    IncusApi api = worlds.get(host).api();
    return (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          if (method.getName().equals("deleteInstance")) {
            timeline.add("delete " + args[0] + " on " + host);
          } else if (method.getName().equals("createInstance")) {
            timeline.add("create on " + host);
          }
          try {
            return method.invoke(api, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private ReleaseOutcome move() throws InterruptedException {
    Topology after = shop(":web_a");
    Plan plan = deployedThenWebBTakenOut();
    ReleasePlan release = ReleasePlanner.of(new ReleasePlanner.Inputs(after, plan));
    Map<String, InstanceSpec> specs = new java.util.HashMap<>();
    plan.specs().forEach(s -> specs.put(s.instanceName(), s));
    HealthGate health = (host, instance, address) -> {
      timeline.add("check " + instance + " on " + host + " at " + address);
      if (host.equals(unhealthyOn)) {
        throw new ReleaseFailure(instance + " is unhealthy: /health answered 503, expected 200");
      }
      return "healthy after 1 check(s)";
    };
    EdgeOps logged = (EdgeOps) Proxy.newProxyInstance(EdgeOps.class.getClassLoader(), new Class<?>[] {EdgeOps.class},
        (proxy, method, args) -> {
          timeline.add("edge " + method.getName() + " " + args[args.length > 1 ? 1 : 0]);
          try {
            return method.invoke(edge, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    ConcurrentHashMap<String, String> addresses = new ConcurrentHashMap<>();
    StepActions.ClusterGate clusters = cluster -> timeline.add("await " + cluster + " with shop-web-2 at "
        + addresses.get("shop-web-2"));
    StepActions.Tools tools = new StepActions.Tools(after, this::api, this::steps, logged, health,
        (resource, instance) -> Map.of(), specs::get, clusters, recorder, d -> { }, Clock.systemUTC(),
        note -> { });
    addresses.put("shop-web-1", address("web_a", "shop-web-1"));
    addresses.put("shop-web-2", address("web_b", "shop-web-2"));
    ReleaseRunner runner = new ReleaseRunner(new StepActions(tools, addresses), store::appendJournal, workers,
        Clock.systemUTC(), new EngineEvents("shop", Clock.systemUTC(), event -> { }));
    return runner.run("r1", new JournaledRollout.Header("deploy", "test", Map.of("web", "1.0.0")), release,
        new io.cul8er.engine.Cancellation(), true);
  }

  private String address(String host, String instance) throws InterruptedException {
    return steps(host).run(new Step.WaitRunning(instance)).orElseThrow();
  }

  private List<String> recorded() {
    return recorder.current().instances().stream().map(i -> i.instanceName() + "@" + i.host() + " "
        + i.version().orElse("-")).sorted().toList();
  }

  @Test
  void theNewCopyIsCheckedAndHandedOverInEveryEdgeBeforeTheOldOneIsDeleted() throws Exception {
    ReleaseOutcome outcome = move();

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    String newAddress = address("web_a", "shop-web-2");
    List<String> events = List.copyOf(timeline);
    int checked = events.indexOf("check shop-web-2 on web_a at " + newAddress);
    int enabled = events.indexOf("edge enable shop-web-2");
    int deleted = events.indexOf("delete shop-web-2 on web_b");
    assertThat(events.subList(0, checked + 1)).as(events.toString())
        .containsExactly("create on web_a", "check shop-web-2 on web_a at " + newAddress);
    // each edge is ensured on its own host, at the same time: in either order
    assertThat(events.subList(checked + 1, enabled)).as(events.toString())
        .containsExactlyInAnyOrder("edge ensure web_a", "edge ensure web_b");
    assertThat(deleted).as(events.toString()).isEqualTo(enabled + 1);
    assertThat(events.subList(deleted + 1, events.size())).as(events.toString())
        .containsExactlyInAnyOrder("edge ensure web_a", "edge ensure web_b");
    assertThat(timeline).filteredOn(e -> e.startsWith("edge drain") || e.startsWith("edge remove")).isEmpty();
    assertThat(worlds.get("web_a").runs("shop-web-2")).isEqualTo("1.0.0");
    assertThat(worlds.get("web_b").api().findInstance("shop-web-2")).isEmpty();
    assertThat(recorded()).containsExactly("shop-web-1@web_a 1.0.0", "shop-web-2@web_a 1.0.0");
  }

  @Test
  void anUnhealthyNewCopyIsDeletedAndTheOldOneKeepsServingUntouched() throws Exception {
    unhealthyOn = "web_a";

    ReleaseOutcome.Failed failed = (ReleaseOutcome.Failed) move();

    assertThat(failed.rolledBack()).isTrue();
    assertThat(failed.reason()).isEqualTo("check shop-web-2: shop-web-2 is unhealthy: /health answered 503,"
        + " expected 200");
    assertThat(timeline.stream().map(e -> e.replaceAll(" at .*", "")).toList())
        .containsExactly("create on web_a", "check shop-web-2 on web_a", "delete shop-web-2 on web_a");
    assertThat(worlds.get("web_a").api().findInstance("shop-web-2")).isEmpty();
    assertThat(worlds.get("web_b").runs("shop-web-2")).isEqualTo("1.0.0");
    assertThat(recorded()).containsExactly("shop-web-1@web_a 1.0.0", "shop-web-2@web_b 1.0.0");
  }

  @Test
  void aMovedClusterMemberIsAwaitedAtItsNewCopyBeforeTheOldOneIsDeleted() throws Exception {
    clustered = true;

    ReleaseOutcome outcome = move();

    assertThat(outcome).isInstanceOf(ReleaseOutcome.Completed.class);
    String newAddress = address("web_a", "shop-web-2");
    assertThat(timeline.stream().filter(e -> !e.startsWith("edge")).toList()).containsExactly(
        "create on web_a", "check shop-web-2 on web_a at " + newAddress,
        "await mesh with shop-web-2 at " + newAddress,
        "delete shop-web-2 on web_b",
        "await mesh with shop-web-2 at " + newAddress);
    assertThat(recorded()).containsExactly("shop-web-1@web_a 1.0.0", "shop-web-2@web_a 1.0.0");
  }
}
