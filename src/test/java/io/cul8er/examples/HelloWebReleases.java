package io.cul8er.examples;

import java.nio.file.Path;
import java.time.Duration;

/** The example's release build (examples/hello-web/build.sh), run from the repository root. */
final class HelloWebReleases {
  static final Path HOME = Path.of("examples/hello-web");
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);

  private HelloWebReleases() {}

  /** Runs build.sh with these arguments and fails the test if it fails; returns its output. */
  static String build(String... arguments) {
    String[] command = new String[arguments.length + 2];
    command[0] = "bash";
    command[1] = HOME.resolve("build.sh").toString();
    System.arraycopy(arguments, 0, command, 2, arguments.length);
    return Commands.run(BUILD_TIMEOUT, command).orFail().output();
  }

  static Path tarball(String version) {
    return HOME.resolve("releases/hello-web-" + version + ".tar.gz");
  }

  /** Unpacks a built release under a directory; returns the release's own directory. */
  static Path unpack(String version, Path into) {
    String tarball = tarball(version).toString();
    Commands.run(Duration.ofSeconds(30), "tar", "xzf", tarball, "-C", into.toString()).orFail();
    return into.resolve("hello-web-" + version);
  }
}
