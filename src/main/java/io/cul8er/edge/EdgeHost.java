package io.cul8er.edge;

import java.util.List;
import java.util.Optional;

/**
 * One host's edge, serving every topology that has instances there: this machine's ({@link
 * HostEdge}, a HAProxy C U L8er runs itself) or a remote host's ({@link RemoteEdge}, the
 * {@code cul8er-edge} service that {@code cul8er setup} installed, driven over SSH).
 */
public interface EdgeHost {
  /** For messages: {@code this host's edge (/run/cul8er/edge)}, {@code the edge of web_1 (...)}. */
  String describe();

  /**
   * Makes the edge serve {@code services} as {@code topology}'s, reloading HAProxy seamlessly when
   * its configuration changes; no services is the same as {@link #remove}.
   */
  EdgeChange apply(String topology, List<EdgeService> services);

  /**
   * {@link #apply(String, List)} for services that may terminate TLS, with the certificates they
   * name (written as bundles only the edge may read; a certificate already there is not written again).
   */
  EdgeChange apply(String topology, List<EdgeService> services, EdgeCertificates certificates);

  /** Drops {@code topology}'s part of the edge. */
  void remove(String topology);

  /** Drain, enable, weights and statistics through the Runtime API. */
  Edge runtime();

  /** Whether HAProxy runs: cheap (a pid check here, one question to the master there). */
  boolean running();

  /** Whether HAProxy runs, the ports it listens on, and every server's state. */
  EdgeObservation observe();

  Optional<Fragment> fragment(String topology);

  /** Why {@code topology} cannot have these public ports, each whole, on this host; empty when it can. */
  default List<PortProblem> portProblems(String topology, List<Integer> publicPorts) {
    return claimProblems(topology, publicPorts.stream().map(port -> PortClaim.exclusive(topology, port)).toList());
  }

  /**
   * Why {@code topology} cannot claim these public ports on this host: another topology holds one
   * whole, or answers a name there that this topology's claim answers too, or another process
   * listens on one. Empty when it can have them all.
   */
  List<PortProblem> claimProblems(String topology, List<PortClaim> claims);
}
