package io.cul8er.examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/** An unpacked hello-web release started with its own bin/hello-web on a free loopback port. */
final class LocalHelloWeb implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final Path log;
  private final int port;

  private LocalHelloWeb(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the release and returns once it answers HTTP on /health (whatever the status). */
  static LocalHelloWeb start(Path release) throws IOException, InterruptedException {
    int port = freeLoopbackPort();
    Path log = release.resolve("hello-web.log");
    ProcessBuilder builder =
        new ProcessBuilder(release.resolve("bin/hello-web").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("BIND", "127.0.0.1");
    LocalHelloWeb app = new LocalHelloWeb(builder.start(), log, port);
    try {
      Http.awaitAnswer(app.url("/health"), START_TIMEOUT, app::failIfExited);
    } catch (AssertionError | InterruptedException e) {
      app.close();
      throw e;
    }
    return app;
  }

  int port() {
    return port;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  Http.Reply get(String path) {
    return Http.get(url(path));
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Sends SIGTERM; the exit code, or empty if the process is still running after the timeout. */
  OptionalInt terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? OptionalInt.of(process.exitValue())
        : OptionalInt.empty();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private void failIfExited() {
    if (!process.isAlive()) {
      String output;
      try {
        output = log();
      } catch (IOException e) {
        output = "(log unreadable: " + e.getMessage() + ")";
      }
      throw new AssertionError(
          "hello-web exited with " + process.exitValue() + " before answering:\n" + output);
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
