package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The local Debian images boot as a user's Debian 12 would: systemd as PID 1 and "running" with no
 * failed unit, eth0 configured by DHCP (ifupdown + dhclient), and, in cul8er/debian12-jvm, a JVM of
 * its own (no host /usr mounted).
 */
class DebianImageIT {
  @Test
  void debian12BootsSystemdToRunningWithAnAddressOnEth0ByDhcp() throws Exception {
    DebianImages.require(DebianImages.DEBIAN12);
    try (Containers containers = new Containers("it-deb12")) {
      String name = containers.launch(DebianImages.DEBIAN12);

      assertThat(containers.systemState(name)).isEqualTo("running");
      assertThat(containers.failedUnits(name)).isEmpty();
      assertThat(containers.execOk(name, "cat /proc/1/comm").strip()).isEqualTo("systemd");
      assertThat(containers.execOk(name, ". /etc/os-release; echo $VERSION_CODENAME").strip()).isEqualTo("bookworm");

      String inet = containers.ipv4OnEth0(name, Duration.ofSeconds(30));
      // A leased address is "dynamic" (it has a lifetime); dhclient holds the lease for ifupdown.
      assertThat(inet).matches(".*\\binet 10\\.147\\.0\\.\\d+/24 .* dynamic .*");
      assertThat(containers.execOk(name, "systemctl is-active networking.service").strip()).isEqualTo("active");
      assertThat(containers.execOk(name, "pgrep -a dhclient")).contains("eth0");
      String address = inet.replaceAll(".*\\binet (\\S+)/24.*", "$1");
      assertThat(containers.ok("incus list " + name + " -c 4 -f csv")).contains(address + " (eth0)");
      // Per instance, not from the build: host name (Incus template), machine id (systemd), DNS (DHCP).
      assertThat(containers.execOk(name, "hostname").strip()).isEqualTo(name);
      assertThat(containers.execOk(name, "cat /etc/machine-id").strip()).matches("[0-9a-f]{32}");
      assertThat(containers.execOk(name, "cat /etc/resolv.conf")).contains("nameserver 10.147.0.1");
    }
  }

  @Test
  void debian12JvmRunsJavaFromItsOwnUsr() throws Exception {
    DebianImages.require(DebianImages.DEBIAN12_JVM);
    try (Containers containers = new Containers("it-deb12jvm")) {
      String name = containers.launch(DebianImages.DEBIAN12_JVM);

      assertThat(containers.systemState(name)).isEqualTo("running");
      // No device brings the host's /usr in: /usr is the image's own, on the root file system.
      assertThat(containers.ok("incus config show " + name + " --expanded")).doesNotContain("source: /usr");
      assertThat(containers.exec(name, "findmnt -n /usr").exitCode()).as("/usr is no mount of its own").isEqualTo(1);
      assertThat(containers.execOk(name, "readlink -f /usr/bin/java").strip())
          .isEqualTo("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
      assertThat(containers.execOk(name, "dpkg-query -W -f '${Status}' openjdk-17-jre-headless"))
          .isEqualTo("install ok installed");

      var version = containers.exec(name, "java -version");
      assertThat(version.exitCode()).isZero();
      assertThat(version.stderr()).startsWith("openjdk version \"17.").contains("OpenJDK 64-Bit Server VM");
    }
  }
}
