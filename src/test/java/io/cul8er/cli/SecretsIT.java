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

  /**
   * Two members of a cluster whose release records (as a SHA-256) the cookie it was started with,
   * and whose probe says it sees the others only while that is the cookie of its env file: the
   * cluster forms only when every member runs with the current cookie.
   */
  @Test
  void aClusterCookieIsUsedNeverWrittenInClearAndARotatedOneRestartsTheMembers() throws Exception {
    Path artifacts = cookieMemberRelease();
    topology = new LiveTopology(dir, """
          resource :node, type: :container, on: :local do
            from_image "cul8er/busybox"
            replicas 2
            deploy release: :"cookie-member", version: "1.0.0", runtime: :jvm,
              artifact: "ARTIFACTS/{name}-{version}.tar.gz"
          end
          cluster :hello do
            nodes [:node]
            discovery strategy: JGroups.TCPPING
            cookie from: :system, key: "CUL8ER_IT_SECRET"
            probe command: "bin/probe"
            formation_timeout seconds: 30
          end
        """.replace("ARTIFACTS", artifacts.toString()));
    Path firstPlan = dir.resolve("first.plan.json");
    Path rotationPlan = dir.resolve("rotation.plan.json");
    List<String> outputs = new ArrayList<>();

    outputs.add(cul8er(secret, "plan", topology.name, "-f", topology.f(), "--out", firstPlan.toString()));
    String deployed = cul8er(secret, "apply", firstPlan.toString(), "-f", topology.f());
    outputs.add(deployed);
    assertThat(deployed).contains("Cluster hello formed");
    assertThat(startedCookies()).as("what each member was started with").containsOnly(sha256(secret));

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
    assertThat(startedCookies()).as("what each member was restarted with").containsOnly(sha256(rotated));
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

  /** The SHA-256 of the cookie each member's release process was started with. */
  private List<String> startedCookies() {
    return List.of(1, 2).stream()
        .map(i -> Shell.ok("incus", "exec", topology.instance("node-" + i), "--", "cat", "/run/cookie-member.started").trim())
        .toList();
  }

  /** A release whose process records its cookie's SHA-256 and sleeps, and its probe. */
  private Path cookieMemberRelease() throws IOException, InterruptedException {
    Path root = dir.resolve("cookie-member");
    Files.createDirectories(root.resolve("bin"));
    script(root.resolve("bin/cookie-member"), """
        #!/bin/sh
        printf %s "$CUL8ER_CLUSTER_SECRET" | sha256sum | cut -d' ' -f1 > /run/cookie-member.started
        exec sleep 2147483647
        """);
    script(root.resolve("bin/probe"), """
        #!/bin/sh
        now=$(printf %s "$CUL8ER_CLUSTER_SECRET" | sha256sum | cut -d' ' -f1)
        [ "$(cat /run/cookie-member.started)" = "$now" ] || exit 1
        echo "$CUL8ER_CLUSTER_DNS_NAMES" | sed 's/[.]incus//g'
        """);
    Path artifacts = Files.createDirectories(dir.resolve("artifacts"));
    Process tar = new ProcessBuilder("tar", "-czf", artifacts.resolve("cookie-member-1.0.0.tar.gz").toString(),
        "-C", root.toString(), "bin").redirectErrorStream(true).start();
    String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(output).isZero();
    return artifacts;
  }

  private static void script(Path file, String text) throws IOException {
    Files.writeString(file, text);
    file.toFile().setExecutable(true, false);
  }

  private static String sha256(String text) {
    return io.cul8er.plan.Hashing.sha256Hex(text);
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
    builder.environment().put("CUL8ER_IT_SECRET", secretValue);
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
