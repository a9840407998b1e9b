package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.ssh.LocalSshd;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cul8er} as its own process (target/cul8er.jar) against two hosts behind real OpenSSH servers
 * on loopback, reached as the ordinary user cul8er-test through an SSH client configuration
 * ({@code CUL8ER_SSH_CONFIG}): host keys refused, then accepted with {@code --accept-new-host-key},
 * then plan, apply and destroy, each run opening exactly one SSH session per host.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliOverSshIT {
  static final String NAME = "itclissh" + UUID.randomUUID().toString().substring(0, 5);

  @TempDir static Path dir;
  static LocalSshd first;
  static LocalSshd second;
  static Path file;
  static Path sshConfig;
  static Path knownHosts;

  record Run(int exitCode, String output) {}

  @BeforeAll
  static void start() throws IOException {
    int port = LocalSshd.freePort();
    first = LocalSshd.start(dir.resolve("first"), port, "127.0.0.2");
    second = LocalSshd.start(dir.resolve("second"), port, "127.0.0.3");
    knownHosts = dir.resolve("known_hosts");
    sshConfig = Files.writeString(dir.resolve("ssh_config"), hostBlock(first) + hostBlock(second));
    file = Files.writeString(dir.resolve(NAME + ".cul8"), "topology :" + NAME + " do\n"
        + "  host :web_1 do\n    address \"127.0.0.2\"\n    platform :debian\n  end\n"
        + "  host :web_2 do\n    address \"127.0.0.3\"\n    platform :debian\n  end\n"
        + container("left", "web_1") + container("right", "web_2") + "end\n");
  }

  private static String hostBlock(LocalSshd sshd) {
    return "Host " + sshd.addresses().get(0) + "\n  User " + LocalSshd.TEST_USER + "\n  Port " + sshd.port()
        + "\n  IdentityFile " + sshd.clientKey(LocalSshd.TEST_USER) + "\n  UserKnownHostsFile " + knownHosts + "\n";
  }

  private static String container(String name, String host) {
    return "  resource :" + name + ", type: :container, on: :" + host + " do\n    from_image \"cul8er/busybox\"\n"
        + "    limits do\n      memory megabytes: 32\n    end\n  end\n";
  }

  @AfterAll
  static void cleanUp() {
    try {
      cul8er("destroy", NAME, "-f", file.toString(), "--yes", "--partial");
    } finally {
      first.stop();
      second.stop();
      for (String line : Shell.run("incus", "list", NAME + "-", "-c", "n", "-f", "csv").output().split("\n")) {
        if (!line.isBlank()) {
          Shell.run("incus", "delete", "-f", line.trim());
        }
      }
    }
  }

  /** Runs cul8er with only this test's SSH configuration: no agent, no ~/.ssh files. */
  static Run cul8er(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + dir.resolve("home"), "-jar", Path.of("target/cul8er.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove("SSH_AUTH_SOCK");
    builder.environment().remove("CUL8ER_STATE_URL");
    builder.environment().put("CUL8ER_SSH_CONFIG", sshConfig.toString());
    try {
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("cul8er " + String.join(" ", args) + " did not finish: " + output);
      }
      return new Run(process.exitValue(), output);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs cul8er and checks that it opened exactly one SSH session on each host. */
  static Run oneSessionPerHost(String... args) {
    long firstBefore = first.sessionsOf(LocalSshd.TEST_USER);
    long secondBefore = second.sessionsOf(LocalSshd.TEST_USER);
    Run run = cul8er(args);
    assertThat(List.of(first.sessionsOf(LocalSshd.TEST_USER) - firstBefore,
        second.sessionsOf(LocalSshd.TEST_USER) - secondBefore)).as(run.output()).containsExactly(1L, 1L);
    return run;
  }

  private static String fingerprint(LocalSshd sshd) {
    return sshd.hostKeyFingerprint().split(" ")[1];
  }

  private static String endpoint(LocalSshd sshd) {
    return LocalSshd.TEST_USER + "@" + sshd.addresses().get(0) + ":" + sshd.port();
  }

  @Test
  @Order(1)
  void anUnknownHostKeyIsRefusedWithoutTheFlagAndNothingIsWritten() {
    Run plan = cul8er("plan", NAME, "-f", file.toString(), "--no-color");

    assertThat(plan.exitCode()).as(plan.output()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(plan.output()).contains("! web_1: Tried to connect to web_1 (" + endpoint(first) + ") over SSH, but its"
        + " host key is not in " + knownHosts + ": ED25519 " + fingerprint(first) + " — verify it (ssh-keygen -lf"
        + " /etc/ssh/ssh_host_*_key.pub on the host) and re-run with --accept-new-host-key to add it");
    assertThat(plan.output()).contains("! web_2: Tried to connect to web_2 (" + endpoint(second) + ")");
    assertThat(knownHosts).doesNotExist();
    assertThat(first.sessionsOf(LocalSshd.TEST_USER)).isZero();
  }

  @Test
  @Order(2)
  void theFlagAddsEachHostKeyToTheKnownHostsFileOfTheConfigurationAndSaysSo() throws IOException {
    Run plan = oneSessionPerHost("plan", NAME, "-f", file.toString(), "--no-color", "--accept-new-host-key");

    assertThat(plan.exitCode()).as(plan.output()).isZero();
    for (LocalSshd sshd : List.of(first, second)) {
      assertThat(plan.output()).containsOnlyOnce("Warning: Permanently added '[" + sshd.addresses().get(0) + "]:"
          + sshd.port() + "' (ED25519 " + fingerprint(sshd) + ") to the list of known hosts (" + knownHosts + ").");
    }
    assertThat(plan.output()).contains("Refreshed 2 hosts with 4 Incus API requests.") // per host: its instances, its image aliases (creates)
        .contains("+ " + NAME + "-left (left on web_1) will be created")
        .contains("+ " + NAME + "-right (right on web_2) will be created");
    assertThat(Files.readAllLines(knownHosts)).containsExactlyInAnyOrder(
        first.trustedKnownHosts().trim(), second.trustedKnownHosts().trim());
  }

  @Test
  @Order(3)
  void applyCreatesOnBothHostsOverOneSessionEach() {
    Run apply = oneSessionPerHost("apply", NAME, "-f", file.toString(), "--yes");

    assertThat(apply.exitCode()).as(apply.output()).isZero();
    assertThat(apply.output()).doesNotContain("Permanently added");
    assertThat(Shell.ok("incus", "list", NAME + "-", "-c", "ns", "-f", "csv").lines().sorted().toList())
        .containsExactly(NAME + "-left,RUNNING", NAME + "-right,RUNNING");

    Run again = oneSessionPerHost("plan", NAME, "-f", file.toString(), "--detailed-exitcode");
    assertThat(again.exitCode()).as(again.output()).isEqualTo(ExitCodes.OK);
  }

  @Test
  @Order(4)
  void destroyDeletesOnBothHostsOverOneSessionEach() {
    Run destroy = oneSessionPerHost("destroy", NAME, "-f", file.toString(), "--yes");

    assertThat(destroy.exitCode()).as(destroy.output()).isZero();
    assertThat(Shell.ok("incus", "list", NAME + "-", "-c", "n", "-f", "csv")).isBlank();
  }
}
