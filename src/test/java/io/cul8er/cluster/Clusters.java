package io.cul8er.cluster;

import io.cul8er.model.Cluster;
import io.cul8er.model.Discovery;
import io.cul8er.model.Release;
import io.cul8er.model.Runtime;
import io.cul8er.model.SourcePos;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Test fixtures: clusters, releases and members as the engine would hand them over. */
final class Clusters {
  static final Member ONE = new Member("app-1", "10.147.0.11");
  static final Member TWO = new Member("app-2", "10.147.0.12");
  static final Member THREE = new Member("app-3", "10.147.0.13");
  static final List<Member> MEMBERS = List.of(ONE, TWO, THREE);

  private Clusters() {}

  static Cluster cluster(String name, Discovery discovery) {
    return cluster(name, discovery, Optional.empty());
  }

  static Cluster cluster(String name, Discovery discovery, Optional<Cluster.MembershipProbe> probe) {
    return new Cluster(name, List.of("app"), discovery, Optional.empty(), probe, Duration.ofSeconds(60),
        SourcePos.NONE);
  }

  static Release release(String name, Runtime runtime) {
    return new Release(name, "1.0.0", runtime, Optional.empty(), Optional.empty(), SourcePos.NONE);
  }
}
