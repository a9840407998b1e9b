package io.cul8er.cluster;

import io.cul8er.model.Cluster;
import io.cul8er.model.Release;
import java.util.List;

/** The probe of a cluster: the one set in the DSL, else the default of the release's runtime. */
public final class MembershipProbes {
  /**
   * The Elixir expression the BEAM default probe evaluates in the member: the connected nodes,
   * comma separated, on one line (empty when it sees none).
   */
  public static final String BEAM_EXPRESSION =
      "IO.puts(Enum.map_join(Node.list(), \",\", &Atom.to_string/1))";

  /** The JVM default: the app's membership endpoint, on the member's own address. */
  public static final String JVM_ENDPOINT = "http://localhost:8080/cluster";

  private MembershipProbes() {}

  public static ProbeSpec of(Cluster cluster, Release release) {
    if (cluster.probe().isPresent()) {
      Cluster.MembershipProbe probe = cluster.probe().get();
      return probe instanceof Cluster.MembershipProbe.Command c
          ? new ProbeSpec.Exec(List.of("sh", "-c", c.command()))
          : ProbeSpec.Http.parse(((Cluster.MembershipProbe.Endpoint) probe).url());
    }
    return switch (release.runtime()) {
      case BEAM -> new ProbeSpec.Exec(List.of("bin/" + release.name(), "rpc", BEAM_EXPRESSION));
      case JVM -> ProbeSpec.Http.parse(JVM_ENDPOINT);
    };
  }
}
