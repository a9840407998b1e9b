package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Host;

/** Opens the Incus API of a host. Implementations decide the transport (socket, SSH, HTTPS). */
@FunctionalInterface
public interface HostConnector {
  IncusApi connect(Host host);
}
