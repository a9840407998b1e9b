package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.HostEdge;
import io.cul8er.edge.RemoteShell;
import io.cul8er.health.Reach;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Host;
import java.util.Optional;

/** Opens the Incus API of a host. Implementations decide the transport (socket, SSH, HTTPS). */
@FunctionalInterface
public interface HostConnector {
  IncusApi connect(Host host);

  /**
   * How health checks reach the instances of {@code host}, once {@link #connect} opened it: from
   * this machine by default (its bridge is routed here).
   */
  default Reach reach(Host host) {
    return Reach.DIRECT;
  }

  /**
   * This machine's own Incus (the deploying machine), when it has one, as a host to {@link #connect}:
   * where an image that a host lacks may be copied from. None by default.
   */
  default Optional<Host> deployingMachine() {
    return Optional.empty();
  }

  /** The edge of {@code host}, once {@link #connect} opened it: this machine's by default. */
  default EdgeHost edge(Host host) {
    return HostEdge.local();
  }

  /**
   * A shell on {@code host} over the connection {@link #connect} opened, as the login user, for
   * probes that need no root (the routes between hosts); none by default.
   */
  default Optional<RemoteShell> shell(Host host) {
    return Optional.empty();
  }

  /** The address other hosts route {@code host}'s containers through, before name resolution. */
  default String networkAddress(Host host) {
    return host.address();
  }
}
