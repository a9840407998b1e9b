package io.cul8er.incus.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.incus.IncusException;
import io.cul8er.incus.api.ExecCommand;
import io.cul8er.incus.api.ExecResult;
import io.cul8er.incus.api.InstanceSource;
import io.cul8er.incus.api.InstancesPost;
import io.cul8er.incus.api.StateChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the fake does beyond the shared contract. */
class FakeIncusTest {

  @Test
  void execIsAnsweredByTheGivenResponder() {
    FakeIncus incus = new FakeIncus(List.of("img"),
        (instance, command, files) -> new ExecResult(0, instance + ":" + command.command(), ""),
        Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    incus.createInstance(InstancesPost.container("c1", InstanceSource.alias("img")).started());

    assertThat(incus.exec("c1", ExecCommand.of("uptime")).stdout()).isEqualTo("c1:[uptime]");
    assertThat(incus.findInstance("c1").orElseThrow().value().createdAt()).contains(Instant.EPOCH);
  }

  @Test
  void invalidNamesAreRefusedAsIncusWould() {
    FakeIncus incus = new FakeIncus();

    assertThatThrownBy(() -> incus.createInstance(
        InstancesPost.container("1web", InstanceSource.alias("cul8er/busybox"))))
        .isInstanceOf(IncusException.class)
        .hasMessage("POST /1.0/instances (create container 1web from image cul8er/busybox): "
            + "Incus said 400: Invalid instance name: it must start with a letter");
  }

  @Test
  void frozenInstanceCanBeThawedAndStopped() {
    FakeIncus incus = new FakeIncus();
    incus.createInstance(
        InstancesPost.container("c1", InstanceSource.alias("cul8er/busybox")).started());

    incus.changeState("c1", new StateChange(StateChange.Action.FREEZE, -1, false, false));
    assertThat(incus.instanceState("c1").status()).isEqualTo("Frozen");
    incus.changeState("c1", new StateChange(StateChange.Action.UNFREEZE, -1, false, false));
    incus.changeState("c1", StateChange.forceStop());
    assertThat(incus.instanceState("c1").network()).isEmpty();
    assertThatThrownBy(() -> incus.changeState("c1", StateChange.restart(5)))
        .hasMessageEndingWith("Incus said 400: The instance isn't running");
  }
}
