package io.cul8er.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.examples.Http.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds the example's releases with build.sh, then runs them for real on loopback. */
class HelloWebReleaseIT {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  @TempDir Path work;

  @BeforeAll
  static void buildReleases() {
    HelloWebReleases.build("1.1.0", "1.2.0");
  }

  @Test
  void tarballHoldsTheDocumentedLayout() {
    String listing =
        Commands.run(
                Duration.ofSeconds(30),
                "tar", "tzvf", HelloWebReleases.tarball("1.1.0").toString())
            .orFail()
            .output();

    assertThat(listing.lines().map(line -> line.substring(line.lastIndexOf(' ') + 1)))
        .containsExactly(
            "hello-web-1.1.0/",
            "hello-web-1.1.0/VERSION",
            "hello-web-1.1.0/bin/",
            "hello-web-1.1.0/bin/hello-web",
            "hello-web-1.1.0/lib/",
            "hello-web-1.1.0/lib/hello-web.jar");
    assertThat(listing.lines().filter(line -> line.endsWith("/bin/hello-web")))
        .singleElement()
        .asString()
        .startsWith("-rwxr-xr-x 0/0");
  }

  @Test
  void versionFileHoldsTheVersion() throws IOException {
    Path release = HelloWebReleases.unpack("1.1.0", work);

    assertThat(Files.readString(release.resolve("VERSION"), StandardCharsets.UTF_8))
        .isEqualTo("1.1.0\n");
  }

  @Test
  void rebuildIsSkippedWhenUpToDateAndForcedRebuildIsByteIdentical() throws Exception {
    Path tarball = HelloWebReleases.tarball("1.1.0");
    byte[] before = Files.readAllBytes(tarball);
    FileTime builtAt = Files.getLastModifiedTime(tarball);

    String again = HelloWebReleases.build("1.1.0");
    assertThat(again).contains("releases/hello-web-1.1.0.tar.gz is up to date (health ok)");
    assertThat(Files.getLastModifiedTime(tarball)).isEqualTo(builtAt);

    String forced = HelloWebReleases.build("--force", "1.1.0");
    assertThat(forced)
        .contains("built releases/hello-web-1.1.0.tar.gz (health ok, sha256 " + sha256(before) + ")");
    assertThat(Files.readAllBytes(tarball)).isEqualTo(before);
  }

  @Test
  void buildRefusesSomethingThatIsNotAVersion() {
    Commands.Result result =
        Commands.run(Duration.ofSeconds(30), "bash", "examples/hello-web/build.sh", "1.x");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .isEqualTo("hello-web build: ERROR: '1.x' is not a version like 1.2.3 or 1.2.3-rc.1\n");
  }

  @Test
  void release110IsHealthyServesItsVersionAndExitsZeroOnSigterm() throws Exception {
    try (LocalHelloWeb app = LocalHelloWeb.start(HelloWebReleases.unpack("1.1.0", work))) {
      assertThat(app.get("/health")).isEqualTo(new Reply(200, "ok"));
      assertThat(app.get("/version")).isEqualTo(new Reply(200, "1.1.0"));
      assertThat(app.get("/")).isEqualTo(new Reply(200, "hello-web 1.1.0 on " + hostname() + "\n"));
      assertThat(app.get("/nowhere")).isEqualTo(new Reply(404, "not found\n"));

      assertThat(app.terminate(STOP_TIMEOUT)).isEqualTo(OptionalInt.of(0));
      List<String> log = app.log().lines().map(HelloWebReleaseIT::withoutTimestamp).toList();
      assertThat(log.get(0))
          .matches(
              Pattern.quote(
                      "hello-web 1.1.0 listening on 127.0.0.1:"
                          + app.port()
                          + " (health ok, host "
                          + hostname()
                          + ", ")
                  + "\\d+\\.\\dms after main\\)");
      assertThat(log).anyMatch(line -> line.matches("GET /version 200 \\d+\\.\\dms"));
      assertThat(log).anyMatch(line -> line.matches("GET /nowhere 404 \\d+\\.\\dms"));
      assertThat(log.get(log.size() - 2))
          .isEqualTo("hello-web 1.1.0 stopping: draining in-flight requests");
      assertThat(log.get(log.size() - 1))
          .matches("hello-web 1\\.1\\.0 stopped in \\d+\\.\\dms \\(0 requests cut off\\)");
    }
  }

  @Test
  void release120ListensButItsHealthCheckFails() throws Exception {
    try (LocalHelloWeb app = LocalHelloWeb.start(HelloWebReleases.unpack("1.2.0", work))) {
      assertThat(app.get("/health"))
          .isEqualTo(new Reply(503, "unhealthy: 1.2.0 is broken on purpose"));
      assertThat(app.get("/version")).isEqualTo(new Reply(200, "1.2.0"));
      assertThat(app.get("/")).isEqualTo(new Reply(200, "hello-web 1.2.0 on " + hostname() + "\n"));

      assertThat(app.terminate(STOP_TIMEOUT)).isEqualTo(OptionalInt.of(0));
      assertThat(app.log())
          .contains(
              "hello-web 1.2.0 listening on 127.0.0.1:" + app.port() + " (health broken on purpose");
    }
  }

  private static String withoutTimestamp(String line) {
    return line.substring(line.indexOf(' ') + 1);
  }

  private static String hostname() throws IOException {
    return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
