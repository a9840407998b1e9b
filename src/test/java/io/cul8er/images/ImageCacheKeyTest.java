package io.cul8er.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.setup.LocalShell;
import io.cul8er.ssh.CommandResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cache key of a Debian image (images/build.sh hash) covers the exact version of every package
 * it installs: a security update of one package makes a new key. The package list is faked with
 * CUL8ER_PACKAGE_VERSIONS, so nothing is resolved against the archive here (ImageVersionsIT does that).
 */
class ImageCacheKeyTest {
  private static final List<String> BOOKWORM = List.of(
      "base-files 12.4+deb12u15", "ifupdown 0.8.41", "isc-dhcp-client 4.4.3-P1-2",
      "libc6 2.36-9+deb12u13", "openssl 3.0.17-1~deb12u2", "systemd 252.39-1~deb12u1");

  @TempDir Path dir;

  private static List<String> reversed() {
    List<String> lines = new java.util.ArrayList<>(BOOKWORM);
    java.util.Collections.reverse(lines);
    return lines;
  }

  private static CommandResult build(String args, Path versions) {
    String env = versions == null ? "" : "CUL8ER_PACKAGE_VERSIONS=" + versions + " ";
    return new LocalShell().run(env + "bash images/build.sh " + args, Duration.ofSeconds(60));
  }

  private static String key(String variant, Path versions) {
    CommandResult result = build("hash " + variant, versions);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).matches("[0-9a-f]{64}\n");
    return result.stdout().strip();
  }

  private Path versions(String name, List<String> lines) throws IOException {
    return Files.write(dir.resolve(name), lines);
  }

  @Test
  void aNewVersionOfOnePackageChangesTheKeyAndNothingElseDoes() throws IOException {
    Path before = versions("before", BOOKWORM);
    Path again = versions("again", BOOKWORM);
    Path reordered = versions("reordered", reversed());
    Path securityUpdate = versions("update", BOOKWORM.stream()
        .map(line -> line.equals("libc6 2.36-9+deb12u13") ? "libc6 2.36-9+deb12u14" : line).toList());
    Path oneMore = versions("more", java.util.stream.Stream.concat(BOOKWORM.stream(), java.util.stream.Stream.of(
        "openjdk-17-jre-headless 17.0.17+10-1~deb12u1")).toList());

    String key = key("debian12", before);
    assertThat(key("debian12", again)).isEqualTo(key);
    assertThat(key("debian12", reordered)).as("the order of the list does not matter").isEqualTo(key);
    assertThat(key("debian12", securityUpdate)).as("libc6 +deb12u14").isNotEqualTo(key);
    assertThat(key("debian12", oneMore)).isNotEqualTo(key);
    assertThat(key("debian12-jvm", before)).as("another variant, the same packages").isNotEqualTo(key);
  }

  @Test
  void versionsPrintsTheListTheKeyIsMadeOfSorted() throws IOException {
    CommandResult listed = build("versions debian12", versions("list", reversed()));

    assertThat(listed.exitCode()).isZero();
    assertThat(listed.stdout().lines().toList()).isEqualTo(BOOKWORM);
  }

  @Test
  void aFakeListCannotMakeABuildAndDoesNotTouchTheBusyboxImages() throws IOException {
    Path fake = versions("fake", BOOKWORM);

    CommandResult refused = build("build debian12 " + dir.resolve("out"), fake);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).isEqualTo("build.sh: CUL8ER_PACKAGE_VERSIONS is for hash and versions only, not build\n");
    assertThat(dir.resolve("out")).doesNotExist();

    assertThat(key("busybox", fake)).isEqualTo(key("busybox", null));
    CommandResult notDebian = build("versions busybox", fake);
    assertThat(notDebian.exitCode()).isEqualTo(1);
    assertThat(notDebian.stderr()).isEqualTo("build.sh: busybox is not built from Debian packages\n");
  }

  @Test
  void anUnknownVariantIsNamedWithTheKnownOnes() {
    CommandResult result = build("hash debian13", null);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).isEqualTo(
        "build.sh: unknown variant 'debian13' (busybox|userland|debian12|debian12-jvm|debian12-postgres|debian12-host)\n");
  }
}
