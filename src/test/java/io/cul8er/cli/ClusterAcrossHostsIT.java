package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.testbed.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cluster examples (JGroups and BEAM) with one node on each of the test bed's three real
 * hosts: setup routes the hosts' container subnets, then the deploy waits until every member sees
 * the two others across hosts, which status confirms.
 */
class ClusterAcrossHostsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path file;
  private String name;
  private final Map<String, String> environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());

  @AfterEach
  void destroy() throws Exception {
    if (file != null) {
      CliProcess.run(environment, 5, "destroy", name, "-f", file.toString(), "--yes");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello-cluster/cluster.cul8/cluster", "hello-beam/beam.cul8/beam"})
  void oneNodeOnEachHostFormsOneCluster(String example) throws Exception {
    String[] parts = example.split("/");
    ExampleTopologies.build(parts[0]);
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    name = "itx" + UUID.randomUUID().toString().substring(0, 5);
    Path cookie = dir.resolve("cookie");
    Files.writeString(cookie, "c" + UUID.randomUUID().toString().replace("-", ""));
    StringBuilder hostBlocks = new StringBuilder();
    for (int n = 0; n < 3; n++) {
      hostBlocks.append("  host :h").append(n + 1).append(" do\n    address \"").append(hosts.get(n).address())
          .append("\"\n    platform :debian\n    ssh user: \"deploy\"\n  end\n");
    }
    String text = ExampleTopologies.copy(parts[0], parts[1], parts[2], name, cookie)
        .replaceFirst("(?s)  host :local do.*?\n  end\n", hostBlocks.toString().replace("$", "\\$"))
        .replace("on: :local do", "on: [:h1, :h2, :h3] do");
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, text);

    Cli.Run setup = CliProcess.run(environment, 5, "setup", name, "-f", file.toString(), "--user", "root", "--key",
        TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();
    Cli.Run deploy = CliProcess.run(environment, 10, "deploy", name, "-f", file.toString());

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).containsPattern("Cluster hello formed in [0-9.]+ m?s");
    assertThat(deploy.out()).contains("[h1] " + name + "-node-1", "[h2] " + name + "-node-2", "[h3] " + name + "-node-3");
    Cli.Run status = CliProcess.run(environment, 5, "status", name, "-f", file.toString(), "--json");
    assertThat(status.exitCode()).as(status.all()).isZero();
    JsonNode cluster = JSON.readTree(status.out()).get("clusters").get(0);
    assertThat(cluster.get("formed").asBoolean()).as(cluster.toString()).isTrue();
    assertThat(cluster.get("members")).hasSize(3).allSatisfy(m -> assertThat(sees(m)).hasSize(2));
  }

  private static List<String> sees(JsonNode member) {
    List<String> names = new ArrayList<>();
    member.get("sees").forEach(n -> names.add(n.asText()));
    return names;
  }
}
