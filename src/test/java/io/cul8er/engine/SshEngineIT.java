package io.cul8er.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cul8er.dsl.Dsl;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.plan.HostProblem;
import io.cul8er.ssh.LocalSshd;
import io.cul8er.ssh.SshSettings;
import io.cul8er.state.InMemoryStateStore;
import io.cul8er.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
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
 * Deploys to the local Incus through real OpenSSH servers on loopback, logged in as an ordinary
 * user in the Incus socket's group (not root): one host, then two hosts applied in parallel, then
 * one of them lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SshEngineIT {
  private static final String PREFIX = "itssh" + UUID.randomUUID().toString().substring(0, 5);

  @TempDir static Path dir;
  static LocalSshd first;
  static LocalSshd second;
  static SshSettings ssh;

  @BeforeAll
  static void startSshd() throws IOException {
    int port = LocalSshd.freePort();
    first = LocalSshd.start(dir.resolve("first"), port, "127.0.0.2");
    second = LocalSshd.start(dir.resolve("second"), port, "127.0.0.3");
    Path knownHosts = dir.resolve("known_hosts");
    java.nio.file.Files.writeString(knownHosts, first.trustedKnownHosts() + second.trustedKnownHosts());
    ssh = SshSettings.fromEnvironment().withConfigFile(dir.resolve("no_ssh_config")).withKnownHosts(knownHosts).withoutAgent();
  }

  @AfterAll
  static void cleanUp() {
    first.stop();
    second.stop();
    for (String line : incus("list", PREFIX, "-c", "n", "-f", "csv").split("\n")) {
      if (!line.isBlank()) {
        incus("delete", "-f", line.trim());
      }
    }
  }

  private static Engine engine(Engine.Settings settings) {
    return new Engine(new HostConnectors(new LocalConnector(), new SshConnector(ssh), new HttpsConnector()),
        Secrets.fromProcess(), Clock.systemUTC(), settings);
  }

  private static String host(String name, LocalSshd sshd) {
    return host(name, sshd, LocalSshd.TEST_USER);
  }

  private static String host(String name, LocalSshd sshd, String user) {
    return "  host :" + name + " do\n    address \"" + sshd.addresses().get(0) + "\"\n    platform :debian\n"
        + "    ssh user: \"" + user + "\", port: " + sshd.port() + ", key: \"" + sshd.clientKey(user) + "\"\n  end\n";
  }

  private static String container(String name, String host) {
    return "  resource :" + name + ", type: :container, on: :" + host + " do\n    from_image \"cul8er/busybox\"\n"
        + "    limits do\n      memory megabytes: 32\n    end\n  end\n";
  }

  private static Topology parse(String name, String body) {
    String text = "topology :" + name + " do\n" + body + "end\n";
    return Dsl.parse(name + ".cul8", text).topology(name).orElseThrow(() -> new AssertionError(text));
  }

  @Test
  @Order(1)
  void appliesPlansAndDestroysThroughTheTunnel() {
    String name = PREFIX + "one";
    Topology topology = parse(name, host("web_1", first) + container("app", "web_1"));
    StateStore state = new InMemoryStateStore(name);
    try (Engine engine = engine(Engine.Settings.defaults())) {
      ApplyResult applied = engine.apply(topology, state, Operation.APPLY, java.util.Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation());

      assertThat(applied.outcome()).as(applied.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
      assertThat(incus("list", name + "-app", "-c", "ns", "-f", "csv").trim()).isEqualTo(name + "-app,RUNNING");
      assertThat(engine.plan(topology, state).plan().hasChanges()).isFalse();

      ApplyResult destroyed = engine.apply(topology, state, Operation.DESTROY, java.util.Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation());

      assertThat(destroyed.outcome()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
      assertThat(incus("list", name + "-app", "-c", "n", "-f", "csv")).isBlank();
    }
  }

  static final String TWO = PREFIX + "two";
  static final StateStore TWO_STATE = new InMemoryStateStore(TWO);

  private static Topology twoHosts(String extra) {
    return parse(TWO, host("web_1", first) + host("web_2", second)
        + container("left", "web_1") + container("right", "web_2") + extra);
  }

  @Test
  @Order(2)
  void appliesOnTwoHostsInParallel() {
    try (Engine engine = engine(Engine.Settings.defaults())) {
      ApplyResult applied = engine.apply(twoHosts(""), TWO_STATE, Operation.APPLY, java.util.Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation());

      assertThat(applied.outcome()).as(applied.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
      assertThat(applied.state().instances()).extracting(r -> r.host() + "/" + r.instanceName())
          .containsExactlyInAnyOrder("web_1/" + TWO + "-left", "web_2/" + TWO + "-right");
      assertThat(engine.plan(twoHosts(""), TWO_STATE).plan().hasChanges())
          .as("each host sees only its own instance, though both reach the same Incus").isFalse();
    }
  }

  @Test
  @Order(3)
  void aHostLostMidRunIsNamedAndApplyTouchesNoHostUnlessPartial() {
    Topology grown = twoHosts(container("extra", "web_1"));
    try (Engine engine = engine(Engine.Settings.defaults())) {
      PlanResult before = engine.plan(grown, TWO_STATE);
      assertThat(before.plan().unreachable()).isEmpty();
      assertThat(before.plan().summary()).extracting(s -> List.of(s.add(), s.change(), s.replace(), s.destroy()))
          .isEqualTo(List.of(1, 0, 0, 0));

      second.stop();

      List<HostProblem> problems = engine.plan(grown, TWO_STATE).plan().unreachable();
      assertThat(problems).extracting(HostProblem::host).containsExactly("web_2");
      // The engine had talked to web_2 before: it tries the lost connection again for the retry window, then
      // gives the host up for the run.
      assertThat(problems.get(0).reason()).matches(java.util.regex.Pattern.quote("Gave up on web_2 ("
          + LocalSshd.TEST_USER + "@127.0.0.3:" + second.port() + "): the SSH connection to it was lost at ")
          + "\\d\\d:\\d\\d:\\d\\d UTC" + java.util.regex.Pattern.quote(" and could not be opened again within 60 s (the last"
          + " attempt: Tried to connect to web_2 (" + LocalSshd.TEST_USER + "@127.0.0.3:" + second.port() + ") over SSH,"
          + " but nothing accepts connections on 127.0.0.3 port " + second.port() + " (Connection refused). Is sshd"
          + " running there?); it is not tried again during this run (needed for GET /1.0/instances)"));
      assertThatThrownBy(() -> engine.apply(grown, TWO_STATE, Operation.APPLY, java.util.Optional.empty(), plan -> true,
              ApplyListener.ignore(), new Cancellation()))
          .isInstanceOf(Cul8erException.class)
          .hasMessageStartingWith("Refusing to apply while hosts are unreachable (no host was touched): host web_2: ");
      assertThat(incus("list", TWO + "-extra", "-c", "n", "-f", "csv")).isBlank();
    }
    try (Engine partial = engine(Engine.Settings.defaults().withPartial(true))) {
      List<HostProblem> problems = partial.plan(grown, TWO_STATE).plan().unreachable();
      assertThat(problems).extracting(HostProblem::reason).containsExactly(
          "Tried to connect to web_2 (" + LocalSshd.TEST_USER + "@127.0.0.3:" + second.port() + ") over SSH, but nothing accepts connections on"
              + " 127.0.0.3 port " + second.port() + " (Connection refused). Is sshd running there?");

      ApplyResult applied = partial.apply(grown, TWO_STATE, Operation.APPLY, java.util.Optional.empty(), plan -> true,
          ApplyListener.ignore(), new Cancellation());

      assertThat(applied.outcome()).as(applied.failures().toString()).isEqualTo(ApplyResult.Outcome.SUCCEEDED);
      assertThat(incus("list", TWO + "-", "-c", "n", "-f", "csv").lines().sorted().toList())
          .containsExactly(TWO + "-extra", TWO + "-left", TWO + "-right");
    }
  }

  @Test
  @Order(4)
  void aUserWhoMayNotUseTheIncusSocketIsToldSoInThePlan() {
    Topology topology = parse(PREFIX + "out", host("web_1", first, LocalSshd.OUTSIDER) + container("app", "web_1"));
    try (Engine engine = engine(Engine.Settings.defaults())) {
      List<HostProblem> problems = engine.plan(topology, new InMemoryStateStore(PREFIX + "out")).plan().unreachable();

      assertThat(problems).extracting(HostProblem::reason).singleElement().asString()
          .startsWith("Tried GET /1.0/instances on web_1 (" + LocalSshd.OUTSIDER + "@127.0.0.2:" + first.port()
              + ") through SSH: Tried to open the Unix socket /var/lib/incus/unix.socket on web_1")
          .contains("Check that the socket exists and " + LocalSshd.OUTSIDER + " may use it");
    }
  }

  static String incus(String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("incus"));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("incus timed out: " + command);
      }
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
