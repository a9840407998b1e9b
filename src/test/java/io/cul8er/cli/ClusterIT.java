package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two cluster examples deployed for real in the live Incus: three members that form a cluster
 * by themselves (JGroups TCPPING; BEAM distribution like libcluster's Epmd strategy), a member that
 * stops is seen to leave (event log, cluster_size), and a member destroyed and re-created rejoins.
 */
class ClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private String name;
  private Path file;

  @AfterEach
  void destroy() {
    if (name != null) {
      Cli.run("destroy", name, "-f", file.toString(), "--yes");
    }
  }

  private void write(String example, String topologyFile, String topology) throws Exception {
    ExampleTopologies.build(example);
    Path cookie = dir.resolve("cookie");
    Files.writeString(cookie, "c" + UUID.randomUUID().toString().replace("-", ""));
    name = "it" + UUID.randomUUID().toString().substring(0, 6);
    // This test is about clustering, not about the image: the fast one.
    String text = ExampleTopologies.onUserland(ExampleTopologies.copy(example, topologyFile, topology, name, cookie));
    file = dir.resolve(name + ".cul8");
    Files.writeString(file, text);
  }

  /** The cluster as {@code status} shows it; {@code status} exits 1 while a member is stopped. */
  private JsonNode cluster(int exitCode) throws Exception {
    Cli.Run status = Cli.run("status", name, "-f", file.toString(), "--json");
    assertThat(status.exitCode()).as(status.all()).isEqualTo(exitCode);
    return JSON.readTree(status.out()).get("clusters").get(0);
  }

  private static List<String> sees(JsonNode member) {
    List<String> names = new ArrayList<>();
    member.get("sees").forEach(n -> names.add(n.asText()));
    return names;
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello-cluster/cluster.cul8/cluster", "hello-beam/beam.cul8/beam"})
  void threeMembersFormAClusterAMemberThatStopsLeavesAndOneRecreatedRejoins(String example) throws Exception {
    String[] parts = example.split("/");
    write(parts[0], parts[1], parts[2]);

    Cli.Run deploy = Cli.run("deploy", name, "-f", file.toString());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).containsPattern("Cluster hello formed in [0-9.]+ m?s");
    JsonNode formed = cluster(0);
    assertThat(formed.get("formed").asBoolean()).as(formed.toString()).isTrue();
    assertThat(formed.get("members")).hasSize(3).allSatisfy(m -> assertThat(sees(m)).hasSize(2));
    assertThat(formed.get("lastFormationTime").asText()).startsWith("PT");

    Shell.run("incus", "stop", "-f", name + "-node-3");
    JsonNode broken = cluster(1);
    assertThat(broken.get("formed").asBoolean()).isFalse();
    Path log = dir.resolve(".cul8er").resolve(name).resolve("events.jsonl");
    assertThat(Files.readAllLines(log)).anyMatch(l -> l.startsWith("{\"type\":\"node_left\"")
        && l.contains("\"node\":\"" + name + "-node-3\"") && l.contains("\"size\":2"));
    Cli.Run metrics = Cli.run("metrics", name, "-f", file.toString());
    assertThat(metrics.out()).containsPattern("cluster_size\\{cluster=hello\\} +value=2");

    Shell.run("incus", "delete", "-f", name + "-node-3");
    Cli.Run again = Cli.run("deploy", name, "-f", file.toString());
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("+ " + name + "-node-3").containsPattern("Cluster hello formed in");
    JsonNode rejoined = cluster(0);
    assertThat(rejoined.get("formed").asBoolean()).as(rejoined.toString()).isTrue();
    assertThat(rejoined.get("members")).allSatisfy(m -> assertThat(sees(m)).hasSize(2));
  }

  @Test
  void aNewBlueGreenSetJoinsTheOldSetsClusterAndStaysInItAfterTheSwitch() throws Exception {
    Process build = new ProcessBuilder("bash", Path.of("examples/hello-beam/build.sh").toAbsolutePath().toString(),
        "1.0.0", "1.1.0").redirectErrorStream(true).start();
    String built = new String(build.getInputStream().readAllBytes());
    assertThat(build.waitFor()).as(built).isZero();
    write("hello-beam", "beam.cul8", "beam");
    Files.writeString(file, Files.readString(file).replace("replicas 3", "replicas 2").replace("  strategy do\n",
        "  strategy do\n    approach :blue_green\n    blue_green do\n      keep_old minutes: 10\n    end\n"));
    Cli.Run first = Cli.run("deploy", name, "-f", file.toString());
    assertThat(first.exitCode()).as(first.all()).isZero();

    Cli.Run update = Cli.run("deploy", name, "-f", file.toString(), "--version", "1.1.0");

    assertThat(update.exitCode()).as(update.all()).isZero();
    assertThat(update.out()).contains("1. create the next set of node, to join its cluster (in parallel):",
        "hello: wait until the 4 member(s) of cluster hello see each other");
    JsonNode joined = cluster(0);
    assertThat(joined.get("formed").asBoolean()).as(joined.toString()).isTrue();
    assertThat(joined.get("members")).extracting(m -> m.get("instance").asText()).containsExactly(
        name + "-node-1", name + "-node-1-green", name + "-node-2", name + "-node-2-green");
    assertThat(joined.get("members")).allSatisfy(m -> assertThat(sees(m)).hasSize(3));
  }
}
