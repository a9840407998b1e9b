package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.edge.HostEdge;
import io.cul8er.incus.IncusDaemon;
import io.cul8er.state.LocalProcess;
import io.cul8er.state.LockInfo;
import io.cul8er.state.StateLock;
import io.cul8er.state.file.FileStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cul8er agent} (its own process, a pass every second) against real failures of one deploy
 * in the live Incus: three hello-cluster (JGroups) members behind this machine's edge. A release
 * process killed, one hung, a member stopped, the edge's HAProxy killed: each gets its action and
 * its events; a second agent is refused naming the first; it pauses while a deploy holds the lock;
 * a deploy waits for a lock the agent holds; it rides out an Incus daemon killed and started again;
 * it serves the topology's dashboard.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentIT {
  private static final int EDGE_PORT = 8731;
  private static final Duration WITHIN = Duration.ofSeconds(60);

  private Path dir;
  private String name;
  private Path file;
  private Process agent;
  private int dashboardPort;
  private CliProcess.Output output;

  @BeforeAll
  void deployAndStartTheAgent(@TempDir Path temporary) throws Exception {
    dir = temporary;
    ExampleTopologies.build("hello-cluster");
    Path cookie = dir.resolve("cookie");
    Files.writeString(cookie, "c" + UUID.randomUUID().toString().replace("-", ""));
    name = "ag" + UUID.randomUUID().toString().substring(0, 6);
    String text = ExampleTopologies.onUserland(ExampleTopologies.copy("hello-cluster", "cluster.cul8", "cluster",
        name, cookie)).replace("    replicas 3\n", "    replicas 3\n    network do\n      expose port: 8080, as: " + EDGE_PORT
        + ", protocol: :http\n    end\n").replace("      retries 3\n", "      retries 2\n");
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, text);
    Cli.Run deploy = Cli.run("deploy", name, "-f", file.toString());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();

    dashboardPort = LiveTopology.freePort();
    agent = CliProcess.start("agent", name, "-f", file.toString(), "--interval", "1s", "--serve",
        Integer.toString(dashboardPort));
    output = CliProcess.Output.of(agent);
    output.await(name + ": agent started, a pass every 1.0 s");
  }

  @AfterAll
  void stopTheAgentAndDestroy() throws Exception {
    try {
      if (agent != null) {
        Shell.run("kill", "-TERM", Long.toString(agent.pid()));
        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as(output.text()).isTrue();
        output.awaitEnd();
        assertThat(agent.exitValue()).as(output.text()).isZero();
        assertThat(output.text()).contains(name + ": agent stopped after ");
        assertThat(events()).anyMatch(e -> e.startsWith("{\"type\":\"agent_stopped\"")
            && e.contains("\"reason\":\"stopped by a signal\""));
      }
    } finally {
      if (name != null) {
        Cli.run("destroy", name, "-f", file.toString(), "--yes");
      }
    }
  }

  private String instance(int n) {
    return name + "-node-" + n;
  }

  private List<String> events() throws IOException {
    Path log = dir.resolve(".cul8er").resolve(name).resolve("events.jsonl");
    return Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
  }

  private void awaitLine(String marker) throws InterruptedException {
    output.await(name + ": " + marker, WITHIN);
  }

  @Test
  @Order(1)
  void aSecondAgentIsRefusedNamingTheFirst() throws Exception {
    Cli.Run second = CliProcess.run(Map.of(), 2, file, "agent", name, "--once");

    assertThat(second.exitCode()).as(second.out()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(second.out()).contains("An agent already runs for topology " + name + ": " + LocalProcess.user() + "@"
        + LocalProcess.host() + " (pid " + agent.pid() + "), started ");
    Cli.Run status = Cli.run("status", name, "-f", file.toString());
    for (int i = 0; i < 30 && !status.out().contains(", last pass "); i++) { // the first pass may still run
      Thread.sleep(1000);
      status = Cli.run("status", name, "-f", file.toString());
    }
    assertThat(status.out()).contains("agent: running as " + LocalProcess.user() + "@" + LocalProcess.host()
        + " (pid " + agent.pid() + ") since ").contains(", last pass ");
  }

  @Test
  @Order(2)
  void aKilledReleaseIsTakenOutAndAHungOneRestartedWhileADeployHoldsTheLockTheAgentPauses() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve(".cul8er"), name);
    String hung;
    try (StateLock held = store.lock(LockInfo.forThisProcess(name, "deploy", Clock.systemUTC()), Duration.ZERO)) {
      Shell.ok("incus", "exec", instance(1), "--", "sh", "-c", "kill -KILL $(cat /run/cul8er/hello-cluster.pid)");
      Shell.ok("incus", "exec", instance(2), "--", "sh", "-c", "kill -STOP $(cat /run/cul8er/hello-cluster.pid)");
      hung = "paused: the state is locked by " + LocalProcess.user() + "@" + LocalProcess.host();
      awaitLine(hung);
    }
    awaitLine("take " + instance(2) + " out of its edges: GET http://");
    awaitLine("restart the release of " + instance(2) + " on local (attempt 1): GET http://");
    awaitLine("put " + instance(2) + " back into its edges (out since ");
    assertThat(events()).anyMatch(e -> e.startsWith("{\"type\":\"agent_paused\""))
        .anyMatch(e -> e.startsWith("{\"type\":\"agent_took_out\"") && e.contains(instance(2)))
        .anyMatch(e -> e.startsWith("{\"type\":\"agent_restarted\"") && e.contains(instance(2)))
        .anyMatch(e -> e.startsWith("{\"type\":\"agent_put_back\"") && e.contains(instance(2)));
    // The killed one: its supervisor started it again within the start grace, so the agent (which
    // takes it out while a pass finds it failing) never restarts it.
    assertThat(events()).noneMatch(e -> e.startsWith("{\"type\":\"agent_restarted\"") && e.contains(instance(1)));
    assertThat(output.text()).doesNotContain(name + ": drift:");
    assertThat(store.auditEntries()).anyMatch(a -> a.operation().equals("agent")
        && a.summary().startsWith("restart the release of " + instance(2)));
  }

  @Test
  @Order(3)
  void aStoppedMemberIsStartedAndTheClusterMembershipFollows() throws Exception {
    Shell.ok("incus", "stop", "-f", instance(3));

    awaitLine("take " + instance(3) + " out of its edges: ");
    awaitLine("start " + instance(3) + " on local (attempt ");
    awaitLine("rewrite the membership of cluster hello: " + instance(1) + ", " + instance(2) + "\n");
    awaitLine("put " + instance(3) + " back into its edges");
    awaitLine("rewrite the membership of cluster hello: " + instance(1) + ", " + instance(2) + ", " + instance(3));
    assertThat(Shell.ok("incus", "exec", instance(1), "--", "cat", "/opt/cul8er/hello-cluster/env"))
        .contains(instance(3));
  }

  @Test
  @Order(4)
  void theEdgeKilledIsStartedAgain() throws Exception {
    List<Long> haproxy = localEdgeProcesses();
    haproxy.forEach(pid -> Shell.run("kill", "-KILL", Long.toString(pid)));

    awaitLine("start the edge of local: it is not running");
    assertThat(HostEdge.local().running()).isTrue();
    assertThat(events()).anyMatch(e -> e.startsWith("{\"type\":\"agent_restarted_edge\"") && e.contains("\"host\":\"local\""));
  }

  @Test
  @Order(5)
  void aDeployWaitsForALockTheAgentHolds() throws Exception {
    FileStateStore store = new FileStateStore(dir.resolve(".cul8er"), name);
    // The running agent may be mid-pass and holding the lock itself: wait for it, as a deploy would.
    StateLock asTheAgent = store.lock(LockInfo.forThisProcess(name, "agent", Clock.systemUTC()), Duration.ofSeconds(60));
    Thread release = new Thread(() -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      asTheAgent.close();
    });
    release.start();
    Cli.Run deploy = CliProcess.run(Map.of(), 3, file, "deploy", name);
    release.join();

    assertThat(deploy.exitCode()).as(deploy.out()).isZero();
  }

  @Test
  @Order(6)
  void itRidesOutAnIncusRestart() throws Exception {
    LiveComponents.require("an incusd these tests can restart", IncusDaemon.restartable());
    IncusDaemon.crash();
    Thread.sleep(3000);
    IncusDaemon.ensureRunning();
    Shell.ok("incus", "stop", "-f", instance(1));

    awaitLine("start " + instance(1) + " on local (attempt ");
    assertThat(agent.isAlive()).as(output.text()).isTrue();
  }

  @Test
  @Order(7)
  void itServesTheTopologysDashboard() throws Exception {
    assertThat(output.text()).contains("serving the metrics of " + name + " at http://127.0.0.1:" + dashboardPort
        + "/metrics and its dashboard at http://127.0.0.1:" + dashboardPort + "/");
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.http.HttpResponse<String> fleet = http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + dashboardPort + "/api/fleet")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(fleet.statusCode()).as(fleet.body()).isEqualTo(200);
    assertThat(fleet.body()).contains("\"" + instance(1) + "\"", "\"" + instance(2) + "\"", "\"" + instance(3) + "\"");
  }

  /** The HAProxy processes (master and workers) of this machine's edge, in this PID namespace only. */
  private static List<Long> localEdgeProcesses() throws IOException {
    String config = HostEdge.local().directory().resolve("haproxy.cfg").toString();
    Path ownNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid"));
    List<Long> pids = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          String command = Files.readString(proc.resolve("cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
          if (command.contains("haproxy") && command.contains(config)
              && Files.readSymbolicLink(proc.resolve("ns/pid")).equals(ownNamespace)) {
            pids.add(Long.parseLong(proc.getFileName().toString()));
          }
        } catch (IOException gone) {
          // ended while we looked, or not ours to read
        }
      }
    }
    assertThat(pids).as("HAProxy processes of this machine's edge").isNotEmpty();
    return pids;
  }
}
