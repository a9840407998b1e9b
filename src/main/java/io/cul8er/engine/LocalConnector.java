package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.http.LocalIncus;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import java.nio.file.Path;

/** Reaches a host through an Incus Unix socket on this machine. */
public final class LocalConnector implements HostConnector {
  private final IncusSettings settings;

  public LocalConnector(IncusSettings settings) {
    this.settings = settings;
  }

  public LocalConnector() {
    this(IncusSettings.defaults());
  }

  @Override
  public IncusApi connect(Host host) {
    if (host.connection() instanceof Connection.LocalSocket local) {
      return LocalIncus.client(Path.of(local.socketPath()), settings);
    }
    throw new Cul8erException(
        "Tried to reach host `" + host.name() + "` through a local socket, but its connection is " + host.connection());
  }
}
