package io.cul8er.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseVersionTest {
  @TempDir Path dir;

  @Test
  void aReleaseVersionIsDeployedAsItIs() throws IOException {
    assertThat(ReleaseVersion.of("1.3.0", file("a.jar", "one"))).isEqualTo("1.3.0");
  }

  @Test
  void aSnapshotGetsTheFirstTwelveHexDigitsOfTheArtifactsSha256() throws IOException {
    // sha256("one") = 7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed
    assertThat(ReleaseVersion.of("1.3.0-SNAPSHOT", file("a.jar", "one"))).isEqualTo("1.3.0-SNAPSHOT.7692c3ad3540");
  }

  @Test
  void differentBuildsOfOneSnapshotGetDifferentVersionsAndTheSameBytesTheSame() throws IOException {
    String one = ReleaseVersion.of("1.3.0-SNAPSHOT", file("a.jar", "one"));
    String two = ReleaseVersion.of("1.3.0-SNAPSHOT", file("b.jar", "two"));
    String oneAgain = ReleaseVersion.of("1.3.0-SNAPSHOT", file("c.jar", "one"));

    assertThat(two).isNotEqualTo(one);
    assertThat(oneAgain).isEqualTo(one);
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }
}
