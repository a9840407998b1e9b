package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `cul8er setup` on this machine, where Incus is installed and initialised. */
class SetupCommandIT {
  @TempDir Path dir;

  @Test
  void aReadyLocalHostIsReportedReadyWithNothingToChange() throws Exception {
    Path file = Files.writeString(dir.resolve("t.cul8"), "topology :prep do\n"
        + "  host :here do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  host :far do\n    address \"198.51.100.9\"\n    platform :incusos\n    https port: 8443\n  end\nend\n");

    Cli.Run run = Cli.run("setup", "prep", "-f", file.toString());

    assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.out())
        .contains("[here] ready", "[far] NOT READY")
        .contains("here (this machine)\n  ok       Incus installed: ")
        .contains("  ok       managed bridge: ")
        .contains("  nothing to change\n")
        .contains("far (198.51.100.9)\n  FAILED   connect: Tried to prepare host far, but it is reached over the Incus"
            + " HTTPS API, which runs no commands; prepare it by hand, or give it an `ssh` connection for setup")
        .endsWith("1 of 2 hosts ready.\n");
  }
}
