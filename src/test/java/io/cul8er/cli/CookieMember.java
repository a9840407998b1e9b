package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.plan.Hashing;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The smallest real cluster with a cookie, for live tests: two busybox members running a release
 * that records the SHA-256 of the cookie it was started with, and whose probe says it sees the
 * others only while that is still the cookie of its env file. So the cluster forms only when every
 * member runs with the current cookie, as BEAM nodes do.
 */
public final class CookieMember {
  /** The variable of the deploying process the cookie is read from. */
  public static final String COOKIE_VARIABLE = "CUL8ER_IT_SECRET";
  private static final String STARTED = "/run/cookie-member.started";

  private CookieMember() {}

  /** The resource and cluster blocks of a topology, its release artifact built under {@code dir}. */
  public static String resources(Path dir) throws IOException, InterruptedException {
    return """
          resource :node, type: :container, on: :local do
            from_image "cul8er/busybox"
            replicas 2
            deploy release: :"cookie-member", version: "1.0.0", runtime: :jvm,
              artifact: "ARTIFACTS/{name}-{version}.tar.gz"
          end
          cluster :hello do
            nodes [:node]
            discovery strategy: JGroups.TCPPING
            cookie from: :system, key: "VARIABLE"
            probe command: "bin/probe"
            formation_timeout seconds: 30
          end
        """.replace("ARTIFACTS", release(dir).toString()).replace("VARIABLE", COOKIE_VARIABLE);
  }

  /** The SHA-256 of the cookie each member's release process of {@code topology} was started with. */
  public static List<String> startedCookies(String topology) {
    return List.of(1, 2).stream()
        .map(i -> Shell.ok("incus", "exec", topology + "-node-" + i, "--", "cat", STARTED).trim())
        .toList();
  }

  public static String sha256(String cookie) {
    return Hashing.sha256Hex(cookie);
  }

  private static Path release(Path dir) throws IOException, InterruptedException {
    Path root = dir.resolve("cookie-member");
    Files.createDirectories(root.resolve("bin"));
    script(root.resolve("bin/cookie-member"), """
        #!/bin/sh
        printf %s "$CUL8ER_CLUSTER_SECRET" | sha256sum | cut -d' ' -f1 > STARTED
        exec sleep 2147483647
        """.replace("STARTED", STARTED));
    script(root.resolve("bin/probe"), """
        #!/bin/sh
        now=$(printf %s "$CUL8ER_CLUSTER_SECRET" | sha256sum | cut -d' ' -f1)
        [ "$(cat STARTED)" = "$now" ] || exit 1
        echo "$CUL8ER_CLUSTER_DNS_NAMES" | sed 's/[.]incus//g'
        """.replace("STARTED", STARTED));
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
    assertThat(file.toFile().setExecutable(true, false)).isTrue();
  }
}
