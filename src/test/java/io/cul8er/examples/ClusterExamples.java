package io.cul8er.examples;

import io.cul8er.cluster.EnvFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** The cluster examples' releases (built by their build.sh when missing) and env files. */
final class ClusterExamples {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);

  private ClusterExamples() {}

  /**
   * The example's tarball for {@code version}, from its build.sh: built when missing, rebuilt
   * when its sources changed, else left as it is.
   */
  static Path tarball(String example, String releaseName, String version) {
    Path home = Path.of("examples", example);
    Commands.run(BUILD_TIMEOUT, "bash", home.resolve("build.sh").toString(), version).orFail();
    Path tarball = home.resolve("releases/" + releaseName + "-" + version + ".tar.gz");
    if (!Files.isRegularFile(tarball)) {
      throw new AssertionError(home.resolve("build.sh") + " " + version + " left no " + tarball);
    }
    return tarball;
  }

  /** Unpacks a tarball under a directory; returns the release's own directory. */
  static Path unpack(Path tarball, String releaseDirectory, Path into) throws IOException {
    Files.createDirectories(into);
    Commands.run(Duration.ofSeconds(30), "tar", "xzf", tarball.toString(), "-C", into.toString()).orFail();
    return into.resolve(releaseDirectory);
  }

  /** Writes the environment as the deploy engine does: an env file only its owner can read. */
  static Path writeEnvFile(Path file, Map<String, String> environment) throws IOException {
    Files.writeString(file, EnvFile.render(environment), StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** True when {@code port} can be bound on every one of {@code addresses}. */
  static boolean freeOnAll(int port, String... addresses) {
    for (String address : addresses) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** A port free on every one of {@code addresses}. */
  static int freePortOnAll(String... addresses) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(addresses[0]))) {
        port = socket.getLocalPort();
      }
      if (freeOnAll(port, addresses)) {
        return port;
      }
    }
    throw new IOException("no port free on all of " + String.join(", ", addresses) + " in 50 tries");
  }
}
