package io.cul8er.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cul8er.testbed.TestbedHosts;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** What the host-removal tests share: a topology of two test-bed hosts, set up, deployed and looked at. */
final class RemovalTestbed {
  private RemovalTestbed() {}

  /** {@code cul8er setup} with the admin key, then a deploy (twice if need be: it is the set-up, not the subject). */
  static Cli.Run setUpAndDeploy(Map<String, String> environment, Path file, String topology) throws Exception {
    Cli.Run setup = CliProcess.run(environment, 10, file, "setup", topology, "--user", "root", "--key",
        TestbedHosts.adminKey().toString());
    assertThat(setup.exitCode()).as(setup.all()).isZero();
    Cli.Run deploy = CliProcess.run(environment, 10, file, "deploy", topology);
    if (deploy.exitCode() != 0) {
      deploy = CliProcess.run(environment, 10, file, "deploy", topology);
    }
    assertThat(deploy.exitCode()).as(deploy.all()).isZero();
    return deploy;
  }

  /** The names of the host's Incus instances that start with {@code prefix}, sorted. */
  static List<String> instancesOn(TestbedHosts.Host host, String prefix) {
    String names = TestbedHosts.asDeploy(host, "incus list --format csv --columns n");
    return new ArrayList<>(new TreeSet<>(names.lines().filter(n -> n.startsWith(prefix)).toList()));
  }

  /** GET /version through the host's edge on {@code port}. */
  static String version(TestbedHosts.Host host, int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    return client.send(HttpRequest.newBuilder(URI.create("http://" + host.address() + ":" + port + "/version"))
        .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Whether the host refuses connections on {@code port}: its edge no longer listens there. */
  static boolean refused(TestbedHosts.Host host, int port) throws Exception {
    try {
      version(host, port);
      return false;
    } catch (ConnectException expected) {
      return true;
    }
  }
}
