package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusClient;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.nio.file.Path;

/** Reaches hosts through the local Incus Unix socket; remote hosts are refused for now. */
public final class LocalConnector implements HostConnector {

  @Override
  public IncusApi connect(Host host) {
    if (host.connection() instanceof Connection.LocalSocket local) {
      return IncusClient.local(Path.of(local.socketPath()));
    }
    throw new Cul8erException(
        "Tried to reach host `"
            + host.name()
            + "` at "
            + host.address()
            + ", but remote hosts (SSH and HTTPS) are not supported yet; only hosts with address"
            + " \"localhost\" (the local Incus socket) can be deployed to");
  }
}
