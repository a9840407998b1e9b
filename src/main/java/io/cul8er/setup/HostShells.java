package io.cul8er.setup;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTargets;

/** A shell on each host, over the host's own connection: this machine for a socket, else SSH. */
public final class HostShells {
  private final SshSettings ssh;

  public HostShells(SshSettings ssh) {
    this.ssh = ssh;
  }

  public Shell open(Host host) {
    Connection connection = host.connection();
    if (connection instanceof Connection.LocalSocket) {
      return new LocalShell();
    }
    if (connection instanceof Connection.Ssh) {
      return new SshShell(SshSession.open(SshTargets.of(host, ssh), ssh.connectTimeout()));
    }
    throw new SetupException("Tried to prepare host " + host.name() + ", but it is reached over the Incus HTTPS API,"
        + " which runs no commands; prepare it by hand, or give it an `ssh` connection for setup");
  }
}
