package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusException;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstanceState;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import io.cul8er.incus.fake.FakeIncus;
import io.cul8er.plan.Step;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StepRunnerTest {
  private final FakeIncus fake = new FakeIncus();

  /** Incus that reports the instance stopped once, while a start left in flight finishes. */
  private IncusApi startRacingWithLook(AtomicBoolean raced) {
    return (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(), new Class<?>[] {IncusApi.class},
        (proxy, method, args) -> {
          try {
            if (method.getName().equals("instanceState") && raced.compareAndSet(false, true)) {
              InstanceState before = fake.instanceState((String) args[0]);
              fake.changeState((String) args[0], StateChange.start());
              return before;
            }
            return method.invoke(fake, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private StepRunner runner(IncusApi incus) {
    return new StepRunner(incus, spec -> Map.of(), Duration.ofSeconds(2), Clock.systemUTC());
  }

  @Test
  void aStartThatAnotherOperationFinishedFirstIsDone() throws Exception {
    fake.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")));
    AtomicBoolean raced = new AtomicBoolean();

    runner(startRacingWithLook(raced)).run(new Step.StartInstance("web-1"));

    assertThat(raced).isTrue();
    assertThat(fake.instanceState("web-1").status()).isEqualTo("Running");
  }

  @Test
  void aRefusedStartOfAnInstanceStillStoppedIsAnError() {
    fake.createInstance(InstancesPost.container("web-1", InstanceSource.alias("cul8er/busybox")));
    IncusApi refusing = (IncusApi) Proxy.newProxyInstance(IncusApi.class.getClassLoader(),
        new Class<?>[] {IncusApi.class}, (proxy, method, args) -> {
          if (method.getName().equals("changeState")) {
            throw new IncusException("PUT /1.0/instances/web-1/state", "start instance web-1", 500, "no rootfs");
          }
          return method.invoke(fake, args);
        });

    assertThatThrownBy(() -> runner(refusing).run(new Step.StartInstance("web-1")))
        .isInstanceOf(IncusException.class)
        .hasMessageContaining("no rootfs");
    assertThat(fake.instanceState("web-1").status()).isEqualTo("Stopped");
  }
}
