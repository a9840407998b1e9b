package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;

/** Reaches a host's Incus socket through SSH. */
public final class SshConnector implements HostConnector {
  @Override
  public IncusApi connect(Host host) {
    throw new Cul8erException(
        "Tried to reach host `" + host.name() + "` at " + host.address()
            + " over SSH, but SSH hosts are not supported yet; only hosts with address \"localhost\" can be deployed to");
  }
}
