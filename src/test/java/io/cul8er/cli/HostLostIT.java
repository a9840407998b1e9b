package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a host lost mid-rollout. Four instances of one release over cul8er-tb-2 ({@code
 * web_1}) and cul8er-tb-3 ({@code web_2}), rolling in two batches of two, automatic rollback, on
 * edge port 8202 of both hosts. While the second batch runs, cul8er-tb-3 is frozen ({@code incus
 * pause}: its TCP peers get no answer, as from a dead host) and thawed once the deploy has given it
 * up (at most {@link #FREEZE_LIMIT}). The deploy must fail naming the host and why, roll back what
 * changed on web_1, leave the lost host's undo pending in the journal (exit 4), and the next deploy,
 * with the host back, must finish the rollout and converge.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostLostIT {
  static final String NAME = "ithl" + UUID.randomUUID().toString().substring(0, 5);
  private static final int PORT = 8202;
  private static final String LOST = "cul8er-tb-3";
  private static final Duration FREEZE_LIMIT = Duration.ofSeconds(55);
  /** The reconnect window the lossy deploy is given (--incus-retry): the documented bound is built on it. */
  private static final String RETRY = "15s";

  @TempDir static Path dir;
  static Path file;
  static TestbedHosts.Host web1;
  static TestbedHosts.Host web2;
  static Map<String, String> environment;

  @BeforeAll
  static void topology() throws Exception {
    ZeroDowntimeIT.buildReleases();
    List<TestbedHosts.Host> hosts = TestbedHosts.up(3);
    web1 = hosts.get(1);
    web2 = hosts.get(2);
    assertThat(web2.name()).isEqualTo(LOST);
    environment = Map.of("CUL8ER_SSH_CONFIG", TestbedHosts.sshConfig().toString());
    file = dir.resolve(NAME + ".cul8");
    Files.writeString(file, "topology :" + NAME + " do\n" + TestbedTopology.host("web_1", web1) + TestbedTopology.host("web_2", web2)
        + "  resource :app, type: :container, on: [:web_1, :web_2] do\n"
        + """
            from_image "cul8er/userland"
            profiles ["default", "cul8er-userland"]
            replicas 4
            limits do
              memory megabytes: 192
            end
            network do
              expose port: 8080, as: %d, protocol: :http
            end
            deploy release: :"hello-web", version: "1.0.0", runtime: :jvm
          end
          strategy do
            approach :rolling
            batch_size 2
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 200
              timeout seconds: 3
              retries 5
              grace_period seconds: 10
            end
            rollback do
              on_failure :automatic
              snapshot true
            end
          end
        end
        """.formatted(PORT));
    Files.createSymbolicLink(dir.resolve("releases"), ZeroDowntimeIT.EXAMPLE.resolve("releases"));
  }

  @AfterAll
  static void destroy() throws Exception {
    thaw();
    if (file != null) {
      CliProcess.run(environment, 5, "destroy", NAME, "-f", file.toString(), "--yes");
    }
  }

  private static Cli.Run cul8er(String... args) throws Exception {
    return CliProcess.run(environment, 10, file, args);
  }

  @Test
  @Order(1)
  void theReleaseRunsOnBothHosts() throws Exception {
    Cli.Run setup = cul8er("setup", NAME, "--user", "root", "--key", TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();

    Cli.Run deploy = cul8er("deploy", NAME);

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(versions(web1)).containsOnly("1.0.0");
    assertThat(versions(web2)).containsOnly("1.0.0");
  }

  @Test
  @Order(2)
  void aHostLostInTheSecondBatchFailsTheDeployAndOnlyTheOtherHostIsRolledBack() throws Exception {
    Lines lines = Lines.of(CliProcess.start(environment, "deploy", NAME, "-f", file.toString(), "--version", "1.1.0",
        "--incus-retry", RETRY));
    long frozenAt;
    Optional<Long> failedAt;
    long endedAt;
    try {
      lines.await("drain " + NAME + "-app-3...", Duration.ofMinutes(3));
      Shell.ok("incus", "pause", LOST);
      frozenAt = System.nanoTime();
      lines.await("Gave up on web_2", FREEZE_LIMIT);
    } catch (AssertionError notGivenUp) {
      lines.stop();
      throw notGivenUp;
    } finally {
      thaw();
    }
    endedAt = lines.awaitEnd(Duration.ofMinutes(3));
    failedAt = lines.firstWith("FAILED: ");
    String out = lines.text();
    String lost = "web_2 (deploy@" + web2.address() + ":22)";
    System.out.printf("HostLostIT: first step failed %.1f s after the freeze, the deploy ended %.1f s after it%n",
        seconds(failedAt.orElseThrow() - frozenAt), seconds(endedAt - frozenAt));

    assertThat(lines.exitCode()).as(out).isEqualTo(ExitCodes.ROLLOUT_PENDING);
    assertThat(seconds(failedAt.get() - frozenAt)).as("a step fails within the bound; " + out).isLessThan(45.0);
    assertThat(out).contains(lost + " was lost, so these steps are left undone: ",
        "restore " + NAME + "-app-2 to 1.0.0 from its snapshot",
        "(Gave up on " + lost + ": the SSH connection to it was lost at ",
        " UTC and could not be opened again within 15 s (the last attempt: Tried to connect to " + lost
            + " over SSH, but it did not answer in time",
        "; it is not tried again during this run)",
        "The rollout is left unfinished in the journal (`cul8er rollout status " + NAME + "`)");
    assertThat(out).containsPattern("; restored: " + NAME + "-app-1(, " + NAME + "-app-3)?\n");
    assertThat(out).doesNotContain("Rolled back in", "was rolled back", "\tat ", "restored: " + NAME + "-app-1, "
        + NAME + "-app-2");
    assertThat(versions(web1)).as("web_1's instances run the old version again; " + out).containsOnly("1.0.0");

    Cli.Run status = cul8er("rollout", "status", NAME);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).startsWith("Unfinished rollout ").contains(
        "Undo begun after the failure:",
        "[done] restore " + NAME + "-app-1 to 1.0.0 from its snapshot\n",
        "[FAIL] restore " + NAME + "-app-2 to 1.0.0 from its snapshot: Gave up on " + lost);
  }

  @Test
  @Order(3)
  void withTheHostBackTheNextDeployFinishesTheRolloutAndConverges() throws Exception {
    long started = System.nanoTime();
    Cli.Run deploy = cul8er("deploy", NAME, "--version", "1.1.0");
    System.out.printf("HostLostIT: the converging deploy took %.1f s%n", seconds(System.nanoTime() - started));

    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(deploy.out()).contains("It aimed at the versions this deploy wants: the steps below finish it");
    assertThat(versions(web1)).containsOnly("1.1.0");
    assertThat(versions(web2)).containsOnly("1.1.0");
    Cli.Run plan = cul8er("plan", NAME, "--version", "1.1.0", "--detailed-exitcode");
    assertThat(plan.exitCode()).as(plan.all()).isZero();
    Cli.Run status = cul8er("status", NAME);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).doesNotContain("DRAIN", "MAINT");
    Cli.Run rollout = cul8er("rollout", "status", NAME);
    assertThat(rollout.out()).startsWith("No unfinished rollout for " + NAME + ".").contains("ended completed");
  }

  /** Thaws the lost host if it is frozen; never fails (a finally block calls it). */
  private static void thaw() {
    Shell.run("incus", "start", LOST);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** What 8 requests to the host's edge answered on /version. */
  private static List<String> versions(TestbedHosts.Host host) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(client.send(HttpRequest.newBuilder(URI.create("http://" + host.address() + ":" + PORT + "/version"))
          .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
    return answers;
  }

  /** A running deploy's lines, each with the time it was read. */
  private static final class Lines {
    private final Process process;
    private final List<String> text = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private final Thread reader;

    private Lines(Process process) {
      this.process = process;
      this.reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            synchronized (this) {
              text.add(line);
              times.add(System.nanoTime());
            }
          }
        } catch (java.io.IOException ended) {
          // the process ended
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    static Lines of(Process process) {
      return new Lines(process);
    }

    void await(String marker, Duration limit) throws InterruptedException {
      long deadline = System.nanoTime() + limit.toNanos();
      while (System.nanoTime() < deadline) {
        if (firstWith(marker).isPresent()) {
          return;
        }
        if (!process.isAlive()) {
          reader.join(TimeUnit.SECONDS.toMillis(10));
          if (firstWith(marker).isPresent()) {
            return;
          }
          break;
        }
        Thread.sleep(20);
      }
      throw new AssertionError("never printed '" + marker + "' within " + limit.toSeconds() + " s:\n" + text());
    }

    /** Waits for the process to end; returns when it did. */
    long awaitEnd(Duration limit) throws InterruptedException {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the deploy did not end within " + limit.toSeconds() + " s:\n" + text());
      }
      long ended = System.nanoTime();
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return ended;
    }

    /** Stops the deploy (as Ctrl-C would, then for good), so that it holds no lock in the next test. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    synchronized Optional<Long> firstWith(String marker) {
      for (int i = 0; i < text.size(); i++) {
        if (text.get(i).contains(marker)) {
          return Optional.of(times.get(i));
        }
      }
      return Optional.empty();
    }

    int exitCode() {
      return process.exitValue();
    }

    synchronized String text() {
      return String.join("\n", text) + "\n";
    }
  }
}
