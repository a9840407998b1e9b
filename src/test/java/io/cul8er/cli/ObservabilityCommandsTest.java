package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.model.Observability;
import io.cul8er.observe.Event;
import io.cul8er.observe.EventJson;
import io.cul8er.observe.EventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cul8er events} and {@code cul8er metrics} over an event log, for a topology without instances. */
class ObservabilityCommandsTest {
  private static final Instant AT = Instant.parse("2026-11-26T02:47:00Z");
  private static final List<Event> LOG = List.of(
      new Event.DeployStarted(AT, "shop", "rolling"),
      new Event.HealthCheckFailed(AT.plusSeconds(1), "shop", "web-1", "status 503", Duration.ofMillis(40)),
      new Event.RollbackStarted(AT.plusSeconds(2), "shop", "web-1 failed its health check"),
      new Event.DeployFinished(AT.plusSeconds(3), "shop", "rolled_back", Duration.ofMillis(3500), "rolling"));

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void writeTopologyAndLog() throws IOException {
    file = dir.resolve("shop.cul8");
    Files.writeString(file, """
        topology :shop do
          observability do
            metrics [:deployment_duration, :rollbacks]
            events [:deploy_started, :health_check_failed]
          end
        end
        """);
    Path log = dir.resolve(".cul8er/shop/events.jsonl");
    EventLog events = EventLog.open(log, Observability.all());
    LOG.forEach(events);
  }

  @Test
  void eventsShowsTheSelectedEventsOfTheLog() {
    Run run = run(new EventsCommand(), "shop", "-f", file.toString());

    assertThat(run.code).isZero();
    assertThat(run.out).isEqualTo("""
        02:47:00  deploy_started      strategy=rolling
        02:47:01  health_check_failed instance=web-1 reason="status 503" latency=0.04s
        """);
  }

  @Test
  void eventsJsonPrintsTheLogLines() {
    Run run = run(new EventsCommand(), "shop", "--json", "-f", file.toString());

    assertThat(run.out.lines()).containsExactly(EventJson.write(LOG.get(0)), EventJson.write(LOG.get(1)));
  }

  @Test
  void eventsFollowPrintsNewEventsUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new EventsCommand()).setOut(new PrintWriter(out));
    Thread follower = new Thread(() -> cli.execute("shop", "--follow", "-f", file.toString()));
    follower.start();
    EventLog.open(dir.resolve(".cul8er/shop/events.jsonl"), Observability.all())
        .accept(new Event.DeployStarted(AT.plusSeconds(60), "shop", "canary"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!out.toString().contains("canary") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    follower.interrupt();
    follower.join(5000);

    assertThat(follower.isAlive()).isFalse();
    assertThat(out.toString()).endsWith("02:48:00  deploy_started      strategy=canary\n")
        .contains("health_check_failed");
  }

  @Test
  void metricsAreComputedFromTheLogAndLimitedToTheSelection() {
    Run run = run(new MetricsCommand(), "shop", "-f", file.toString());

    assertThat(run.code).as(run.err).isZero();
    assertThat(run.out).isEqualTo(String.format("%-60s %s%n%-60s %s%n",
        "deployment_duration{outcome=rolled_back,strategy=rolling}", "count=1 total=3.5s max=3.5s",
        "rollbacks", "count=1"));
  }

  @Test
  void metricsJsonIsTheSnapshot() {
    Run run = run(new MetricsCommand(), "shop", "--json", "-f", file.toString());

    assertThat(run.out).contains("\"name\" : \"rollbacks\"", "\"kind\" : \"counter\"", "\"count\" : 1.0")
        .contains("\"outcome\" : \"rolled_back\"");
  }

  @Test
  void watchWithoutATerminalPrintsTimestampedLines() {
    Run run = run(new MetricsCommand(), "shop", "--watch", "--count", "2", "--interval", "10ms", "-f", file.toString());

    assertThat(run.code).isZero();
    assertThat(run.out.lines()).hasSize(2).allMatch(l -> l.contains(" shop event "));
    assertThat(run.out.lines().toList().get(1)).endsWith("event health_check_failed instance=web-1 reason=\"status 503\" latency=0.04s");
  }

  @Test
  void serveAnswersScrapesWithTheLogsMetricsUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new MetricsCommand()).setOut(new PrintWriter(out));
    Thread server = new Thread(() -> cli.execute("shop", "--serve", "0", "-f", file.toString()));
    server.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!out.toString().contains("/metrics") && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    String url = out.toString().replaceAll("(?s).* at (http://\\S+/metrics) .*", "$1");
    HttpResponse<String> scrape = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    server.interrupt();
    server.join(5000);

    assertThat(out.toString()).startsWith("serving the metrics of shop at http://127.0.0.1:");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body()).contains("cul8er_rollbacks_total 1.0\n")
        .contains("cul8er_deployment_duration_seconds_count{outcome=\"rolled_back\",strategy=\"rolling\"} 1\n")
        .doesNotContain("health_check");
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void serveBoundBeyondLoopbackWithoutATokenIsRefusedSayingWhy() {
    Cli.Run run = Cli.run("metrics", "shop", "--serve", "0", "--bind", "0.0.0.0", "-f", file.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: Refusing to serve the dashboard on 0.0.0.0:0 without a token: bound to an"
        + " address other than loopback, it needs one (--token-file FILE, or the environment variable"
        + " CUL8ER_DASHBOARD_TOKEN)\n");
  }

  @Test
  void serveAndWatchTogetherAreRefused() {
    Run run = run(new MetricsCommand(), "shop", "--watch", "--serve", "0", "-f", file.toString());

    assertThat(run.code).isNotZero();
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(code, out.toString(), err.toString());
  }
}
