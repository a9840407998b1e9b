package io.cul8er.engine;

import io.cul8er.health.Reach;
import io.cul8er.ssh.SshException;
import io.cul8er.ssh.SshSession;
import java.io.IOException;
import java.time.Duration;

/**
 * Checks reach an instance through its host's SSH session: a TCP check is a {@code direct-tcpip}
 * channel (sshd confirms it only once the host connected), an HTTP check goes through a loopback
 * port forwarded for that one attempt. The deploying machine needs no route to the host's
 * container subnet.
 */
final class SshReach implements Reach {
  private final SshSession session;

  SshReach(SshSession session) {
    this.session = session;
  }

  @Override
  public Forward forward(String address, int port) throws IOException {
    reconnectIfLost();
    SshSession.LocalForward forward = session.forwardLocal(address, port);
    return new Forward("127.0.0.1", forward.port(), forward::close);
  }

  @Override
  public void connect(String address, int port, Duration timeout) throws IOException {
    reconnectIfLost();
    session.connectTcp(address, port, timeout);
  }

  /** A lost connection is opened again first; a host given up fails the check with why. */
  private void reconnectIfLost() throws IOException {
    if (!session.isConnected()) {
      try {
        session.reconnect();
      } catch (SshException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "through " + session.target().describe();
  }
}
