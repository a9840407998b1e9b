package io.cul8er.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cul8er.LiveComponents;
import io.cul8er.testbed.TestbedHosts.Host;
import io.cul8er.testbed.TestbedHosts.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * scripts/testbed-hosts.sh: three nested Incus hosts, each checked over SSH only (OpenSSH with the
 * test bed's ssh_config, BatchMode and StrictHostKeyChecking, so known_hosts must be right): deploy@
 * uses its own incusd without root, its bridge has its own subnet, the images are there, an inner
 * container with limits gets an address on that subnet. A second {@code up} changes nothing; a bad
 * number of hosts changes nothing either. The hosts stay for other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestbedHostsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SSH_TIMEOUT = Duration.ofSeconds(60);

  @Test
  @Order(1)
  void upMakesThreeIncusHostsThatDeployUsesOverSsh() throws Exception {
    List<Host> hosts = TestbedHosts.up(3);

    assertThat(hosts).extracting(Host::name).containsExactly("cul8er-tb-1", "cul8er-tb-2", "cul8er-tb-3");
    assertThat(hosts).extracting(Host::subnet).containsExactly("10.210.1.0/24", "10.210.2.0/24", "10.210.3.0/24");
    assertThat(hosts).extracting(Host::address).doesNotHaveDuplicates().allMatch(a -> a.matches("10\\.147\\.0\\.\\d+"));
    List<String> knownHosts = Files.readAllLines(TestbedHosts.knownHosts());
    for (Host host : hosts) {
      assertThat(knownHosts).as(host.name()).filteredOn(line -> line.startsWith(host.address() + " ")).singleElement()
          .asString().matches(host.address().replace(".", "\\.") + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5\\S+");
    }

    List<String> bridgeSubnets = new ArrayList<>();
    for (Host host : hosts) {
      // By address (the "Host ADDRESS" block) and by name: both reach the same host.
      assertThat(deploy(host.address(), "id -un; id -nG; hostname")).isEqualTo("deploy\ndeploy incus-admin\n" + host.name() + "\n");
      JsonNode server = JSON.readTree(deploy(host.name(), "incus query /1.0"));
      assertThat(server.path("auth").asText()).as(host.name()).isEqualTo("trusted");
      assertThat(server.path("environment").path("server_name").asText()).isEqualTo(host.name());
      // (root@: systemctl asks systemd over D-Bus as any other user, and the image has no D-Bus)
      assertThat(root(host, "systemctl is-system-running")).isEqualTo("running\n");
      assertThat(root(host, "systemctl is-enabled haproxy; systemctl is-active haproxy; true"))
          .isEqualTo("disabled\ninactive\n");
      assertThat(deploy(host.name(), "cat /proc/sys/net/ipv4/ip_forward")).isEqualTo("1\n");
      assertThat(deploy(host.name(), "incus network get cul8erbr0 ipv4.nat; incus network get cul8erbr0 ipv6.address"))
          .isEqualTo("false\nnone\n");
      String gateway = deploy(host.name(), "incus network get cul8erbr0 ipv4.address").strip();
      assertThat(gateway).endsWith(".1/24");
      bridgeSubnets.add(gateway.replaceFirst("\\.1/24$", ".0/24"));
      assertThat(deploy(host.name(), "incus image list -f csv -c l").lines().sorted())
          .containsExactly("cul8er/busybox", "cul8er/debian12", "cul8er/debian12-jvm", "cul8er/debian12-postgres",
              "cul8er/userland");
      assertThat(root(host, "id -u")).isEqualTo("0\n");
    }
    assertThat(bridgeSubnets).doesNotHaveDuplicates().containsExactlyElementsOf(hosts.stream().map(Host::subnet).toList());

    for (Host host : hosts) {
      String inner = "it-tb-" + UUID.randomUUID().toString().substring(0, 8);
      try {
        deploy(host.name(), "incus launch cul8er/busybox " + inner + " -c limits.memory=32MiB -c limits.cpu=1 >/dev/null");
        assertThat(innerAddress(host, inner)).as(inner + " on " + host.name())
            .startsWith(host.subnet().replaceFirst("0/24$", ""));
        assertThat(deploy(host.name(), "incus list " + inner + " -c s -f csv")).isEqualTo("RUNNING\n");
        // As the host's kernel applies it (root@: the cgroup is not the deploy user's to read).
        assertThat(root(host, "cat /sys/fs/cgroup/memory/lxc.payload." + inner + "/memory.limit_in_bytes"))
            .isEqualTo(32L * 1024 * 1024 + "\n");
      } finally {
        deploy(host.name(), "incus delete --force " + inner + " 2>/dev/null; true");
      }
    }

    // This machine's JDK runs in an inner container of a test host, through its cul8er-userland profile.
    Host first = hosts.get(0);
    String userland = "it-tb-ul-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      deploy(first.name(), "incus launch cul8er/userland " + userland + " -p default -p cul8er-userland >/dev/null");
      assertThat(deploy(first.name(), "incus exec " + userland + " -- java -version 2>&1")).startsWith("openjdk version \"17.");
    } finally {
      deploy(first.name(), "incus delete --force " + userland + " 2>/dev/null; true");
    }
  }

  @Test
  @Order(2)
  void aSecondUpChangesNothing() throws Exception {
    List<Host> hosts = TestbedHosts.up(3);
    String tsv = Files.readString(TestbedHosts.dir().resolve("hosts.tsv"));

    Result again = TestbedHosts.script("up", "3");

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output().lines()).as("only what it checked, no change").allMatch(line -> line.matches(
        "testbed: (making or checking \\d+ host\\(s\\) in parallel .*|cul8er-tb-\\d+ ready at .*|cul8er-tb-\\d+ exists beyond 3: .*|\\d+ host\\(s\\) ready in \\d+ s: .*)"));
    assertThat(Files.readString(TestbedHosts.dir().resolve("hosts.tsv"))).isEqualTo(tsv);
    assertThat(TestbedHosts.hosts().subList(0, 3)).isEqualTo(hosts);
  }

  @Test
  @Order(3)
  void upWithABadNumberOfHostsSaysSoAndChangesNothing() throws Exception {
    LiveComponents.requireIncus();
    String before = snapshot();
    for (String bad : List.of("0", "x", "-1", "21")) {
      Result up = TestbedHosts.script("up", bad);
      assertThat(up.exitCode()).as(up.output()).isEqualTo(2);
      assertThat(up.output()).startsWith("testbed: up: the number of hosts must be a whole number from 1 to 20, not '" + bad + "'\n");
    }
    Result two = TestbedHosts.script("up", "3", "4");
    assertThat(two.exitCode()).isEqualTo(2);
    assertThat(two.output()).startsWith("testbed: up takes one argument, the number of hosts\n");
    assertThat(snapshot()).isEqualTo(before);
  }

  /** The test-bed hosts this machine's Incus has, and the test-bed directory's files with their times. */
  private static String snapshot() throws IOException {
    Result instances = TestbedHosts.run(SSH_TIMEOUT, List.of("sh", "-c", "incus list -f csv -c ns | grep '^cul8er-tb-' || true"));
    StringBuilder files = new StringBuilder(instances.output());
    Path dir = TestbedHosts.dir();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        for (Path file : list.sorted().toList()) {
          files.append(file.getFileName()).append(' ').append(Files.getLastModifiedTime(file)).append('\n');
        }
      }
    }
    return files.toString();
  }

  private static String innerAddress(Host host, String inner) throws InterruptedException {
    String address = "";
    for (int i = 0; i < 100 && address.isEmpty(); i++) {
      Thread.sleep(300);
      address = deploy(host.name(), "incus list " + inner + " -c 4 -f csv").strip();
    }
    return address;
  }

  /** Runs a command as deploy@ over SSH, with ssh_config (its key, known_hosts, no questions). */
  private static String deploy(String target, String command) {
    return ssh(List.of(target, command));
  }

  /** Runs a command as root@ over SSH, with the admin key. */
  private static String root(Host host, String command) {
    return ssh(List.of("-i", TestbedHosts.adminKey().toString(), "-l", "root", host.name(), command));
  }

  private static String ssh(List<String> arguments) {
    return TestbedHosts.ssh(arguments);
  }
}
