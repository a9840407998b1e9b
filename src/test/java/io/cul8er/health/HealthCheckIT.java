package io.cul8er.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.LiveComponents;
import io.cul8er.health.CheckResult.Failed;
import io.cul8er.health.HealthEvent.GaveUp;
import io.cul8er.health.HealthEvent.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health checks against a real instance: a cul8er/busybox container, whose busybox httpd serves
 * port 80, reached on its bridge address as the edge would reach it.
 */
class HealthCheckIT {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})");
  private static final String NAME = "cul8er-health-it-" + UUID.randomUUID().toString().substring(0, 8);
  private static final WaitPolicy POLICY =
      new WaitPolicy(Duration.ofMillis(200), Duration.ofSeconds(2), 3, Duration.ofSeconds(20), Duration.ofSeconds(30));

  private static boolean launched;
  private static long launchedAtNanos;
  private static Target instance;

  @BeforeAll
  static void launch() throws IOException, InterruptedException {
    LiveComponents.requireIncus();
    launchedAtNanos = System.nanoTime();
    incus("launch", "cul8er/busybox", NAME);
    launched = true;
    instance = Target.of(NAME, awaitAddress()).withCommands(ProcessCommandRunner.incusExec(NAME));
    System.out.printf("[health figures] %s: launched with an IPv4 address in %d ms%n",
        NAME, Duration.ofNanos(System.nanoTime() - launchedAtNanos).toMillis());
  }

  @AfterAll
  static void delete() throws IOException, InterruptedException {
    if (launched) {
      incus("delete", "--force", NAME);
    }
  }

  @Test
  void theWebServerOnLocalhostPort80BecomesHealthy() throws InterruptedException {
    RecordingListener listener = new RecordingListener();

    Verdict verdict = new HealthWaiter(Health.http("http://localhost:80/", 200), POLICY)
        .withListener(listener).await(instance);

    assertThat(verdict.healthy()).as("%s", listener.events).isTrue();
    System.out.printf("[health figures] %s: http check healthy after %d ms of waiting, %d attempt(s)%n",
        NAME, verdict.after().toMillis(), verdict.attempts());
  }

  @Test
  void port81IsRefusedAndTheWaitGivesUp() throws InterruptedException {
    WaitPolicy noGrace =
        new WaitPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), 2, Duration.ZERO, Duration.ofSeconds(10));

    Verdict verdict = new HealthWaiter(Health.tcp(81), noGrace).await(instance);

    assertThat(verdict).isInstanceOf(GaveUp.class);
    assertThat(verdict.attempts()).isEqualTo(2);
    assertThat(((GaveUp) verdict).reasons()).extracting(Failed::message)
        .containsOnly("TCP connect to " + instance.address() + ":81: connection refused");
  }

  @Test
  void commandsRunInsideTheInstance() throws InterruptedException {
    Verdict served = new HealthWaiter(Health.command("test -s /var/www/index.html"), POLICY).await(instance);
    CheckResult missing = Health.command("cat /no/such/file").attempt(instance, Duration.ofSeconds(30));

    assertThat(served.healthy()).isTrue();
    assertThat(((Failed) missing).message())
        .isEqualTo("`cat /no/such/file` in " + NAME
            + ": exited 1: cat: can't open '/no/such/file': No such file or directory");
  }

  /** Bounded: DHCP on the Incus bridge answers within seconds. */
  private static String awaitAddress() throws IOException, InterruptedException {
    for (int i = 0; i < 150; i++) {
      Matcher m = IPV4.matcher(incus("list", NAME, "--format", "csv", "--columns", "4"));
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(NAME + " got no IPv4 address within 30 s");
  }

  private static String incus(String... args) throws IOException, InterruptedException {
    List<String> argv = Stream.concat(Stream.of("incus"), Stream.of(args)).toList();
    try {
      CommandRunner.Output result = ProcessCommandRunner.exec(argv, Duration.ofSeconds(60));
      if (result.exitCode() != 0) {
        throw new AssertionError(String.join(" ", argv) + " exited " + result.exitCode() + ": " + result.output());
      }
      return result.output();
    } catch (TimeoutException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
