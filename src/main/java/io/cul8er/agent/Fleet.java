package io.cul8er.agent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one pass saw, as the decider needs it: every instance the topology and the state want
 * running, the hosts whose edge is down, each cluster's running members, and drift.
 */
public record Fleet(List<Instance> instances, List<String> edgesDown, Map<String, List<String>> clusters,
    List<Drift> drift) {

  public Fleet {
    instances = List.copyOf(instances);
    edgesDown = List.copyOf(edgesDown);
    clusters = Map.copyOf(clusters);
    drift = List.copyOf(drift);
  }

  /** How an instance was found. */
  public enum Condition {
    /** Running and passing its checks. */
    HEALTHY,
    /** Running but failing its checks (or its release process not running). */
    FAILING,
    /** Stopped, although the state records it running. */
    STOPPED,
    /** Not seen: its host did not answer, or it runs no release yet. Nothing is done to it. */
    UNKNOWN
  }

  /** {@code reason} says why it is not healthy. */
  public record Instance(String instance, String resource, String host, Condition condition, Optional<String> reason) {
    public static Instance healthy(String instance, String resource, String host) {
      return new Instance(instance, resource, host, Condition.HEALTHY, Optional.empty());
    }
  }

  /** {@code subject} is an instance, or {@code edge on HOST}. */
  public record Drift(String subject, String what) {}
}
