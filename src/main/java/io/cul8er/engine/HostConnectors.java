package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.RemoteShell;
import io.cul8er.health.Reach;
import io.cul8er.model.Cul8erException;
import io.cul8er.incus.IncusApi;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/** Picks the transport a host's connection asks for: the local socket, SSH or HTTPS. */
public final class HostConnectors implements HostConnector {
  private final HostConnector local;
  private final HostConnector ssh;
  private final HostConnector https;

  public HostConnectors(HostConnector local, HostConnector ssh, HostConnector https) {
    this.local = local;
    this.ssh = ssh;
    this.https = https;
  }

  public static HostConnectors defaults() {
    return defaults(Engine.Settings.defaults());
  }

  /**
   * The default transports, SSH from the user's ~/.ssh files and the settings' host key choice;
   * host keys added to known_hosts are told on standard error, as OpenSSH does.
   */
  public static HostConnectors defaults(Engine.Settings settings) {
    return defaults(settings, System.err::println);
  }

  /** The default transports; host keys added to known_hosts are told to {@code notices}. */
  public static HostConnectors defaults(Engine.Settings settings, Consumer<String> notices) {
    return new HostConnectors(new LocalConnector(settings.incus()),
        new SshConnector(SshSettings.fromEnvironment().withAcceptNewHostKeys(settings.acceptNewHostKeys()), notices,
            settings.incus()),
        new HttpsConnector(settings.incus()));
  }

  @Override
  public Reach reach(Host host) {
    return host.connection() instanceof Connection.Ssh ? ssh.reach(host) : local.reach(host);
  }

  /**
   * The host's edge; an HTTPS remote has no shell to run one, which the plan refuses (see
   * {@link Capabilities}).
   */
  @Override
  public EdgeHost edge(Host host) {
    if (host.connection() instanceof Connection.Ssh) {
      return ssh.edge(host);
    }
    if (host.connection() instanceof Connection.LocalSocket) {
      return local.edge(host);
    }
    throw new Cul8erException("Host " + host.name() + " is reached through the Incus HTTPS API only, so it has no"
        + " shell to run an edge; add an `ssh` block to it for the edge");
  }

  @Override
  public Optional<RemoteShell> shell(Host host) {
    return host.connection() instanceof Connection.Ssh ? ssh.shell(host) : Optional.empty();
  }

  @Override
  public String networkAddress(Host host) {
    return host.connection() instanceof Connection.Ssh ? ssh.networkAddress(host) : host.address();
  }

  /** This machine's Incus, when its socket is there: a source of the images hosts lack. */
  @Override
  public Optional<Host> deployingMachine() {
    return Files.exists(Path.of(Connection.DEFAULT_SOCKET))
        ? Optional.of(ImageSources.thisMachine(Connection.DEFAULT_SOCKET)) : Optional.empty();
  }

  @Override
  public IncusApi connect(Host host) {
    Connection connection = host.connection();
    if (connection instanceof Connection.LocalSocket) {
      return local.connect(host);
    }
    if (connection instanceof Connection.Ssh) {
      return ssh.connect(host);
    }
    return https.connect(host);
  }
}
