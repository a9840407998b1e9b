package io.cul8er.setup;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import io.cul8er.testbed.TestbedHosts.Host;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cul8er setup --user root} (the CLI as its own process) on the three hosts of the test bed,
 * which have bridges 10.210.K.0/24 without NAT and no routes between them: every host gets a route
 * to each other host's subnet, kept by an ifupdown hook, forwarding turned off on one is turned on,
 * a container on one host answers a container on another, a second run changes nothing, a rebooted
 * host has its routes again, two host blocks naming one machine are refused, and the hosts of a
 * topology that lost one lose their routes to it. The hosts are
 * reached over SSH only, at their own addresses; what this test added is removed at the end.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetNetworkIT {
  static final String TOPOLOGY = "fleet_it";
  static final String HOOK = "/etc/network/if-up.d/cul8er-routes-" + TOPOLOGY;
  static final List<String> CONTAINERS = List.of("fleet-it-c1", "fleet-it-c2");
  static final Duration SSH_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static List<Host> hosts;
  static Path file;

  record Run(int exitCode, String output) {}

  @BeforeAll
  static void up() throws IOException {
    hosts = TestbedHosts.up(3);
    forget();
    file = Files.writeString(dir.resolve(TOPOLOGY + ".cul8"), topology(TOPOLOGY, hosts.stream()
        .map(h -> hostBlock("tb_" + number(h), h.address())).toList()));
  }

  @AfterAll
  static void forget() {
    if (hosts == null) {
      return;
    }
    for (Host host : hosts) {
      StringBuilder undo = new StringBuilder();
      CONTAINERS.forEach(c -> undo.append("incus delete --force ").append(c).append(" 2>/dev/null; "));
      undo.append("rm -f " + HOOK + " /etc/sysctl.d/60-cul8er-forward.conf; sysctl -qw net.ipv4.ip_forward=1;");
      for (Host peer : hosts) {
        if (peer != host) {
          undo.append(" ip route del ").append(peer.subnet()).append(" via ").append(peer.address()).append(" 2>/dev/null;");
        }
      }
      root(host, undo.append(" true").toString());
    }
  }

  static String number(Host host) {
    return host.name().substring(host.name().lastIndexOf('-') + 1);
  }

  static String topology(String name, List<String> hostBlocks) {
    return "topology :" + name + " do\n" + String.join("", hostBlocks) + "end\n";
  }

  static String hostBlock(String name, String address) {
    return "  host :" + name + " do\n    address \"" + address + "\"\n    platform :debian\n"
        + "    ssh user: \"deploy\", key: \"" + TestbedHosts.deployKey() + "\"\n  end\n";
  }

  /** The routes line setup prints for {@code host} once all is in place. */
  static String routesLine(Host host) {
    List<String> routes = hosts.stream().filter(h -> h != host)
        .map(h -> h.subnet() + " via " + h.address() + " (tb_" + number(h) + ")").toList();
    return "  ok       routes: " + String.join(", ", routes) + "; persistent (ifupdown)\n";
  }

  @Test
  @Order(1)
  void everyHostGetsARouteToEveryOtherHostsContainersAndForwarding() {
    Host third = hosts.get(2);
    root(third, "sysctl -qw net.ipv4.ip_forward=0");

    Run run = setup(file);

    assertThat(run.exitCode()).as(run.output()).isZero();
    for (Host host : hosts) {
      String section = section(run.output(), "tb_" + number(host));
      for (Host peer : hosts) {
        if (peer != host) {
          assertThat(section).contains("  changed  route to " + peer.subnet() + " (tb_" + number(peer)
              + "'s containers): ip route replace " + peer.subnet() + " via " + peer.address() + "\n");
          assertThat(deploy(host, "ip -4 route show " + peer.subnet()))
              .isEqualTo(peer.subnet() + " via " + peer.address() + " dev eth0 \n");
        }
      }
      assertThat(section).contains("  changed  keep the routes across reboots: " + HOOK + ": ",
          "  ok       Incus socket access: deploy can read and write /var/lib/incus/unix.socket\n",
          "  ok       container subnet: " + host.subnet() + " on cul8erbr0\n",
          "  ok       IP forwarding: on\n", routesLine(host));
      assertThat(deploy(host, "cat /proc/sys/net/ipv4/ip_forward")).isEqualTo("1\n");
      assertThat(deploy(host, "test -x " + HOOK + " && echo executable")).isEqualTo("executable\n");
    }
    assertThat(section(run.output(), "tb_3")).contains("  changed  turn on IP forwarding: sysctl -w net.ipv4.ip_forward=1");
    assertThat(run.output()).endsWith("3 of 3 hosts ready.\n");
  }

  @Test
  @Order(2)
  void aContainerOnOneHostReachesAContainerOnAnother() throws InterruptedException {
    Host first = hosts.get(0);
    Host second = hosts.get(1);
    root(first, "incus launch cul8er/busybox " + CONTAINERS.get(0) + " -c limits.memory=32MiB >/dev/null");
    root(second, "incus launch cul8er/busybox " + CONTAINERS.get(1) + " -c limits.memory=32MiB >/dev/null");
    String one = address(first, CONTAINERS.get(0));
    String two = address(second, CONTAINERS.get(1));

    assertThat(fetch(first, CONTAINERS.get(0), two)).isEqualTo(CONTAINERS.get(1) + "\n");
    assertThat(fetch(second, CONTAINERS.get(1), one)).isEqualTo(CONTAINERS.get(0) + "\n");
  }

  @Test
  @Order(3)
  void aSecondRunChangesNothing() {
    Run run = setup(file);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("changed");
    assertThat(run.output().split("  nothing to change\n", -1)).hasSize(4);
    hosts.forEach(host -> assertThat(section(run.output(), "tb_" + number(host))).contains(routesLine(host)));
  }

  @Test
  @Order(4)
  void aRebootedHostHasItsRoutesAgain() throws InterruptedException {
    Host second = hosts.get(1);
    String bootId = deploy(second, "cat /proc/sys/kernel/random/boot_id");
    ssh(List.of("-i", TestbedHosts.adminKey().toString(), "-l", "root", second.address(), "systemctl reboot"),
        code -> true);

    await("tb_2 back with another boot id", Duration.ofSeconds(180),
        () -> !answer(second, "cat /proc/sys/kernel/random/boot_id").equals(bootId)
            && answer(second, "ip -4 route show").contains(hosts.get(0).subnet() + " via "));

    String routes = deploy(second, "ip -4 route show");
    assertThat(routes).contains(hosts.get(0).subnet() + " via " + hosts.get(0).address() + " dev eth0",
        hosts.get(2).subnet() + " via " + hosts.get(2).address() + " dev eth0");
    Run run = setup(file);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).doesNotContain("changed");
    root(second, "incus start " + CONTAINERS.get(1) + " 2>/dev/null; true");
    String two = address(second, CONTAINERS.get(1));
    assertThat(fetch(hosts.get(0), CONTAINERS.get(0), two)).isEqualTo(CONTAINERS.get(1) + "\n");
  }

  @Test
  @Order(5)
  void twoHostBlocksNamingOneMachineAreRefusedNamingBoth() throws IOException {
    Host first = hosts.get(0);
    Path twice = Files.writeString(dir.resolve("fleet_it_twice.cul8"), topology("fleet_it_twice",
        List.of(hostBlock("tb_1", first.address()), hostBlock("tb_1_again", first.address()))));
    String before = deploy(first, "ip -4 route show");

    Run run = setup(twice);

    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(section(run.output(), "tb_1")).contains("  todo     container subnet: tb_1 and tb_1_again are the same"
        + " machine (the same /etc/machine-id), so both have " + first.subnet() + " on cul8erbr0; give each machine one"
        + " host block in the topology\n");
    assertThat(section(run.output(), "tb_1_again")).contains("  todo     container subnet: tb_1_again and tb_1 are the"
        + " same machine");
    assertThat(run.output()).endsWith("0 of 2 hosts ready.\n");
    assertThat(deploy(first, "ip -4 route show")).isEqualTo(before);
  }

  @Test
  @Order(6)
  void aHostThatLeavesTheTopologyLosesTheRoutesToIt() throws IOException {
    Host third = hosts.get(2);
    Path two = Files.writeString(dir.resolve(TOPOLOGY + ".cul8"), topology(TOPOLOGY, hosts.subList(0, 2).stream()
        .map(h -> hostBlock("tb_" + number(h), h.address())).toList()));
    String thirdsRoutes = deploy(third, "ip -4 route show");

    Run run = setup(two);

    assertThat(run.exitCode()).as(run.output()).isZero();
    for (Host host : hosts.subList(0, 2)) {
      assertThat(section(run.output(), "tb_" + number(host))).contains("  changed  remove the route to " + third.subnet()
          + " via " + third.address() + " (tb_3 is no longer in the topology): ip route del " + third.subnet() + " via "
          + third.address() + "\n");
      assertThat(deploy(host, "ip -4 route show " + third.subnet())).isEmpty();
      assertThat(deploy(host, "cat " + HOOK)).doesNotContain("tb_3").contains("# host tb_");
    }
    assertThat(deploy(third, "ip -4 route show")).isEqualTo(thirdsRoutes);
  }

  /** One host's lines of the report, from its heading to the blank line after it. */
  static String section(String output, String host) {
    int start = output.indexOf("\n" + host + " (");
    assertThat(start).as("a section for " + host + " in:\n" + output).isNotNegative();
    int end = output.indexOf("\n\n", start + 1);
    return output.substring(start + 1, end < 0 ? output.length() : end + 1);
  }

  static String address(Host host, String container) throws InterruptedException {
    String[] address = {""};
    await(container + "'s IPv4 address on " + host.name(), Duration.ofSeconds(60), () -> {
      address[0] = root(host, "incus list " + container + " -c 4 -f csv").strip().replaceFirst(" .*", "");
      return !address[0].isEmpty();
    });
    return address[0];
  }

  /** What {@code container} on {@code host} gets from the busybox httpd at {@code address}, retried briefly. */
  static String fetch(Host host, String container, String address) throws InterruptedException {
    String[] body = {""};
    await(container + " on " + host.name() + " fetching http://" + address + "/", Duration.ofSeconds(30), () -> {
      // busybox's own timeout: its wget crashes with -T (exit 139) in cul8er/busybox
      body[0] = answer(host, "incus exec " + container + " -- timeout 5 wget -qO- http://" + address + "/");
      return !body[0].isEmpty();
    });
    return body[0];
  }

  static void await(String what, Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what);
      }
      Thread.sleep(1000);
    }
  }

  /** {@code cul8er setup} as its own process, as root with the admin key, the test bed's SSH configuration. */
  static Run setup(Path topology) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Duser.home=" + dir.resolve("home"), "-jar", Path.of("target/cul8er.jar").toAbsolutePath().toString(),
        "setup", topology.getFileName().toString().replace(".cul8", ""), "-f", topology.toString(),
        "--user", "root", "--key", TestbedHosts.adminKey().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().remove("SSH_AUTH_SOCK");
    builder.environment().put("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    return run(builder, Duration.ofMinutes(5));
  }

  /** Runs a command as deploy@ over SSH (ssh_config: its key, known_hosts, no questions). */
  static String deploy(Host host, String command) {
    return ssh(List.of(host.address(), command), code -> code == 0).output();
  }

  /** Runs a command as root@ over SSH with the admin key. */
  static String root(Host host, String command) {
    return ssh(List.of("-i", TestbedHosts.adminKey().toString(), "-l", "root", host.address(), command),
        code -> code == 0).output();
  }

  /** What a command as root@ prints, or nothing when it (or the connection) fails: for polling. */
  static String answer(Host host, String command) {
    Run run = ssh(List.of("-i", TestbedHosts.adminKey().toString(), "-l", "root", host.address(), command),
        code -> true);
    return run.exitCode() == 0 ? run.output() : "";
  }

  static Run ssh(List<String> arguments, Predicate<Integer> expected) {
    List<String> command = new ArrayList<>(List.of("ssh", "-F", TestbedHosts.sshConfig().toString(),
        "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "LogLevel=ERROR"));
    command.addAll(arguments);
    Run run = run(new ProcessBuilder(command).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))), SSH_TIMEOUT);
    assertThat(expected.test(run.exitCode())).as(String.join(" ", command) + " exited with " + run.exitCode()
        + ":\n" + run.output()).isTrue();
    return run;
  }

  /** Runs a process, its output to a file, so that one that never closes it cannot hang the test. */
  static Run run(ProcessBuilder builder, Duration timeout) {
    try {
      Path out = Files.createTempFile(dir, "run", ".out");
      Process process = builder.redirectOutput(out.toFile()).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("`" + String.join(" ", builder.command()) + "` did not finish within "
            + timeout.toSeconds() + " s:\n" + Files.readString(out, StandardCharsets.UTF_8));
      }
      return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("Could not run " + builder.command(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + builder.command(), e);
    }
  }
}
