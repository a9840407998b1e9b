package io.cul8er.cli;

import io.cul8er.testbed.TestbedHosts;

/** Topology text for tests on the test bed's hosts (scripts/testbed-hosts.sh). */
final class TestbedTopology {
  /** A rolling deploy, one instance at a time, checked on the release's health endpoint. */
  static final String STRATEGY = """
          strategy do
            approach :rolling
            batch_size 1
            healthcheck do
              endpoint "http://localhost:8080/health"
              interval milliseconds: 200
              timeout seconds: 1
              retries 3
              grace_period seconds: 3
            end
            rollback do
              on_failure :automatic
              snapshot true
            end
          end
        """;

  private TestbedTopology() {}

  /** The test-bed host called {@code name} among {@code hosts}. */
  static TestbedHosts.Host named(java.util.List<TestbedHosts.Host> hosts, String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow();
  }

  /** A host block for {@code host} of the test bed, logged into as the deploy user. */
  static String host(String name, TestbedHosts.Host host) {
    return "  host :" + name + " do\n    address \"" + host.address() + "\"\n    platform :debian\n"
        + "    ssh user: \"deploy\", key: \"" + TestbedHosts.deployKey() + "\"\n  end\n";
  }

  /** A resource on {@code host} that deploys hello-web 1.0.0, exposed on port {@code as} of the edge. */
  static String app(String name, String host, int as) {
    return "  resource :" + name + ", type: :container, on: :" + host + " do\n"
        + "    from_image \"cul8er/debian12-jvm\"\n"
        + "    limits do\n      memory megabytes: 256\n    end\n"
        + "    network do\n      expose port: 8080, as: " + as + ", protocol: :http\n    end\n"
        + "    deploy release: :\"hello-web\", version: \"1.0.0\", runtime: :jvm\n  end\n";
  }
}
