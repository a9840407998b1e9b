package io.cul8er.cluster;

/** The fixed ports members listen on for each other, so that they can be named in seed lists. */
public final class ClusterPorts {
  /** Lowest port of the Erlang distribution listener ({@code inet_dist_listen_min}). */
  public static final int BEAM_DISTRIBUTION_MIN = 9100;
  /** Highest port of the Erlang distribution listener ({@code inet_dist_listen_max}). */
  public static final int BEAM_DISTRIBUTION_MAX = 9155;
  /** JGroups TCP transport ({@code TCP bind_port}, JGroups' own default). */
  public static final int JGROUPS = 7800;
  /** Hazelcast member port (Hazelcast's default). */
  public static final int HAZELCAST = 5701;
  /** Pekko Artery canonical port (Pekko's default). */
  public static final int PEKKO = 7355;

  private ClusterPorts() {}
}
