package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.CUL8er;
import io.cul8er.edge.HostEdge;
import io.cul8er.edge.ServerStats;
import io.cul8er.state.AuditEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance mode on the live Incus behind this machine's edge, on port 8211, in one pass over
 * one deploy: on, the edge answers 503 with the page and {@code Retry-After} while HAProxy keeps
 * checking the instance, status and plan say so, a deploy of another version keeps it on; the
 * edge's part found without it is drift that a deploy repairs; off, the release answers again.
 * Audited and logged as an event.
 */
class MaintenanceIT {
  static final int PORT = 8211;
  static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Down for maintenance"
      + "</title></head><body><h1>Down for maintenance</h1><p>Back &lt;soon&gt; &amp; &#39;sorry&#39;</p></body></html>";

  @TempDir static Path dir;
  static LiveTopology topology;

  @BeforeAll
  static void deployed() throws Exception {
    ZeroDowntimeIT.buildReleases();
    topology = new LiveTopology(dir, ZeroDowntimeIT.resources("approach :rolling\nbatch_size 1\n")
        .replace("replicas 3", "replicas 1").replace("as: PORT", "as: " + PORT));
    Cli.Run deploy = Cli.run("deploy", topology.name, "-f", topology.f());
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
  }

  @AfterAll
  static void destroy() {
    if (topology != null) {
      topology.destroy();
    }
  }

  @Test
  void onTheEdgeAnswers503WithThePageWhileChecksGoOnADeployKeepsItAndOffServesAgain() throws Exception {
    assertThat(get("/version")).isEqualTo(new Shell.Result(0, "1.0.0 200"));

    Cli.Run on = Cli.run("maintenance", "on", topology.name, "-f", topology.f(), "--message", "Back <soon> & 'sorry'",
        "--retry-after", "2m");

    assertThat(on.exitCode()).as(on.all()).isZero();
    assertThat(on.out()).matches("maintenance of " + topology.name + ": on since \\S+Z, Retry-After 120s, message"
        + " \"Back <soon> & 'sorry'\"\nedges rewritten: this host's edge \\(\\S+\\)\n");
    assertThat(Shell.run("curl", "-sS", "-i", "http://127.0.0.1:" + PORT + "/version"))
        .isEqualTo(new Shell.Result(0, "HTTP/1.1 503 Service Unavailable\r\nretry-after: 120\r\n"
            + "cache-control: no-store\r\ncontent-length: " + PAGE.length() + "\r\n"
            + "content-type: text/html; charset=utf-8\r\n\r\n" + PAGE));
    String instance = topology.instance("web");
    ServerStats server = HostEdge.local().runtime().stats("be_" + topology.name + "__web_" + PORT).server(instance)
        .orElseThrow();
    assertThat(server.healthy()).as(server.toString()).isTrue();
    assertThat(server.responses()).as("counted since the reload that turned it on: the 503 is not the instance's")
        .isZero();

    Cli.Run status = Cli.run("status", topology.name, "-f", topology.f());
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).containsPattern(instance + " .* 1\\.0\\.0 +1\\.0\\.0 +UP +- *\n")
        .containsPattern("\nmaintenance: on since \\S+Z, Retry-After 120s, message \"Back <soon> & 'sorry'\"\n");
    assertThat(Cli.run("status", topology.name, "-f", topology.f(), "--json").out())
        .containsPattern("\"maintenance\" : \\{\n\\s+\"since\" : \"\\S+Z\",\n\\s+\"message\" : \"Back <soon> & 'sorry'\","
            + "\n\\s+\"retryAfter\" : \"PT2M\"\n\\s+}");
    assertThat(Cli.run("plan", topology.name, "-f", topology.f()).out()).containsPattern(
        "\nmaintenance: on since \\S+Z, Retry-After 120s, message \"Back <soon> & 'sorry'\" \\(deploys keep it;"
            + " cul8er maintenance off " + topology.name + " ends it\\)\n");

    Cli.Run upgrade = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");

    assertThat(upgrade.exitCode()).as(upgrade.all()).isZero();
    assertThat(get("/version")).isEqualTo(new Shell.Result(0, PAGE + " 503"));
    assertThat(Cli.run("status", topology.name, "-f", topology.f()).out())
        .containsPattern(instance + " .* 1\\.1\\.0 +1\\.1\\.0 +UP +- *\n").contains("\nmaintenance: on since ");

    HostEdge edge = HostEdge.local();
    edge.apply(topology.name, edge.fragment(topology.name).orElseThrow().services().stream()
        .map(service -> service.withMaintenance(Optional.empty())).toList());
    assertThat(get("/version")).as("the edge's part rewritten without it, as a failed rewrite leaves it")
        .isEqualTo(new Shell.Result(0, "1.1.0 200"));
    Cli.Run drift = Cli.run("status", topology.name, "-f", topology.f());
    assertThat(drift.exitCode()).as(drift.all()).isEqualTo(ExitCodes.USER_ERROR);
    assertThat(drift.out()).contains("\nedge on local serves the instances; the state records maintenance mode on"
        + " (Retry-After 120s, message \"Back <soon> & 'sorry'\"): the next deploy starts or reloads it\n");
    Cli.Run repair = Cli.run("deploy", topology.name, "-f", topology.f(), "--version", "1.1.0");
    assertThat(repair.exitCode()).as(repair.all()).isZero();
    assertThat(get("/version")).isEqualTo(new Shell.Result(0, PAGE + " 503"));

    Cli.Run off = Cli.run("maintenance", "off", topology.name, "-f", topology.f());

    assertThat(off.exitCode()).as(off.all()).isZero();
    assertThat(off.out()).matches("maintenance of " + topology.name + ": off\nedges rewritten: this host's edge \\(\\S+\\)\n");
    assertThat(get("/version")).isEqualTo(new Shell.Result(0, "1.1.0 200"));
    assertThat(Cli.run("status", topology.name, "-f", topology.f()).out()).doesNotContain("maintenance");
    List<AuditEntry> audit = CUL8er.load(topology.file).stateStore(topology.name).auditEntries();
    assertThat(audit.stream().map(e -> e.operation() + " " + e.outcome()).toList())
        .containsSubsequence("maintenance-on SUCCEEDED", "deploy SUCCEEDED", "deploy SUCCEEDED",
            "maintenance-off SUCCEEDED");
    assertThat(Cli.run("events", topology.name, "-f", topology.f()).out())
        .containsPattern("maintenance_changed +state=on message=\"Back <soon> & 'sorry'\"\n")
        .containsPattern("maintenance_changed +state=off message=\n");
  }

  /** The body of {@code path} through the edge, then a space and the status code. */
  private static Shell.Result get(String path) {
    return Shell.run("curl", "-sS", "-w", " %{http_code}", "http://127.0.0.1:" + PORT + path);
  }
}
