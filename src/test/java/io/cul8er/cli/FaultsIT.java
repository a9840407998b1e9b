package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and faults against the live Incus: each gives one clear message and changes nothing. */
class FaultsIT {
  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void anUnknownImageAliasIsNamedWithTheImagesThatExist() {
    topology = new LiveTopology(dir, """
          resource :app, type: :container, on: :local do
            from_image "no-such/image"
          end
        """);

    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f());
    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
    assertThat(plan.out()).contains("image 'no-such/image' does not exist on this Incus; existing aliases: ");

    Cli.Run apply = Cli.run("apply", topology.name, "-f", topology.f(), "--yes");

    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.all())
        .contains("image 'no-such/image' does not exist on this Incus; existing aliases: ")
        .contains("cul8er/busybox")
        .doesNotContain("\tat ");
    assertThat(Shell.run("incus", "info", topology.instance("app")).exitCode()).isNotZero();
  }

  @Test
  void aMissingSocketSaysWhatToRun() throws Exception {
    topology = new LiveTopology(dir, "");
    Path file = dir.resolve("nosocket.cul8");
    Files.writeString(file, """
        topology :nosocket do
          host :local do
            address "localhost"
            platform :debian
            socket "/nonexistent/incus/unix.socket"
          end
          resource :app, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        end
        """);

    Cli.Run plan = Cli.run("plan", "nosocket", "-f", file.toString());

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.all())
        .contains("/nonexistent/incus/unix.socket does not exist")
        .contains("scripts/setup.sh")
        .doesNotContain("\tat ");

    Cli.Run apply = Cli.run("apply", "nosocket", "-f", file.toString(), "--yes");
    assertThat(apply.exitCode()).isEqualTo(1);
    assertThat(apply.err()).contains("Refusing to apply while hosts are unreachable (no host was touched)");
  }

  @Test
  void aCorruptStateFileIsRefusedAndLeftAlone() throws Exception {
    topology = new LiveTopology(dir, """
          resource :app, type: :container, on: :local do
            from_image "cul8er/busybox"
          end
        """);
    Path state = dir.resolve(".cul8er").resolve(topology.name).resolve("state.json");
    Files.createDirectories(state.getParent());
    Files.writeString(state, "{ this is not a state", StandardCharsets.UTF_8);

    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f());

    assertThat(plan.exitCode()).isEqualTo(1);
    assertThat(plan.err()).contains(state.toString()).doesNotContain("\tat ");
    assertThat(Files.readString(state)).isEqualTo("{ this is not a state");
    Files.delete(state);
  }

  @Test
  void aSavedPlanThatCannotBeWrittenSaysWhy() {
    topology = new LiveTopology(dir, "");
    Path missing = dir.resolve("no-such-dir").resolve("p.json");
    Cli.Run run = Cli.run("plan", topology.name, "-f", topology.f(), "--out", missing.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("error: Cannot write the saved plan " + missing + ": its directory does not exist");
  }
}
