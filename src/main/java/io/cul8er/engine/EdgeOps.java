package io.cul8er.engine;

import io.cul8er.edge.BackendStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the release phase asks of the edge, in the topology's terms: a resource's servers are its
 * instances, in every backend that serves one of its exposed ports. The runner is written against
 * this, so that its undo and canary paths are unit-tested with a scripted edge.
 */
interface EdgeOps {
  /** Starts or reloads the edge of {@code host} so that it serves the topology's running release instances. */
  void ensure(String host);

  /** Stops new traffic to the instance and waits (bounded) for its open connections to end. */
  Duration drain(String resource, String instance);

  /** Puts the instance back with {@code weight} once the edge's own checks pass. */
  void enable(String resource, String instance, int weight);

  /** Adds a new instance with no traffic, and waits for the edge's checks to pass. */
  void add(String resource, String instance, String address);

  /** Takes the instance out of the edge for good; nothing happens when it is not there. */
  void remove(String resource, String instance);

  void weights(String resource, Map<String, Integer> weights);

  /**
   * With {@code on}, every edge balances the resource's services over all hosts' instances by
   * weight (other hosts' instances active, not backups: a canary's traffic steps); without, local
   * first again as the service says. HAProxy cannot change a server's backup flag at run time, so
   * this rewrites the topology's part of each edge and reloads it seamlessly (weights and drains
   * are kept).
   */
  void fleetWide(String resource, boolean on);

  /** The servers of every backend of the resource, with their counters. */
  List<BackendStats> stats(String resource);

  /** For a topology without exposed release ports: every operation does nothing. */
  EdgeOps NONE = new EdgeOps() {
    @Override
    public void ensure(String host) {}

    @Override
    public Duration drain(String resource, String instance) {
      return Duration.ZERO;
    }

    @Override
    public void enable(String resource, String instance, int weight) {}

    @Override
    public void add(String resource, String instance, String address) {}

    @Override
    public void remove(String resource, String instance) {}

    @Override
    public void weights(String resource, Map<String, Integer> weights) {}

    @Override
    public void fleetWide(String resource, boolean on) {}

    @Override
    public List<BackendStats> stats(String resource) {
      return List.of();
    }
  };
}
