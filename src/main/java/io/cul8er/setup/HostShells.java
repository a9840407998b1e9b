package io.cul8er.setup;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTargets;
import java.util.function.Consumer;

/**
 * A shell on each host, over the host's own connection: this machine for a socket, else SSH. A host
 * key added to known_hosts is told to {@code notices} (standard error by default, as OpenSSH does).
 */
public final class HostShells implements HostAccess {
  private final SshSettings ssh;
  private final Consumer<String> notices;

  public HostShells(SshSettings ssh) {
    this(ssh, System.err::println);
  }

  public HostShells(SshSettings ssh, Consumer<String> notices) {
    this.ssh = ssh;
    this.notices = notices;
  }

  @Override
  public Shell open(Host host) {
    Connection connection = host.connection();
    if (connection instanceof Connection.LocalSocket) {
      return new LocalShell();
    }
    if (connection instanceof Connection.Ssh) {
      SshSession session = SshSession.open(SshTargets.of(host, ssh), ssh.connectTimeout());
      session.hostKeyNotice().ifPresent(notices);
      return new SshShell(session);
    }
    throw new SetupException("Tried to prepare host " + host.name() + ", but it is reached over the Incus HTTPS API,"
        + " which runs no commands; prepare it by hand, or give it an `ssh` connection for setup");
  }

  /** The configuration's HostName for an SSH host whose address is an alias; the address otherwise. */
  @Override
  public String address(Host host) {
    return host.connection() instanceof Connection.Ssh ? SshTargets.of(host, ssh).address() : host.address();
  }
}
