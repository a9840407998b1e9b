package io.cul8er.setup;

import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTargets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A shell on each host, over the host's own connection: this machine for a socket, else SSH. A host
 * key added to known_hosts is told to {@code notices} (standard error by default, as OpenSSH does).
 * {@code user} and {@code key}, when given, replace the topology's login for setup only (root or a
 * sudoer, where deploys log in as an unprivileged user); host keys are checked as for any login.
 */
public final class HostShells implements HostAccess {
  private final SshSettings ssh;
  private final Consumer<String> notices;
  private final Optional<String> user;
  private final Optional<String> key;

  public HostShells(SshSettings ssh) {
    this(ssh, System.err::println);
  }

  public HostShells(SshSettings ssh, Consumer<String> notices) {
    this(ssh, notices, Optional.empty(), Optional.empty());
  }

  private HostShells(SshSettings ssh, Consumer<String> notices, Optional<String> user, Optional<String> key) {
    this.ssh = ssh;
    this.notices = notices;
    this.user = user;
    this.key = key;
  }

  /** Logs in as {@code user} with {@code key} where given, instead of the topology's login. */
  public HostShells withLogin(Optional<String> user, Optional<String> key) {
    return new HostShells(ssh, notices, user, key);
  }

  @Override
  public Shell open(Host host) {
    Connection connection = host.connection();
    if (connection instanceof Connection.LocalSocket) {
      return new LocalShell();
    }
    if (connection instanceof Connection.Ssh login) {
      Host asSetup = new Host(host.name(), host.address(), host.platform(), new Connection.Ssh(user.or(login::user),
          login.port(), key.or(login::keyFile), login.remoteSocket(), login.pos()), host.pos());
      SshSession session = SshSession.open(SshTargets.of(asSetup, ssh), ssh.connectTimeout());
      session.hostKeyNotice().ifPresent(notices);
      return new SshShell(session);
    }
    throw new SetupException("Tried to prepare host " + host.name() + ", but it is reached over the Incus HTTPS API,"
        + " which runs no commands; prepare it by hand, or give it an `ssh` connection for setup");
  }

  /** The user the topology logs in as, when setup logs in as another. */
  @Override
  public String deployUser(Host host) {
    if (user.isEmpty() || !(host.connection() instanceof Connection.Ssh)) {
      return "";
    }
    String deploy = SshTargets.of(host, ssh).user();
    return deploy.equals(user.get()) ? "" : deploy;
  }

  /** The configuration's HostName for an SSH host whose address is an alias; the address otherwise. */
  @Override
  public String address(Host host) {
    return host.connection() instanceof Connection.Ssh ? SshTargets.of(host, ssh).address() : host.address();
  }
}
