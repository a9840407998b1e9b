package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expose's limits, for real: one hello-web instance behind this machine's edge on port 8212,
 * deployed once with a 1 KiB body limit and 20 requests per 10 s per client address. The app learns
 * the client ({@code X-Forwarded-For} appended, {@code X-Forwarded-Proto} set whatever the client
 * sent); a body over the limit gets 413 from the edge, one under it reaches the app; past the rate
 * limit every request gets 429; {@code cul8er logs TOPOLOGY --edge} shows those requests; a changed
 * limit is edge drift in the plan, and the next deploy serves it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EdgeLimitsIT {
  private static final int PORT = 8212;
  private static final int RATE = 20;
  private static final int BURST = 30;
  private static final String URL = "http://127.0.0.1:" + PORT;

  @TempDir static Path dir;
  static LiveTopology topology;

  @BeforeAll
  static void deploy() throws Exception {
    ZeroDowntimeIT.buildReleases();
    topology = new LiveTopology(dir, resources(1));
    Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
  }

  /** One instance behind port 8212, bodies up to {@code kilobytes}, {@value #RATE} requests per 10 s. */
  private static String resources(int kilobytes) {
    return ZeroDowntimeIT.resources("approach :rolling\n").replace("replicas 3", "replicas 1")
        .replace("expose port: 8080, as: PORT, protocol: :http", "expose port: 8080, as: " + PORT + ", protocol: :http do\n"
            + "        max_body kilobytes: " + kilobytes + "\n        rate_limit " + RATE + ", seconds: 10\n      end");
  }

  @AfterAll
  static void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  @Order(1)
  void theAppLearnsTheClientAndTheSchemeWhateverTheClientClaims() {
    assertThat(Shell.run("curl", "-sS", URL + "/forwarded"))
        .isEqualTo(new Shell.Result(0, "for=127.0.0.1 proto=http\n"));
    assertThat(Shell.run("curl", "-sS", "-H", "X-Forwarded-For: 203.0.113.9", "-H", "X-Forwarded-Proto: https",
        URL + "/forwarded")).isEqualTo(new Shell.Result(0, "for=203.0.113.9, 127.0.0.1 proto=http\n"));
  }

  @Test
  @Order(2)
  void aBodyOverTheLimitGets413FromTheEdgeAndOneUnderItReachesTheApp() {
    assertThat(post(1025)).isEqualTo(new Shell.Result(0, "413"));
    assertThat(post(1024)).as("hello-web answers POST with 405").isEqualTo(new Shell.Result(0, "405"));
  }

  @Test
  @Order(3)
  void pastTheRateLimitEveryRequestGets429() {
    List<String> curl = new ArrayList<>(List.of("curl", "-sS", "-w", "%{http_code}\\n"));
    for (int i = 0; i < BURST; i++) {
      curl.addAll(List.of("-o", "/dev/null", URL + "/version"));
    }
    List<String> statuses = Shell.ok(curl.toArray(String[]::new)).lines().toList();

    int answered = Collections.frequency(statuses, "200");
    assertThat(statuses).hasSize(BURST);
    assertThat(answered).as("4 requests came before, within the same 10 s").isBetween(1, RATE - 4);
    assertThat(statuses.subList(0, answered)).containsOnly("200");
    assertThat(statuses.subList(answered, BURST)).containsOnly("429");
  }

  @Test
  @Order(4)
  void logsEdgeShowsTheTopologysRequestsEachLineNamingTheEdgeAndTheFrontend() {
    Cli.Run logs = Cli.run("logs", topology.name, "--edge", "-f", topology.f(), "-n", "100");

    assertThat(logs.exitCode()).as(logs.all()).isZero();
    List<String> lines = logs.out().lines().toList();
    assertThat(lines).hasSize(4 + BURST).allSatisfy(line -> assertThat(line)
        .matches("this machine \\| \\d{4}-\\d\\d-\\d\\dT\\S+ 127\\.0\\.0\\.1:\\d+ \\[\\S+\\] fe_" + topology.name
            + "__web_" + PORT + " \\S+ \\S+ \\d{3} .*\"(GET|POST) /\\S* HTTP/1\\.1\""));
    assertThat(lines.get(0)).contains(" 200 ").endsWith("\"GET /forwarded HTTP/1.1\"");
    assertThat(lines.get(2)).contains(" fe_" + topology.name + "__web_" + PORT + "/<NOSRV> ").contains(" 413 ")
        .endsWith("\"POST /version HTTP/1.1\"");
    assertThat(lines.get(3)).contains(" 405 ").endsWith("\"POST /version HTTP/1.1\"");
    assertThat(lines.get(lines.size() - 1)).contains(" 429 ").endsWith("\"GET /version HTTP/1.1\"");
    Cli.Run last = Cli.run("logs", topology.name, "--edge", "-f", topology.f(), "-n", "1");
    assertThat(last.out()).isEqualTo(lines.get(lines.size() - 1) + "\n");
  }

  @Test
  @Order(5)
  void anotherLimitIsEdgeDriftInThePlanAndTheDeployAppliesIt() {
    topology.write(resources(2));

    Cli.Run plan = Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode");
    Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());

    assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.CHANGES);
    assertThat(plan.out()).contains("  ~ edge on local serves port " + PORT + " with other limits than the topology gives\n");
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    assertThat(post(2048)).as("the reload started the rate counts afresh").isEqualTo(new Shell.Result(0, "405"));
    assertThat(post(2049)).isEqualTo(new Shell.Result(0, "413"));
    assertThat(Cli.run("plan", topology.name, "-f", topology.f(), "--detailed-exitcode").exitCode()).isZero();
  }

  private static Shell.Result post(int bytes) {
    return Shell.run("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: text/plain",
        "--data-binary", "x".repeat(bytes), URL + "/version");
  }
}
