package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusNotFoundException;
import io.cul8er.model.Cul8erException;
import io.cul8er.plan.Step;
import io.cul8er.plan.Steps;
import io.cul8er.state.InMemoryStateStore;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The executor's schedule, observed through the one Incus call a delete step makes first: each
 * instance's "look" runs a test hook (wait at a barrier, count who runs at once, fail), then the
 * instance is reported already gone, which ends the step successfully.
 */
class ExecutorTest {
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  /** What the instance's look does before the instance is found gone. */
  @FunctionalInterface
  interface Hook {
    void look(String host, String instance) throws Exception;
  }

  private final List<String> trace = Collections.synchronizedList(new ArrayList<>());
  private final List<ApplyEvent> events = Collections.synchronizedList(new ArrayList<>());
  private Workers workers;

  @AfterEach
  void stopWorkers() {
    if (workers != null) {
      workers.close();
    }
  }

  private List<InstanceFailure> run(int parallelism, Hook hook, Steps.HostSchedule... hosts) throws InterruptedException {
    workers = new Workers(parallelism);
    InMemoryStateStore store = new InMemoryStateStore("t");
    Map<String, StepRunner> runners = new ConcurrentHashMap<>();
    Executor executor = new Executor(workers,
        host -> runners.computeIfAbsent(host, h -> new StepRunner(incus(h, hook), spec -> Map.of(), PATIENCE,
            Clock.systemUTC())),
        new StateRecorder(store, store.init()), events::add, new Cancellation(), Clock.systemUTC());
    return executor.run(new Steps(List.of(hosts)));
  }

  /** An Incus where every instance is already gone, once the hook has looked at it. */
  private IncusApi incus(String host, Hook hook) {
    return (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("instanceState")) {
            throw new UnsupportedOperationException(method.getName());
          }
          String instance = (String) args[0];
          trace.add("start " + host + "/" + instance);
          hook.look(host, instance);
          trace.add("end " + host + "/" + instance);
          throw new IncusNotFoundException("GET /1.0/instances/" + instance + "/state", "look", "not found");
        });
  }

  private static Steps.HostSchedule host(String name, List<List<String>> batches) {
    return new Steps.HostSchedule(name, batches.stream()
        .map(batch -> new Steps.Batch(batch.stream()
            .map(instance -> new Steps.Sequence(instance, List.of(new Step.DeleteInstance(instance)))).toList()))
        .toList());
  }

  private static void await(CyclicBarrier barrier) throws InterruptedException, BrokenBarrierException {
    try {
      barrier.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new Cul8erException("the others never arrived at the barrier");
    }
  }

  @Test
  void theStepsOfTwoHostsRunAtTheSameTime() throws Exception {
    CyclicBarrier bothHosts = new CyclicBarrier(2);

    List<InstanceFailure> failures = run(4, (host, instance) -> await(bothHosts),
        host("web_1", List.of(List.of("a"))), host("web_2", List.of(List.of("b"))));

    assertThat(failures).as("each host's step waited for the other's to start").isEmpty();
    assertThat(trace).hasSize(4);
    assertThat(trace.subList(0, 2)).containsExactlyInAnyOrder("start web_1/a", "start web_2/b");
  }

  @Test
  void theBatchesOfAHostRunInOrderAndTheInstancesOfABatchTogether() throws Exception {
    CyclicBarrier firstBatch = new CyclicBarrier(2);
    CountDownLatch laterStarted = new CountDownLatch(1);

    List<InstanceFailure> failures = run(4, (host, instance) -> {
      if (instance.equals("later")) {
        laterStarted.countDown();
        return;
      }
      await(firstBatch);
      assertThat(laterStarted.await(200, TimeUnit.MILLISECONDS)).as("the next batch started too early").isFalse();
    }, host("web_1", List.of(List.of("x1", "x2"), List.of("later"))));

    assertThat(failures).isEmpty();
    assertThat(trace.subList(0, 4)).containsExactlyInAnyOrder("start web_1/x1", "start web_1/x2", "end web_1/x1",
        "end web_1/x2");
    assertThat(trace.subList(4, 6)).containsExactly("start web_1/later", "end web_1/later");
  }

  @Test
  void theInstancesOfABatchRunAsManyAtOnceAsTheWorkersAllowAndNoMore() throws Exception {
    int parallelism = 3;
    CyclicBarrier aFullPool = new CyclicBarrier(parallelism);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    List<String> instances = List.of("i1", "i2", "i3", "i4", "i5", "i6");

    List<InstanceFailure> failures = run(parallelism, (host, instance) -> {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        await(aFullPool);
        Thread.sleep(20);
      } finally {
        running.decrementAndGet();
      }
    }, host("web_1", List.of(instances)));

    assertThat(failures).isEmpty();
    assertThat(most).hasValue(parallelism);
    assertThat(trace).filteredOn(line -> line.startsWith("end ")).hasSize(instances.size());
  }

  @Test
  void aFailedInstanceStopsTheLaterBatchesOfItsHostOnly() throws Exception {
    List<InstanceFailure> failures = run(4, (host, instance) -> {
      if (instance.equals("bad")) {
        throw new Cul8erException("Tried to delete bad, but the disk is gone");
      }
    }, host("web_1", List.of(List.of("bad", "good"), List.of("later", "later2"))),
        host("web_2", List.of(List.of("b1"), List.of("b2"))));

    assertThat(failures).containsExactly(
        new InstanceFailure("web_1", "bad", "delete bad", "Tried to delete bad, but the disk is gone"));
    assertThat(trace).contains("end web_1/good", "end web_2/b1", "end web_2/b2")
        .doesNotContain("start web_1/later", "start web_1/later2");
    assertThat(events).filteredOn(ApplyEvent.StepSkipped.class::isInstance).containsExactly(
        new ApplyEvent.StepSkipped("web_1", "later", "delete later", "an earlier step on host web_1 failed"),
        new ApplyEvent.StepSkipped("web_1", "later2", "delete later2", "an earlier step on host web_1 failed"));
    assertThat(events).contains(
        new ApplyEvent.StepFailed("web_1", "bad", "delete bad", "Tried to delete bad, but the disk is gone"));
  }

  @Test
  void theStepsOfAnInstanceRunInOrderAndStopAtTheFirstFailure() throws Exception {
    List<InstanceFailure> failures = run(2, (host, instance) -> {
      if (instance.equals("two")) {
        throw new Cul8erException("refused");
      }
    }, new Steps.HostSchedule("web_1", List.of(new Steps.Batch(List.of(new Steps.Sequence("one",
        Arrays.asList(new Step.DeleteInstance("one"), new Step.DeleteInstance("two"), new Step.DeleteInstance("three"))))))));

    assertThat(failures).containsExactly(new InstanceFailure("web_1", "one", "delete two", "refused"));
    assertThat(trace).containsExactly("start web_1/one", "end web_1/one", "start web_1/two");
  }
}
