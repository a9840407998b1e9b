package io.cul8er.engine;

import io.cul8er.health.Reach;
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
    SshSession.LocalForward forward = session.forwardLocal(address, port);
    return new Forward("127.0.0.1", forward.port(), forward::close);
  }

  @Override
  public void connect(String address, int port, Duration timeout) throws IOException {
    session.connectTcp(address, port, timeout);
  }

  @Override
  public String toString() {
    return "through " + session.target().describe();
  }
}
