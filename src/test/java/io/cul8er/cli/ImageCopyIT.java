package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images a host lacks, copied there by the deploy, on real hosts of the test bed reached over SSH:
 * one that only {@code web_1} has goes from {@code web_1} to {@code web_2}, one that only this
 * machine's Incus has goes from this machine to {@code web_3}. Each is a build of its own (the test
 * bed's busybox with its metadata re-dated, so a fingerprint nobody else has), under an alias of its
 * own; both are deleted everywhere afterwards, and no image other tests use is touched.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageCopyIT {
  static final String NAME = "itic" + UUID.randomUUID().toString().substring(0, 5);
  /** On web_1 only. */
  static final String HOSTED = NAME + "/busybox";
  /** On this machine only. */
  static final String LOCAL = NAME + "/local";
  private static final Pattern COPIED = Pattern.compile("copied ([0-9.]+) MB in ([0-9.]+) s");

  @TempDir static Path dir;
  static Path file;
  static List<TestbedHosts.Host> hosts;
  static Map<String, String> environment;
  static String hosted;
  static String local;

  @BeforeAll
  static void imagesAndTopology() throws Exception {
    hosts = TestbedHosts.up(3);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    hosted = newBuild(dir.resolve("hosted"), 1);
    local = newBuild(dir.resolve("local"), 2);
    onHost(hosts.get(0), "mkdir -p /tmp/" + NAME);
    Shell.ok("scp", "-F", TestbedHosts.sshConfig().toString(), "-o", "BatchMode=yes",
        dir.resolve("hosted/meta.tar.gz").toString(), dir.resolve("hosted/img.root").toString(),
        hosts.get(0).name() + ":/tmp/" + NAME + "/");
    onHost(hosts.get(0), "incus image import /tmp/" + NAME + "/meta.tar.gz /tmp/" + NAME + "/img.root --alias "
        + HOSTED + " && rm -r /tmp/" + NAME + " && incus image set-property " + HOSTED + " cul8er.test " + NAME);
    Shell.ok("incus", "image", "import", dir.resolve("local/meta.tar.gz").toString(),
        dir.resolve("local/img.root").toString(), "--alias", LOCAL);
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, "topology :" + NAME + " do\n"
        + TestbedTopology.host("web_1", hosts.get(0)) + TestbedTopology.host("web_2", hosts.get(1)) + TestbedTopology.host("web_3", hosts.get(2))
        + box("box", HOSTED, "web_1, :web_2", 2) + box("lbox", LOCAL, "web_3", 1)
        + "end\n");
  }

  /**
   * The test bed's busybox with its metadata re-dated ({@code serial} keeps two builds of one run
   * apart): a build of its own, in DIR as meta.tar.gz and img.root. Returns its fingerprint.
   */
  private static String newBuild(Path into, int serial) {
    String script = "set -euo pipefail; mkdir -p '" + into + "/meta'; cd '" + into + "';"
        + " incus image export cul8er/busybox img >/dev/null; tar -xzf img -C meta;"
        + " sed -i 's/^creation_date: .*/creation_date: " + (System.currentTimeMillis() / 1000 + serial) + "/'"
        + " meta/metadata.yaml; tar --numeric-owner -czf meta.tar.gz -C meta .;"
        + " cat meta.tar.gz img.root | sha256sum | cut -d' ' -f1";
    return Shell.ok("bash", "-c", script).strip();
  }

  private static String box(String name, String image, String on, int replicas) {
    return "  resource :" + name + ", type: :container, on: [:" + on + "] do\n"
        + "    from_image \"" + image + "\"\n    replicas " + replicas + "\n"
        + "    limits do\n      memory megabytes: 32\n    end\n  end\n";
  }

  private static String onHost(TestbedHosts.Host host, String command) {
    return Shell.ok("ssh", "-F", TestbedHosts.sshConfig().toString(), "-o", "BatchMode=yes", host.name(), command);
  }

  /** The fingerprint {@code alias} names on {@code host}, or empty. */
  private static String aliasOn(TestbedHosts.Host host, String alias) {
    return onHost(host, "incus image info " + alias + " 2>/dev/null | sed -n 's/^Fingerprint: //p'").strip();
  }

  @AfterAll
  static void destroyAndDeleteTheBuilds() throws Exception {
    try {
      if (file != null) {
        CliProcess.run(environment, 5, "destroy", NAME, "-f", file.toString(), "--yes");
      }
    } finally {
      for (TestbedHosts.Host host : hosts == null ? List.<TestbedHosts.Host>of() : hosts) {
        Shell.run("ssh", "-F", TestbedHosts.sshConfig().toString(), "-o", "BatchMode=yes", host.name(),
            "for image in " + hosted + " " + local + "; do incus image delete $image 2>/dev/null; done; true");
      }
      if (local != null) {
        Shell.run("incus", "image", "delete", local);
      }
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }

  @Test
  @Order(1)
  void thePlanCopiesEachImageFromWhereItIsToTheHostThatLacksIt() throws Exception {
    Cli.Run plan = cul8er("plan", NAME, "--detailed-exitcode");

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(2);
    assertThat(plan.out()).contains("  > copy an image to a host that lacks it\n")
        .contains("  > copy image " + HOSTED + " (fingerprint " + hosted.substring(0, 12) + ") from web_1 to web_2"
            + "   # " + NAME + "-box-2 needs it\n")
        .contains("  > copy image " + LOCAL + " (fingerprint " + local.substring(0, 12) + ") from this machine to web_3"
            + "   # " + NAME + "-lbox needs it\n")
        .contains("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy, 2 images to copy.")
        .doesNotContain("Error:");
  }

  @Test
  @Order(2)
  void theDeployCopiesThemAndCreatesTheInstancesFromThem() throws Exception {
    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(copied(deploy.out(), "web_2", HOSTED)).as(deploy.out()).isGreaterThan(0.9);
    assertThat(copied(deploy.out(), "web_3", LOCAL)).as(deploy.out()).isGreaterThan(0.9);
    assertThat(aliasOn(hosts.get(1), HOSTED)).isEqualTo(hosted);
    assertThat(aliasOn(hosts.get(2), LOCAL)).isEqualTo(local);
    assertThat(onHost(hosts.get(1), "incus config get " + NAME + "-box-2 volatile.base_image").strip())
        .isEqualTo(hosted);
    assertThat(onHost(hosts.get(1), "incus image get-property " + hosted + " cul8er.test").strip())
        .as("a property set on the source, not in its metadata, came along").isEqualTo(NAME);
    Cli.Run plan = cul8er("plan", NAME, "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
  }

  @Test
  @Order(3)
  void aHostLeftWithTheImageButNoAliasOnlyGetsTheAliasBack() throws Exception {
    onHost(hosts.get(1), "incus delete -f " + NAME + "-box-2 && incus image alias delete " + HOSTED);

    Cli.Run plan = cul8er("plan", NAME);
    assertThat(plan.out()).contains("copy image " + HOSTED + " (fingerprint " + hosted.substring(0, 12)
        + ") from web_1 to web_2");
    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("web_2 has the image already (an earlier copy): adding its alias")
        .doesNotContain("image " + HOSTED + ": copied");
    assertThat(aliasOn(hosts.get(1), HOSTED)).isEqualTo(hosted);
  }

  /** The MB the deploy said it copied to {@code host} for {@code image}; prints the line, for the figures. */
  private static double copied(String out, String host, String image) {
    for (String line : out.split("\n")) {
      Matcher copied = COPIED.matcher(line);
      if (line.startsWith("[" + host + "] image " + image + ": ") && copied.find()) {
        System.out.println("ImageCopyIT: " + line);
        return Double.parseDouble(copied.group(1));
      }
    }
    return 0;
  }
}
