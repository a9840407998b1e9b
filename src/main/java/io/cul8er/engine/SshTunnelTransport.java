package io.cul8er.engine;

import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.http.UnixSocketTransport;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.UnixSocketTunnel;

/**
 * HTTP to a remote Incus through an SSH tunnel: the local socket transport on the tunnel's private
 * socket, with failures told in terms of the host and the SSH connection, not the local socket.
 */
final class SshTunnelTransport implements IncusTransport {
  private final SshSession session;
  private final UnixSocketTunnel tunnel;
  private final UnixSocketTransport local;

  SshTunnelTransport(SshSession session, UnixSocketTunnel tunnel, UnixSocketTransport local) {
    this.session = session;
    this.tunnel = tunnel;
    this.local = local;
  }

  @Override
  public HttpReply send(HttpCall call) {
    try {
      return local.send(call);
    } catch (IncusUnavailableException e) {
      if (!session.isConnected()) {
        throw new IncusUnavailableException("Tried " + call.describe() + " on " + session.target().describe()
            + " through SSH, but the SSH connection was lost", e);
      }
      RuntimeException why = tunnel.lastFailure().orElse(e);
      throw new IncusUnavailableException("Tried " + call.describe() + " on " + session.target().describe()
          + " through SSH: " + why.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "unix socket " + tunnel.remoteSocket() + " on " + session.target().endpoint() + " through SSH";
  }

  @Override
  public void close() {
    try {
      local.close();
    } finally {
      try {
        tunnel.close();
      } finally {
        session.close();
      }
    }
  }
}
