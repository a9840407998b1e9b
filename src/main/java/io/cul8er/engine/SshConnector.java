package io.cul8er.engine;

import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.http.UnixSocketTransport;
import io.cul8er.model.Connection;
import io.cul8er.model.Cul8erException;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTarget;
import io.cul8er.ssh.SshTargets;
import io.cul8er.ssh.UnixSocketTunnel;

/**
 * Reaches a host's Incus socket through SSH: one session per host, its host key checked, and the
 * remote socket tunnelled with {@code direct-streamlocal@openssh.com} to a private local socket,
 * so the same REST client works unchanged. Closing the client closes the tunnel and the session.
 */
public final class SshConnector implements HostConnector {
  private final SshSettings settings;

  public SshConnector() {
    this(SshSettings.fromEnvironment());
  }

  public SshConnector(SshSettings settings) {
    this.settings = settings;
  }

  /** Where and as whom {@code host} is reached, after the SSH configuration and defaults. */
  public SshTarget target(Host host) {
    if (!(host.connection() instanceof Connection.Ssh ssh)) {
      throw new Cul8erException(
          "Tried to reach host `" + host.name() + "` over SSH, but its connection is " + host.connection());
    }
    return SshTargets.resolve(host.name(), host.address(), ssh.user(), ssh.port(), ssh.keyFile(), settings);
  }

  /** An SSH session to {@code host}, for remote commands ({@code cul8er setup}). */
  public SshSession session(Host host) {
    return SshSession.open(target(host), settings.connectTimeout());
  }

  @Override
  public IncusApi connect(Host host) {
    String remoteSocket = ((Connection.Ssh) host.connection()).remoteSocket();
    SshSession session = session(host);
    UnixSocketTunnel tunnel = null;
    try {
      tunnel = session.tunnel(remoteSocket);
      UnixSocketTransport local = UnixSocketTransport.open(tunnel.localSocket());
      return new IncusClient(new SshTunnelTransport(session, tunnel, local), IncusSettings.defaults());
    } catch (RuntimeException e) {
      if (tunnel != null) {
        tunnel.close();
      }
      session.close();
      throw e;
    }
  }
}
