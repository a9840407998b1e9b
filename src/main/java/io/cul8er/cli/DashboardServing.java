package io.cul8er.cli;

import io.cul8er.Deployment;
import io.cul8er.engine.Connections;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Topology;
import io.cul8er.web.Dashboard;
import io.cul8er.web.DashboardOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --serve}, {@code --bind} and {@code --token-file}: the web dashboard of one topology, as
 * {@code cul8er metrics --serve} and {@code cul8er agent --serve} serve it (docs/observability.md).
 */
final class DashboardServing {
  @Option(names = "--serve", paramLabel = "PORT",
      description = "Serve the dashboard at http://127.0.0.1:PORT/ and Prometheus text at /metrics (read afresh for"
          + " every scrape) until stopped.")
  Integer port;

  @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address --serve listens on. Default: ${DEFAULT-VALUE}. Any other than loopback needs a token.")
  String bind;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "File (mode 600) holding the token --serve asks for; else the environment variable "
          + DashboardOptions.TOKEN_VARIABLE + ", if set.")
  Path tokenFile;

  boolean requested() {
    return port != null;
  }

  /** Checked before anything is opened: an exposed address without a token is refused here. */
  DashboardOptions options(Duration refresh) {
    return new DashboardOptions(DashboardOptions.address(bind), port,
        DashboardOptions.token(Optional.ofNullable(tokenFile), System.getenv()), refresh);
  }

  /** The metrics and dashboard of {@code deployment}'s topology, read through {@code connections}. */
  static Dashboard start(DashboardOptions options, Deployment deployment, Connections connections, PrintWriter err) {
    Topology topology = deployment.model();
    TopologyMetrics source = new TopologyMetrics(topology, deployment::status,
        host -> connections.of(topology.host(host).orElseThrow(
            () -> new Cul8erException("host " + host + " is not in topology " + topology.name()))).metricsText(),
        deployment::edgeTraffic, err);
    try {
      return Dashboard.start(options, new DashboardSourcesOfTopology(topology, deployment, source, err));
    } catch (java.io.IOException e) {
      throw new Cul8erException("Cannot serve the dashboard of " + topology.name() + " on " + options.bind().getHostAddress()
          + ":" + options.port() + ": " + e.getMessage());
    }
  }

  /** {@code serving the metrics of T at URL/metrics and its dashboard at URL}. */
  static String announce(String topology, Dashboard dashboard, DashboardOptions options) {
    return "serving the metrics of " + topology + " at " + dashboard.url() + "metrics and its dashboard at "
        + dashboard.url() + (options.token().isPresent() ? " (open it once with ?token=TOKEN)" : "");
  }
}
