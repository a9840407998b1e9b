package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cul8er/debian12-host as a nested test host: launched privileged with nesting, it boots systemd to
 * "running", its own incusd starts an inner container with CPU and memory limits (the cgroup fix-up
 * unit runs first), and its sshd serves host keys made at its first boot, so two hosts from the
 * image have different keys.
 */
class DebianHostImageIT {
  private static final String[] NESTED = {"-c", "security.nesting=true", "-c", "security.privileged=true"};

  @TempDir Path dir;

  @Test
  void incusRunsInsideWithALimitedInnerContainerAndEachHostHasItsOwnSshHostKeys() throws Exception {
    DebianImages.require(DebianImages.DEBIAN12_HOST);
    try (Containers containers = new Containers("it-deb12host")) {
      String one = containers.launch(DebianImages.DEBIAN12_HOST, NESTED);
      String two = containers.launch(DebianImages.DEBIAN12_HOST, NESTED);
      for (String host : new String[] {one, two}) {
        assertThat(containers.systemState(host)).as(host).isEqualTo("running");
        assertThat(containers.failedUnits(host)).as(host).isEmpty();
        assertThat(containers.execOk(host, "systemctl is-active cul8er-ssh-hostkeys ssh haproxy cul8er-cgroup-split"))
            .isEqualTo("active\nactive\nactive\nactive\n");
      }

      // sshd: keys made at each host's first boot, not in the image, and served by that host's sshd.
      String keyOne = containers.execOk(one, "cut -d' ' -f2 /etc/ssh/ssh_host_ed25519_key.pub").strip();
      String keyTwo = containers.execOk(two, "cut -d' ' -f2 /etc/ssh/ssh_host_ed25519_key.pub").strip();
      assertThat(keyOne).startsWith("AAAAC3NzaC1lZDI1NTE5").isNotEqualTo(keyTwo);
      String address = containers.ipv4OnEth0(one, Duration.ofSeconds(30)).replaceAll(".*\\binet (\\S+)/\\d+.*", "$1");
      assertThat(containers.ok("ssh-keyscan -T 10 -t ed25519 " + address + " 2>/dev/null"))
          .isEqualTo(address + " ssh-ed25519 " + keyOne + "\n");

      // incusd, and an inner container with limits on an inner bridge.
      containers.execOk(one, "incus admin waitready --timeout=60");
      assertThat(containers.execOk(one, "systemctl is-active incus.service")).isEqualTo("active\n");
      containers.execOk(one, "incus storage create default dir"
          + " && incus network create nestbr0 ipv4.address=10.201.7.1/24 ipv4.nat=false ipv6.address=none"
          + " && incus profile device add default root disk path=/ pool=default"
          + " && incus profile device add default eth0 nic network=nestbr0 name=eth0");
      containers.ok("bash images/build.sh build busybox " + dir);
      containers.ok("incus file push " + dir.resolve("meta.tar.gz") + " " + dir.resolve("rootfs.tar.gz") + " " + one + "/root/");
      containers.execOk(one, "incus image import /root/meta.tar.gz /root/rootfs.tar.gz --alias inner-busybox");
      containers.execOk(one, "incus launch inner-busybox inner1 -c limits.memory=32MiB -c limits.cpu=1");

      assertThat(containers.execOk(one, "incus list inner1 -c s -f csv")).isEqualTo("RUNNING\n");
      // The limits, as the nested host's kernel applies them to the inner container's cgroups.
      assertThat(containers.execOk(one, "cat /sys/fs/cgroup/memory/lxc.payload.inner1/memory.limit_in_bytes"))
          .isEqualTo(Long.toString(32L * 1024 * 1024) + "\n");
      assertThat(containers.execOk(one, "cat /sys/fs/cgroup/cpuset/lxc.payload.inner1/cpuset.cpus").strip())
          .as("limits.cpu=1: one CPU").matches("\\d+");
      String inner = "";
      for (int i = 0; i < 100 && !inner.contains("10.201.7."); i++) {
        Thread.sleep(300);
        inner = containers.execOk(one, "incus list inner1 -c 4 -f csv");
      }
      assertThat(inner).as("the inner container's address, from the inner incusd's dnsmasq").contains("10.201.7.");
    }
  }
}
