package io.cul8er.engine;

import io.cul8er.incus.ConnectionLoss;
import io.cul8er.incus.ContentStream;
import io.cul8er.incus.HttpCall;
import io.cul8er.incus.HttpReply;
import io.cul8er.incus.IncusTransport;
import io.cul8er.incus.IncusUnavailableException;
import io.cul8er.incus.OperationSocket;
import io.cul8er.incus.StreamedReply;
import io.cul8er.incus.http.UnixSocketTransport;
import io.cul8er.ssh.SshException;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.UnixSocketTunnel;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP to a remote Incus through an SSH tunnel: the local socket transport on the tunnel's private
 * socket, with failures told in terms of the host and the SSH connection, not the local socket. A
 * request finding the SSH connection lost opens it again first, so the client's retries ride out a
 * restarted sshd or host as they ride out a restarted Incus.
 */
final class SshTunnelTransport implements IncusTransport {
  private final SshSession session;
  private final UnixSocketTunnel tunnel;
  private final UnixSocketTransport local;
  private final SshRemoteShell shell;

  SshTunnelTransport(SshSession session, UnixSocketTunnel tunnel, UnixSocketTransport local, SshRemoteShell shell) {
    this.session = session;
    this.tunnel = tunnel;
    this.local = local;
    this.shell = shell;
  }

  @Override
  public HttpReply send(HttpCall call) {
    return through(call, () -> local.send(call));
  }

  @Override
  public StreamedReply stream(HttpCall call, Optional<ContentStream> upload, Duration idle) {
    return through(call, () -> local.stream(call, upload, idle));
  }

  @Override
  public OperationSocket openSocket(String target, OperationSocket.Listener listener) {
    return through(new HttpCall("GET", target, java.util.Map.of(), new byte[0], Duration.ZERO),
        () -> local.openSocket(target, listener));
  }

  private <T> T through(HttpCall call, Supplier<T> exchange) {
    String tried = "Tried " + call.describe() + " on " + session.target().describe() + " through SSH";
    try {
      if (!session.isConnected()) {
        session.reconnect();
      }
    } catch (SshException e) {
      if (session.givenUp()) {
        // no loss: the client does not retry a host given up
        throw new IncusUnavailableException(e.getMessage() + " (needed for " + call.describe() + ")", e);
      }
      throw new IncusUnavailableException(tried + ", but the SSH connection was lost and could not be opened again: "
          + e.getMessage(), ConnectionLoss.SSH_LOST, e);
    }
    try {
      return exchange.get();
    } catch (IncusUnavailableException e) {
      // A connection the tunnel could not carry is closed, which looks like a lost answer: its loss stands.
      ConnectionLoss loss = e.loss().orElse(null);
      if (!session.isConnected()) {
        throw new IncusUnavailableException(tried + ", but the SSH connection was lost", loss, e);
      }
      RuntimeException why = tunnel.lastFailure().orElse(e);
      throw new IncusUnavailableException(tried + ": " + why.getMessage(), loss, e);
    }
  }

  @Override
  public String describe() {
    return tunnel.remoteSocket() + " on " + session.target().describe() + " through SSH";
  }

  @Override
  public void close() {
    try {
      local.close();
    } finally {
      try {
        tunnel.close();
        shell.close();
      } finally {
        session.close();
      }
    }
  }
}
