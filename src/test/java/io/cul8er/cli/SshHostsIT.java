package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.ssh.LocalSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The command line with one reachable host (the local socket) and one SSH host nobody answers for. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshHostsIT {
  static final String NAME = "itpart" + UUID.randomUUID().toString().substring(0, 5);
  static final int PORT = LocalSshd.freePort();

  @TempDir static Path dir;
  static Path file;

  @BeforeAll
  static void writeTopology() throws Exception {
    Path key = dir.resolve("id_ed25519");
    Shell.ok("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString());
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, "topology :" + NAME + " do\n"
        + "  host :here do\n    address \"localhost\"\n    platform :debian\n  end\n"
        + "  host :gone do\n    address \"127.0.0.5\"\n    platform :debian\n"
        + "    ssh user: \"root\", port: " + PORT + ", key: \"" + key + "\"\n  end\n"
        + container("near", "here") + container("far", "gone")
        + "end\n");
  }

  private static String container(String name, String host) {
    return "  resource :" + name + ", type: :container, on: :" + host + " do\n    from_image \"cul8er/busybox\"\n"
        + "    limits do\n      memory megabytes: 32\n    end\n  end\n";
  }

  @AfterAll
  static void cleanUp() {
    Cli.run("destroy", NAME, "-f", file.toString(), "--yes", "--partial");
    Shell.run("incus", "delete", "-f", NAME + "-near");
  }

  private static String why() {
    return "gone: Tried to connect to gone (root@127.0.0.5:" + PORT + ") over SSH, but nothing accepts connections on"
        + " 127.0.0.5 port " + PORT + " (Connection refused). Is sshd running there?";
  }

  @Test
  @Order(1)
  void planNamesTheUnreachableHostAndWhy() {
    Cli.Run plan = Cli.run("plan", NAME, "-f", file.toString(), "--no-color");

    assertThat(plan.out())
        .contains("Warning: these hosts could not be reached, so their instances are not planned")
        .contains("! " + why())
        .contains("+ " + NAME + "-near (near on here) will be created")
        .doesNotContain(NAME + "-far");
  }

  @Test
  @Order(2)
  void applyTouchesNoHostWithoutPartial() {
    Cli.Run apply = Cli.run("apply", NAME, "-f", file.toString(), "--yes");

    assertThat(apply.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(apply.err()).contains("Refusing to apply while hosts are unreachable (no host was touched): host " + why());
    assertThat(Shell.run("incus", "info", NAME + "-near").exitCode()).isNotZero();
  }

  @Test
  @Order(3)
  void applyWithPartialProceedsOnTheReachableHost() {
    Cli.Run apply = Cli.run("apply", NAME, "-f", file.toString(), "--yes", "--partial");

    assertThat(apply.exitCode()).as(apply.all()).isZero();
    assertThat(Shell.ok("incus", "list", NAME + "-", "-c", "n", "-f", "csv").trim()).isEqualTo(NAME + "-near");
  }
}
