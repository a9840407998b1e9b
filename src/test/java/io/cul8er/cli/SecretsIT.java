package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret read at deploy time (a resource's secret variable, a cluster's cookie) reaches the
 * instance, and appears in no state file, backup, lock, audit entry, event, saved plan or output
 * line. A rotated cookie is planned as a masked change and restarts the members with it.
 */
class SecretsIT {
  private final String secret = "s3cret-" + UUID.randomUUID();
  private final String rotated = "r0tated-" + UUID.randomUUID();

  @TempDir Path dir;
  LiveTopology topology;

  @AfterEach
  void cleanUp() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void aSecretIsUsedButNeverWrittenInClear() throws Exception {
    topology = new LiveTopology(dir, """
          resource :app, type: :container, on: :local do
            from_image "cul8er/busybox"
            secret "APP_TOKEN", from: :system, key: "CUL8ER_IT_SECRET"
          end
        """);
    Path plan = dir.resolve("saved.plan.json");

    List<String> outputs = new ArrayList<>();
    outputs.add(cul8er(secret, "plan", topology.name, "-f", topology.f(), "--out", plan.toString()));
    outputs.add(cul8er(secret, "apply", plan.toString(), "-f", topology.f()));
    outputs.add(cul8er(secret, "status", topology.name, "-f", topology.f(), "--json"));
    outputs.add(cul8er(secret, "plan", topology.name, "-f", topology.f(), "--json"));

    assertThat(Shell.ok("incus", "config", "get", topology.instance("app"), "environment.APP_TOKEN").trim())
        .as("the secret reached the instance").isEqualTo(secret);
    assertThat(outputs).as("command output").allSatisfy(output -> assertThat(output).doesNotContain(secret));
    assertThat(Files.readString(plan)).doesNotContain(secret).contains("user.cul8er.secret.APP_TOKEN");
    assertNowhereUnderCul8er(secret);
  }

  /** See {@link CookieMember}: the cluster forms only when every member runs with the current cookie. */
  @Test
  void aClusterCookieIsUsedNeverWrittenInClearAndARotatedOneRestartsTheMembers() throws Exception {
    topology = new LiveTopology(dir, CookieMember.resources(dir));
    Path firstPlan = dir.resolve("first.plan.json");
    Path rotationPlan = dir.resolve("rotation.plan.json");
    List<String> outputs = new ArrayList<>();

    outputs.add(cul8er(secret, "plan", topology.name, "-f", topology.f(), "--out", firstPlan.toString()));
    String deployed = cul8er(secret, "apply", firstPlan.toString(), "-f", topology.f());
    outputs.add(deployed);
    assertThat(deployed).contains("Cluster hello formed").doesNotContain("the cluster cookie changed");
    assertThat(CookieMember.startedCookies(topology.name)).as("what each member was started with")
        .containsOnly(CookieMember.sha256(secret));

    String planned = cul8er(rotated, "plan", topology.name, "-f", topology.f(), "--out", rotationPlan.toString());
    outputs.add(planned);
    assertThat(planned)
        .contains("~ " + topology.name + "-node-1 (node on local) will be updated in place   # changed in the topology\n"
            + "      ~ user.cul8er.secret.cluster-hello-cookie: (sensitive) -> (sensitive)\n")
        .contains("~ " + topology.name + "-node-2 (node on local) will be updated in place")
        .contains("Plan: 0 to add, 2 to change, 0 to replace, 0 to destroy.");
    String applied = cul8er(rotated, "apply", rotationPlan.toString(), "-f", topology.f());
    outputs.add(applied);
    assertThat(applied).contains("the cluster cookie changed").contains("Cluster hello formed");
    assertThat(CookieMember.startedCookies(topology.name)).as("what each member was restarted with")
        .containsOnly(CookieMember.sha256(rotated));
    outputs.add(cul8er(rotated, "status", topology.name, "-f", topology.f(), "--json"));
    outputs.add(cul8er(rotated, "logs", topology.name, "node", "-f", topology.f()));
    outputs.add(cul8er(rotated, "events", topology.name, "-f", topology.f()));
    outputs.add(Shell.ok("incus", "config", "show", topology.instance("node-1")));

    for (String cookie : List.of(secret, rotated)) {
      assertThat(outputs).as("command output").allSatisfy(output -> assertThat(output).doesNotContain(cookie));
      assertThat(Files.readString(firstPlan) + Files.readString(rotationPlan)).doesNotContain(cookie);
      assertNowhereUnderCul8er(cookie);
    }
    assertThat(Files.readString(rotationPlan)).contains("user.cul8er.secret.cluster-hello-cookie");
  }

  /** State, backups, history, locks, audit and event log. */
  private void assertNowhereUnderCul8er(String value) throws IOException {
    List<Path> stateFiles = filesUnder(dir.resolve(".cul8er"));
    assertThat(stateFiles).as("state, history, lock, audit and event files")
        .anyMatch(p -> p.endsWith("audit.jsonl")).anyMatch(p -> p.endsWith("state.json"));
    for (Path file : stateFiles) {
      assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(value);
    }
  }

  private String cul8er(String secretValue, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/cul8er.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put(CookieMember.COOKIE_VARIABLE, secretValue);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isIn(0, 2);
    return output;
  }

  private static List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
