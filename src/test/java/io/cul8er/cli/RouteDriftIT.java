package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.testbed.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A release served by the edges of two real hosts of the test bed (cul8er-tb-2, cul8er-tb-3), so
 * each edge balances over the other host's instance too: setup routes the container subnets, a
 * deploy, then one route deleted inside a host is drift that plan and status report, naming the
 * route and saying that setup adds it; setup puts it back and plan is clean again. The route is
 * always restored, since other tests use these hosts.
 */
class RouteDriftIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EDGE_PORT = 8204;

  @TempDir Path dir;
  private final String name = "itrd" + UUID.randomUUID().toString().substring(0, 5);
  private final Map<String, String> environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
  private Path file;

  @Test
  void aDeletedRouteIsDriftUntilSetupPutsItBack() throws Exception {
    ZeroDowntimeIT.buildReleases();
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    TestbedHosts.Host web2 = hosts.get(1);
    TestbedHosts.Host web3 = hosts.get(2);
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, "topology :" + name + " do\n" + TestbedTopology.host("web_2", web2)
        + TestbedTopology.host("web_3", web3) + TestbedTopology.app("app_2", "web_2", EDGE_PORT)
        + TestbedTopology.app("app_3", "web_3", EDGE_PORT) + TestbedTopology.STRATEGY
        .replace("grace_period seconds: 3", "grace_period seconds: 60") + "end\n");
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
    String route = web3.subnet() + " via " + web3.address();
    String line = "~ route on web_2: " + route + " (web_3's containers) missing (cul8er setup adds it)";
    try {
      Cli.Run setup = cul8er("setup", name, "--user", "root", "--key", TestbedHosts.adminKey().toString());
      assertThat(setup.exitCode()).as(setup.all()).isZero();
      Cli.Run deploy = cul8er("deploy", name);
      assertThat(deploy.exitCode()).as(deploy.all()).isZero();
      Cli.Run clean = cul8er("plan", name);
      assertThat(clean.exitCode()).as(clean.all()).isZero();
      assertThat(clean.out()).doesNotContain("route on");

      String delete = "ip route del " + route + " 2>/dev/null || true";
      Shell.ok("incus", "exec", web2.name(), "--", "sh", "-c", delete);

      Cli.Run drift = cul8er("plan", name);
      assertThat(drift.exitCode()).as(drift.all()).isEqualTo(1);
      assertThat(drift.out()).contains("Note: Objects have changed outside of C U L8er\n\n  " + line + "\n");
      assertThat(drift.out()).doesNotContain("route on web_3");
      // Another test's setup on these hosts puts the route back: take it away again before each look.
      Shell.ok("incus", "exec", web2.name(), "--", "sh", "-c", delete);
      Cli.Run json = cul8er("plan", name, "--json");
      assertThat(json.exitCode()).as(json.all()).isEqualTo(1);
      JsonNode routes = JSON.readTree(json.out()).get("routeDrift");
      assertThat(routes).hasSize(1);
      assertThat(routes.get(0).get("host").asText()).isEqualTo("web_2");
      assertThat(routes.get(0).get("kind").asText()).isEqualTo("route");
      assertThat(routes.get(0).get("what").asText())
          .isEqualTo(route + " (web_3's containers) missing (cul8er setup adds it)");
      Shell.ok("incus", "exec", web2.name(), "--", "sh", "-c", delete);
      Cli.Run status = cul8er("status", name);
      assertThat(status.exitCode()).as(status.all()).isEqualTo(1);
      assertThat(status.out()).contains(line.substring(2) + "\n");

      Shell.ok("incus", "exec", web2.name(), "--", "sh", "-c", delete);
      Cli.Run repair = cul8er("setup", name, "--user", "root", "--key", TestbedHosts.adminKey().toString());
      assertThat(repair.exitCode()).as(repair.all()).isZero();
      assertThat(repair.out()).contains("route to " + web3.subnet() + " (web_3's containers)");
      Cli.Run repaired = cul8er("plan", name);
      assertThat(repaired.exitCode()).as(repaired.all()).isZero();
      assertThat(repaired.out()).doesNotContain("route on");
    } finally {
      Shell.run("incus", "exec", web2.name(), "--", "sh", "-c", "ip route replace " + route);
      cul8er("destroy", name, "--yes");
    }
  }

  private Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }
}
