package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.setup.LocalShell;
import io.cul8er.ssh.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * images/build.sh resolves, against Debian's archive, the exact package versions a Debian build would
 * install, and its cache key is a function of that list (plus the build's own files).
 */
class ImageVersionsIT {
  @TempDir Path dir;

  private static CommandResult run(String command) {
    return new LocalShell().run(command, Duration.ofMinutes(3));
  }

  @Test
  void theKeyIsMadeOfTheResolvedVersionsOfEveryPackage() throws Exception {
    LiveComponents.require("mmdebstrap and Debian's archive keyring (run `sudo scripts/setup.sh`)",
        Files.exists(Path.of("/usr/bin/mmdebstrap")) && Files.exists(Path.of("/usr/share/keyrings/debian-archive-keyring.gpg")));
    CommandResult listed = run("bash images/build.sh versions debian12");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    List<String> lines = listed.stdout().lines().toList();

    assertThat(lines).allMatch(line -> line.matches("[a-z0-9][a-z0-9+.-]* [0-9][A-Za-z0-9.+~:-]*"));
    assertThat(lines).isSorted();
    assertThat(lines.stream().map(line -> line.split(" ")[0]))
        .contains("systemd", "systemd-sysv", "ifupdown", "isc-dhcp-client", "iproute2", "procps", "ca-certificates",
            "apt", "base-files", "dpkg", "libc6")
        .doesNotContain("openjdk-17-jre-headless", "incus-base", "systemd-resolved");

    Path file = Files.writeString(dir.resolve("versions"), listed.stdout());
    CommandResult real = run("bash images/build.sh hash debian12");
    CommandResult fromList = run("CUL8ER_PACKAGE_VERSIONS=" + file + " bash images/build.sh hash debian12");
    assertThat(real.stdout()).matches("[0-9a-f]{64}\n").isEqualTo(fromList.stdout());

    CommandResult host = run("bash images/build.sh versions debian12-host");
    assertThat(host.exitCode()).as(host.stderr()).isZero();
    assertThat(host.stdout()).containsPattern("(?m)^incus-base \\S+~bpo12\\+\\d+$")
        .containsPattern("(?m)^openssh-server 1:9\\.2p1-\\S+$").containsPattern("(?m)^haproxy 2\\.6\\.\\S+$");
    assertThat(run("bash images/build.sh versions debian12-jvm").stdout())
        .containsPattern("(?m)^openjdk-17-jre-headless 17\\.\\S+$");
  }
}
