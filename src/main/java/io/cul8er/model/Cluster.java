package io.cul8er.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Cluster layer: the member resources, the discovery strategy, the shared secret and, optionally,
 * how membership is probed (a command run in each member, or an HTTP endpoint).
 */
public record Cluster(
    String name,
    List<String> nodes,
    Discovery discovery,
    Optional<SecretRef> cookie,
    Optional<MembershipProbe> probe,
    Duration formationTimeout,
    SourcePos pos)
    implements Positioned {

  public Cluster {
    nodes = List.copyOf(nodes);
  }

  /** How formation is verified for a member. */
  public sealed interface MembershipProbe {
    record Command(String command) implements MembershipProbe {}

    record Endpoint(String url) implements MembershipProbe {}
  }
}
