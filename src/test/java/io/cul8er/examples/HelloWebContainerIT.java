package io.cul8er.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.examples.Http.Reply;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Installs release 1.0.0 by hand in a throw-away cul8er/userland container (the way C U L8er will:
 * files API, unpack, start) and asks it for its version from the host, over the Incus bridge.
 */
class HelloWebContainerIT {
  private static final String CONTAINER =
      "hw-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  private static final String VERSION = "1.0.0";
  private static final String INSTALL_DIR = "/opt/hello-web";
  private static final String LOG = INSTALL_DIR + "/hello-web.log";
  private static final Duration INCUS_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern ETH0_IPV4 =
      Pattern.compile("(\\d+\\.\\d+\\.\\d+\\.\\d+) \\(eth0\\)");

  @BeforeAll
  static void buildAndLaunch() {
    HelloWebReleases.build(VERSION);
    incus("launch", "cul8er/userland", CONTAINER, "-p", "default", "-p", "cul8er-userland");
  }

  @AfterAll
  static void deleteContainer() {
    Commands.Result deleted = Commands.run(INCUS_TIMEOUT, "incus", "delete", "--force", CONTAINER);
    boolean stillThere =
        Commands.run(INCUS_TIMEOUT, "incus", "info", CONTAINER).exitCode() == 0;
    assertThat(stillThere)
        .as("container %s left behind: %s", CONTAINER, deleted.output())
        .isFalse();
  }

  @Test
  void releaseInstalledInAUserlandContainerServesItsVersionToTheHost() throws Exception {
    String tarball = INSTALL_DIR + "/hello-web-" + VERSION + ".tar.gz";
    incus("exec", CONTAINER, "--", "mkdir", "-p", INSTALL_DIR);
    incus("file", "push", HelloWebReleases.tarball(VERSION).toString(), CONTAINER + tarball);
    incus("exec", CONTAINER, "--", "tar", "xzf", tarball, "-C", INSTALL_DIR);
    incus(
        "exec",
        CONTAINER,
        "--",
        "sh",
        "-c",
        "PORT=8080 " + INSTALL_DIR + "/hello-web-" + VERSION + "/bin/hello-web > " + LOG
            + " 2>&1 < /dev/null &");
    String base = "http://" + awaitIpv4() + ":8080";

    try {
      assertThat(Http.awaitAnswer(base + "/version", NETWORK_TIMEOUT, () -> {}))
          .isEqualTo(new Reply(200, VERSION));
      assertThat(Http.get(base + "/health")).isEqualTo(new Reply(200, "ok"));
      assertThat(Http.get(base + "/"))
          .isEqualTo(new Reply(200, "hello-web " + VERSION + " on " + CONTAINER + "\n"));
    } catch (AssertionError e) {
      e.addSuppressed(new AssertionError("log of the application in the container:\n" + appLog()));
      throw e;
    }
    assertThat(appLog())
        .contains("hello-web 1.0.0 listening on 0.0.0.0:8080 (health ok, host " + CONTAINER + ",");
  }

  private static String awaitIpv4() throws InterruptedException {
    long deadline = System.nanoTime() + NETWORK_TIMEOUT.toNanos();
    while (true) {
      String addresses = incus("list", CONTAINER, "--format", "csv", "--columns", "4");
      Matcher ipv4 = ETH0_IPV4.matcher(addresses);
      if (ipv4.find()) {
        return ipv4.group(1);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "container " + CONTAINER + " got no IPv4 address on eth0 within " + NETWORK_TIMEOUT);
      }
      Thread.sleep(200);
    }
  }

  private static String appLog() {
    return Commands.run(INCUS_TIMEOUT, "incus", "exec", CONTAINER, "--", "cat", LOG).output();
  }

  private static String incus(String... arguments) {
    String[] command = new String[arguments.length + 1];
    command[0] = "incus";
    System.arraycopy(arguments, 0, command, 1, arguments.length);
    return Commands.run(INCUS_TIMEOUT, command).orFail().output();
  }
}
