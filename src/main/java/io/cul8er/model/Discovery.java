package io.cul8er.model;

import java.util.Arrays;
import java.util.Optional;

/** How cluster members find each other, named as in the DSL. */
public enum Discovery {
  EPMD("Cluster.Strategy.Epmd", Runtime.BEAM),
  DNS_POLL("Cluster.Strategy.DNSPoll", Runtime.BEAM),
  JGROUPS_TCPPING("JGroups.TCPPING", Runtime.JVM),
  HAZELCAST_TCP_IP("Hazelcast.TcpIp", Runtime.JVM),
  PEKKO_SEED_NODES("Pekko.SeedNodes", Runtime.JVM);

  private final String dslName;
  private final Runtime runtime;

  Discovery(String dslName, Runtime runtime) {
    this.dslName = dslName;
    this.runtime = runtime;
  }

  public String dslName() {
    return dslName;
  }

  public Runtime runtime() {
    return runtime;
  }

  public static Optional<Discovery> byDslName(String name) {
    return Arrays.stream(values()).filter(d -> d.dslName.equals(name)).findFirst();
  }
}
