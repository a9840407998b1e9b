package io.cul8er.engine;

import io.cul8er.edge.EdgeHost;
import io.cul8er.edge.RemoteEdge;
import io.cul8er.edge.RemoteShell;
import io.cul8er.health.Reach;
import io.cul8er.model.Cul8erException;
import io.cul8er.incus.IncusApi;
import io.cul8er.incus.IncusClient;
import io.cul8er.incus.IncusSettings;
import io.cul8er.incus.http.UnixSocketTransport;
import io.cul8er.model.Connection;
import io.cul8er.model.Host;
import io.cul8er.ssh.SshSession;
import io.cul8er.ssh.SshSettings;
import io.cul8er.ssh.SshTarget;
import io.cul8er.ssh.SshTargets;
import io.cul8er.ssh.UnixSocketTunnel;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reaches a host's Incus socket through SSH: one session per host, its host key checked, and the
 * remote socket tunnelled with {@code direct-streamlocal@openssh.com} to a private local socket,
 * so the same REST client works unchanged. Closing the client closes the tunnel and the session.
 * A host key added to known_hosts (when new keys are accepted) is told to {@code notices}.
 */
public final class SshConnector implements HostConnector {
  private final SshSettings settings;
  private final Consumer<String> notices;
  private final IncusSettings incus;
  /** The session of each host connected so far, for the checks that go through it. */
  private final Map<String, SshSession> sessions = new ConcurrentHashMap<>();
  /** The edge of each host connected so far, driven through the same session. */
  private final Map<String, RemoteEdge> edges = new ConcurrentHashMap<>();
  /** The shell of each host connected so far, over the same session. */
  private final Map<String, RemoteShell> shells = new ConcurrentHashMap<>();

  public SshConnector() {
    this(SshSettings.fromEnvironment());
  }

  /** Tells added host keys on standard error, as OpenSSH does. */
  public SshConnector(SshSettings settings) {
    this(settings, System.err::println);
  }

  public SshConnector(SshSettings settings, Consumer<String> notices) {
    this(settings, notices, IncusSettings.defaults());
  }

  public SshConnector(SshSettings settings, Consumer<String> notices, IncusSettings incus) {
    this.settings = settings;
    this.notices = notices;
    this.incus = incus;
  }

  /** Where and as whom {@code host} is reached, after the SSH configuration and defaults. */
  public SshTarget target(Host host) {
    return SshTargets.of(host, settings);
  }

  /**
   * Checks through the host's session; before {@link #connect} opened one, each attempt fails
   * saying so.
   */
  @Override
  public Reach reach(Host host) {
    SshSession session = sessions.get(host.name());
    if (session == null) {
      return new Reach() {
        @Override
        public Forward forward(String address, int port) throws IOException {
          throw notConnected();
        }

        @Override
        public void connect(String address, int port, Duration timeout) throws IOException {
          throw notConnected();
        }

        private IOException notConnected() {
          return new IOException("no SSH session to " + host.name() + " is open to reach its instances through");
        }
      };
    }
    return new SshReach(session);
  }

  /** The host's edge, over the session {@link #connect} opened. */
  @Override
  public EdgeHost edge(Host host) {
    RemoteEdge edge = edges.get(host.name());
    if (edge == null) {
      throw new Cul8erException("Tried to reach the edge of " + host.name() + ", but no SSH session to it is open");
    }
    return edge;
  }

  /** The host's shell, over the session {@link #connect} opened; empty before. */
  @Override
  public Optional<RemoteShell> shell(Host host) {
    return Optional.ofNullable(shells.get(host.name()));
  }

  /** The configuration's HostName for an address that is an alias. */
  @Override
  public String networkAddress(Host host) {
    return target(host).address();
  }

  @Override
  public IncusApi connect(Host host) {
    String remoteSocket = ((Connection.Ssh) host.connection()).remoteSocket();
    SshSession session = SshSession.open(target(host), settings.connectTimeout(), incus.retryWindow());
    session.hostKeyNotice().ifPresent(notices);
    UnixSocketTunnel tunnel = null;
    try {
      tunnel = session.tunnel(remoteSocket);
      UnixSocketTransport local = UnixSocketTransport.open(tunnel.localSocket());
      SshRemoteShell shell = new SshRemoteShell(session);
      IncusClient client = new IncusClient(new SshTunnelTransport(session, tunnel, local, shell), incus);
      sessions.put(host.name(), session);
      edges.put(host.name(), new RemoteEdge(shell));
      shells.put(host.name(), shell);
      return client;
    } catch (RuntimeException e) {
      if (tunnel != null) {
        tunnel.close();
      }
      session.close();
      throw e;
    }
  }
}
