package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.model.Release;
import io.cul8er.model.Resource;
import io.cul8er.model.Runtime;
import io.cul8er.model.Topology;
import io.cul8er.plan.DesiredState;
import io.cul8er.plan.HostProblem;
import io.cul8er.plan.SecretResolver;
import io.cul8er.state.InMemoryStateStore;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deploy reads after its instance steps: the addresses of its own release instances, one
 * state request each, never a host's whole list with state, whatever else runs on the host.
 */
class ReleaseAddressesTest {
  @TempDir
  Path artifacts;

  private final Map<String, ReleaseWorld> hosts = Map.of("near", new ReleaseWorld(), "far", new ReleaseWorld());
  private final Map<String, Integer> calls = new ConcurrentHashMap<>();
  private final InMemoryStateStore store = new InMemoryStateStore("demo");
  private final Engine engine = new Engine(host -> counted(host.name(), hosts.get(host.name()).api()),
      new Secrets(Map.<String, String>of()::get), Clock.systemUTC(), Engine.Settings.defaults().withParallelism(4));

  @AfterEach
  void close() {
    engine.close();
  }

  private Topology demo(String version) {
    Release tick = new Release("tick", version, Runtime.JVM,
        Optional.of(artifacts.resolve("{name}-{version}.tar.gz").toString()), Optional.of("bin/tick"), Fixtures.AT);
    Resource app = Fixtures.replicated(Fixtures.container("app", "near", "cul8er/userland", 1, 32), 2);
    Resource spread = new Resource(app.name(), app.type(), List.of("near", "far"), 4, app.image(), app.limits(),
        app.exposes(), app.environment(), app.files(), app.profiles(), Optional.of(tick), Fixtures.AT);
    return Fixtures.topology("demo", List.of(Fixtures.localHost("near"), Fixtures.localHost("far")),
        List.of(spread, Fixtures.container("cache", "far", "cul8er/busybox", 1, 32)));
  }

  private ApplyResult deploy(String version) throws IOException {
    Files.write(artifacts.resolve("tick-" + version + ".tar.gz"), new byte[] {0x1f, (byte) 0x8b});
    return engine.apply(demo(version), store, Operation.DEPLOY, Optional.empty(), plan -> true, event -> { },
        new Cancellation());
  }

  @Test
  void anUpdateWithoutInstanceStepsReadsEachReleaseInstanceAloneHoweverCrowdedItsHost() throws IOException {
    assertThat(deploy("1.0.0").outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    IncusApi far = hosts.get("far").api();
    for (int i = 1; i <= 30; i++) {
      far.createInstance(InstancesPost.container("someone-else-" + i, InstanceSource.alias("cul8er/busybox")));
      far.changeState("someone-else-" + i, StateChange.start());
    }
    calls.clear();

    ApplyResult update = deploy("1.1.0");

    assertThat(update.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
    assertThat(hosts.get("far").runs("demo-app-2")).isEqualTo("1.1.0");
    assertThat(calls).containsEntry("near listInstancesWithoutState", 1)
        .as("no host is listed with state: Incus would gather it for all 32 instances of far")
        .doesNotContainKeys("near listInstances", "far listInstances");
    assertThat(new java.util.TreeMap<>(calls).subMap("far instanceState", "far instanceStatf")).as(
        "each release instance's state, once before the rollout and once after its switch; none of another")
        .isEqualTo(Map.of("far instanceState demo-app-2", 2, "far instanceState demo-app-4", 2));
    assertThat(calls).containsEntry("near instanceState demo-app-1", 2).containsEntry("near instanceState demo-app-3", 2);
  }

  @Test
  void theInstancesToAskAreTheReleaseInstancesWhoseAddressIsNotKnownOnReachableHosts() {
    Topology demo = demo("1.0.0");
    DesiredState desired = DesiredState.of(demo, SecretResolver.none(), store.init());

    assertThat(ReleaseAddresses.toAsk(demo, desired, store.init(), Map.of("demo-app-3", "10.0.0.3"),
        List.of())).isEqualTo(Map.of("near", List.of("demo-app-1"), "far", List.of("demo-app-2", "demo-app-4")));
    assertThat(ReleaseAddresses.toAsk(demo, desired, store.init(), Map.of(),
        List.of(new HostProblem("far", "Tried to connect to far, but nothing answers"))))
        .isEqualTo(Map.of("near", List.of("demo-app-1", "demo-app-3")));
  }

  private IncusApi counted(String host, IncusApi api) {
    return (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          String name = host + " " + method.getName();
          calls.merge(method.getName().equals("instanceState") ? name + " " + args[0] : name, 1, Integer::sum);
          try {
            return method.invoke(api, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
