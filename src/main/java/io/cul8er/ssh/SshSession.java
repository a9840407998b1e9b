package io.cul8er.ssh;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.ChannelDirectStreamLocal;
import com.jcraft.jsch.ChannelDirectTCPIP;
import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One authenticated SSH connection to a host, its host key checked against known_hosts. Carries
 * tunnels to remote Unix sockets and remote commands; thread-safe. A connection that was lost (sshd
 * or the host restarted, the network or a killed sshd process dropped it) is opened again, with the
 * same checks, by the next channel asked of it ({@link #reconnect()}), within the reconnect window;
 * after it the host is given up for the run. A command or a forwarded connection it carried when it
 * dropped fails, saying so. Close it to disconnect for good.
 */
public final class SshSession implements AutoCloseable {
  /**
   * An SSH keepalive is sent after this long without a byte from the host; after {@link
   * #KEEPALIVE_MISSES} unanswered ones, the next silent interval ends the connection. So a host that
   * stops answering (frozen, powered off, cut off) is found lost within {@link #LOSS_DETECTION}.
   */
  static final Duration KEEPALIVE = Duration.ofSeconds(5);
  static final int KEEPALIVE_MISSES = 2;
  public static final Duration LOSS_DETECTION = KEEPALIVE.multipliedBy(KEEPALIVE_MISSES + 1);
  /** How long a lost connection is tried again by default, before its host is given up for the run. */
  public static final Duration DEFAULT_RECONNECT_WINDOW = Duration.ofSeconds(60);

  private final SshTarget target;
  private final int timeoutMillis;
  private final Optional<String> hostKeyNotice;
  private final Reconnects reconnects;
  private volatile Session session;
  private boolean closed;

  private SshSession(SshTarget target, Session session, int timeoutMillis, Optional<String> hostKeyNotice,
      Duration reconnectWindow) {
    this.target = target;
    this.session = session;
    this.timeoutMillis = timeoutMillis;
    this.hostKeyNotice = hostKeyNotice;
    this.reconnects = new Reconnects(target.describe(), reconnectWindow, java.time.Instant::now);
  }

  /** A logged-in JSch session, and the notice for a host key it added to known_hosts. */
  private record Login(Session session, Optional<String> hostKeyNotice) {}

  /**
   * Connects, verifies the host key and logs in.
   *
   * @throws SshException saying what failed and what to do: unknown or changed host key, refused
   *     login, nothing listening
   */
  public static SshSession open(SshTarget target, Duration connectTimeout) {
    return open(target, connectTimeout, DEFAULT_RECONNECT_WINDOW);
  }

  /**
   * As {@link #open(SshTarget, Duration)}; a connection lost later is tried again for at most {@code
   * reconnectWindow} ({@link #reconnect()}), then the host is given up for this session's life.
   */
  public static SshSession open(SshTarget target, Duration connectTimeout, Duration reconnectWindow) {
    int timeout = Math.toIntExact(Math.max(1, connectTimeout.toMillis()));
    Login login = logIn(target, timeout);
    return new SshSession(target, login.session(), timeout, login.hostKeyNotice(), reconnectWindow);
  }

  /**
   * Opens the connection again, with the same checks, when it was lost (the host or its sshd
   * restarted, the network dropped it); does nothing while it is up. Tunnels opened earlier carry
   * their next connections over the new one. Attempts are at least {@link Reconnects#PAUSE} apart
   * (callers in between get the last failure at once), and once the connection has been down for
   * longer than the reconnect window the host is given up: every call fails at once ({@link
   * #givenUp()}).
   *
   * @throws SshException as {@link #open} does, or when this session was closed or given up
   */
  public synchronized void reconnect() {
    if (closed) {
      throw new SshException("Tried to reconnect to " + target.describe() + " over SSH, but the session was closed");
    }
    if (session.isConnected()) {
      return;
    }
    Optional<SshException> refused = reconnects.refusal();
    if (refused.isPresent()) {
      throw refused.get();
    }
    try {
      session = logIn(target, reconnects.attemptMillis(timeoutMillis)).session();
      reconnects.succeeded();
    } catch (SshException e) {
      throw reconnects.failed(e);
    }
  }

  /**
   * Whether the connection was lost and could not be opened again within the reconnect window:
   * the host is then not tried again.
   */
  public boolean givenUp() {
    return !session.isConnected() && reconnects.givenUp();
  }

  private static Login logIn(SshTarget target, int timeout) {
    JSch jsch = new JSch();
    KnownHostsCheck hostKeys;
    Session session;
    try {
      if (Files.isRegularFile(target.knownHosts())) {
        jsch.setKnownHosts(target.knownHosts().toString());
      }
      hostKeys = new KnownHostsCheck(jsch.getHostKeyRepository(), target.knownHosts(), target.acceptNewHostKeys());
      if (target.useAgent()) {
        jsch.setIdentityRepository(new AgentIdentityRepository(new SSHAgentConnector(Path.of(target.agentSocket()))));
      }
      for (Path key : target.identities()) {
        addIdentity(jsch, target, key);
      }
      session = jsch.getSession(target.user(), target.address(), target.port());
      session.setHostKeyRepository(hostKeys);
      session.setConfig("StrictHostKeyChecking", "yes");
      session.setConfig("PreferredAuthentications", "publickey");
      session.setDaemonThread(true);
      session.setServerAliveInterval(Math.toIntExact(KEEPALIVE.toMillis()));
      session.setServerAliveCountMax(KEEPALIVE_MISSES);
    } catch (JSchException | AgentProxyException e) {
      throw new SshException("Tried to prepare an SSH connection to " + target.describe() + ", but " + e.getMessage(), e);
    }
    try {
      session.connect(timeout);
    } catch (JSchException e) {
      throw SshFailures.connecting(target, e, hostKeys.seen());
    }
    Optional<String> notice = hostKeys.added()
        ? hostKeys.seen().map(seen -> addedNotice(seen.host(), seen.fingerprint(), target.knownHosts()))
        : Optional.empty();
    return new Login(session, notice);
  }

  /** What OpenSSH says when it adds a host key, with the fingerprint and the file. */
  static String addedNotice(String host, HostKeyFingerprint key, Path knownHosts) {
    return "Warning: Permanently added '" + host + "' (" + key.type() + " " + key.sha256() + ") to the list of known"
        + " hosts (" + knownHosts + ").";
  }

  private static void addIdentity(JSch jsch, SshTarget target, Path key) {
    if (!Files.isReadable(key)) {
      throw new SshException("Tried to connect to " + target.describe() + " over SSH with the key " + key
          + ", but that file does not exist or cannot be read");
    }
    try {
      jsch.addIdentity(key.toString());
    } catch (JSchException e) {
      throw new SshException("Tried to connect to " + target.describe() + " over SSH with the key " + key
          + ", but it is not a private key JSch can read: " + e.getMessage(), e);
    }
  }

  /**
   * The connection to open a channel on for {@code attempt}: opened again first when it was lost
   * ({@link #reconnect()}, within the reconnect window).
   *
   * @throws HostLostException when it could not be opened again
   */
  private Session live(String attempt) {
    Session current = session;
    if (current.isConnected()) {
      return current;
    }
    try {
      reconnect();
    } catch (HostLostException e) {
      throw e;
    } catch (SshException e) {
      throw lost(attempt, e);
    }
    return session;
  }

  /** {@link #live(String)} for the callers that report failures as {@link IOException}s. */
  private Session liveOrIo(String attempt) throws IOException {
    try {
      return live(attempt);
    } catch (SshException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** {@code attempt}, which the connection's loss cut short, as a lost host: what and why. */
  private HostLostException lost(String attempt, Exception cause) {
    return new HostLostException(target.describe(), attempt + " over SSH, but the SSH connection to it was lost (the host did not answer "
        + KEEPALIVE_MISSES + " keepalives in " + LOSS_DETECTION.toSeconds() + " s, or closed the connection)", cause);
  }

  public SshTarget target() {
    return target;
  }

  /** Whether opening this session added the host's key to known_hosts (--accept-new-host-key). */
  public boolean addedHostKey() {
    return hostKeyNotice.isPresent();
  }

  /**
   * When opening this session added the host's key to known_hosts, the line to show the user:
   * {@code Warning: Permanently added '[10.0.1.20]:2222' (ED25519 SHA256:...) to the list of known
   * hosts (/home/me/.ssh/known_hosts).}
   */
  public Optional<String> hostKeyNotice() {
    return hostKeyNotice;
  }

  public boolean isConnected() {
    return session.isConnected();
  }

  /** A local socket whose connections reach {@code remoteSocket} on the host. */
  public UnixSocketTunnel tunnel(String remoteSocket) {
    return UnixSocketTunnel.open(sink -> openSocket(remoteSocket, sink), target.name(), remoteSocket);
  }

  /**
   * Opens a {@code direct-streamlocal@openssh.com} channel to {@code remoteSocket}; what the host
   * sends goes to {@code sink}.
   */
  UnixSocketTunnel.RemoteStream openSocket(String remoteSocket, OutputStream sink) {
    Session session = live("Tried to open " + remoteSocket + " on " + target.describe());
    try {
      ChannelDirectStreamLocal channel = (ChannelDirectStreamLocal) session.openChannel("direct-streamlocal@openssh.com");
      channel.setSocketPath(remoteSocket);
      channel.setOutputStream(sink);
      channel.connect(timeoutMillis);
      OutputStream toRemote = channel.getOutputStream();
      return new UnixSocketTunnel.RemoteStream() {
        @Override
        public OutputStream input() {
          return toRemote;
        }

        @Override
        public void close() {
          channel.disconnect();
        }
      };
    } catch (JSchException | IOException e) {
      throw SshFailures.socketRefused(target, remoteSocket, e);
    }
  }

  /**
   * A TCP port on this machine's loopback whose connections reach {@code address:port} from the
   * host, through {@code direct-tcpip} channels ({@code ssh -L}); closing it stops listening.
   */
  public LocalForward forwardLocal(String address, int port) throws IOException {
    Session session = liveOrIo("Tried to forward a local port to " + address + ":" + port + " through " + target.describe());
    try {
      int local = session.setPortForwardingL("127.0.0.1", 0, address, port);
      return new LocalForward(local, () -> {
        try {
          session.delPortForwardingL("127.0.0.1", local);
        } catch (JSchException alreadyGone) {
          // the session ended, and the forward with it
        }
      });
    } catch (JSchException e) {
      throw new IOException("could not forward a local port to " + address + ":" + port + " through "
          + target.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens a TCP connection from the host to {@code address:port} (a {@code direct-tcpip} channel,
   * which sshd confirms only once it connected) and closes it.
   *
   * @throws ConnectException when the host could not connect
   */
  public void connectTcp(String address, int port, Duration timeout) throws IOException {
    Session session = liveOrIo("Tried to connect to " + address + ":" + port + " from " + target.describe());
    ChannelDirectTCPIP channel;
    try {
      channel = (ChannelDirectTCPIP) session.openChannel("direct-tcpip");
      channel.setHost(address);
      channel.setPort(port);
    } catch (JSchException e) {
      throw new IOException("could not open a channel on " + target.describe() + ": " + e.getMessage(), e);
    }
    try {
      channel.connect((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    } catch (JSchException e) {
      throw new java.net.ConnectException(target.name() + " could not connect to " + address + ":" + port + " ("
          + e.getMessage() + "; connection refused, or nothing there)");
    } finally {
      channel.disconnect();
    }
  }

  /** A local port forwarded through the session; {@link #close} stops it. */
  public record LocalForward(int port, Runnable stop) implements AutoCloseable {
    @Override
    public void close() {
      stop.run();
    }
  }

  /**
   * Runs {@code command} through the remote user's shell and waits for it, at most {@code timeout}.
   */
  public CommandResult exec(String command, Duration timeout) {
    return exec(command, null, timeout);
  }

  /**
   * Runs {@code command} with {@code stdin} as its standard input (closed after it; none when null)
   * and waits for it, at most {@code timeout}.
   */
  public CommandResult exec(String command, byte[] stdin, Duration timeout) {
    ChannelExec channel;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Session session = live("Tried to run `" + command + "` on " + target.describe());
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(stdin == null ? null : new java.io.ByteArrayInputStream(stdin));
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(timeoutMillis);
    } catch (JSchException e) {
      throw session.isConnected()
          ? new SshException("Tried to run `" + command + "` on " + target.describe() + " over SSH, but " + e.getMessage(), e)
          : lost("Tried to run `" + command + "` on " + target.describe(), e);
    }
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!channel.isClosed()) {
        if (System.nanoTime() > deadline) {
          throw new SshException("Ran `" + command + "` on " + target.describe() + " over SSH, but it did not finish within "
              + timeout.toSeconds() + " s");
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
      if (channel.getExitStatus() < 0 && !session.isConnected()) {
        throw lost("Ran `" + command + "` on " + target.describe() + " and it did not finish", null);
      }
      return new CommandResult(channel.getExitStatus(), text(out), text(err));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SshException("Interrupted while running `" + command + "` on " + target.describe(), e);
    } finally {
      channel.disconnect();
    }
  }

  /**
   * Starts {@code command}, whose standard input stays open, and returns once it printed {@code
   * ready} on a line of its own; closing what it returns ends its input and the channel. For a
   * remote lock: {@code flock -w 60 FILE -c 'echo locked; exec cat >/dev/null'} holds the lock
   * until then, or until the connection is lost.
   *
   * @throws SshException when it ends, or does not print {@code ready} within {@code timeout}
   */
  public AutoCloseable hold(String command, String ready, Duration timeout) {
    ChannelExec channel;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    java.io.PipedOutputStream input = new java.io.PipedOutputStream();
    Session session = live("Tried to run `" + command + "` on " + target.describe());
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(new java.io.PipedInputStream(input));
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(timeoutMillis);
    } catch (JSchException | IOException e) {
      throw session.isConnected()
          ? new SshException("Tried to run `" + command + "` on " + target.describe() + " over SSH, but " + e.getMessage(), e)
          : lost("Tried to run `" + command + "` on " + target.describe(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!text(out).lines().anyMatch(ready::equals)) {
        if (channel.isClosed() && !session.isConnected()) {
          throw lost("Ran `" + command + "` on " + target.describe() + " and it did not say `" + ready + "`", null);
        }
        if (channel.isClosed() || System.nanoTime() > deadline) {
          String why = channel.isClosed()
              ? "it ended with " + channel.getExitStatus() + ": " + text(err).strip()
              : "it did not say `" + ready + "` within " + timeout.toSeconds() + " s";
          channel.disconnect();
          throw new SshException("Ran `" + command + "` on " + target.describe() + " over SSH, but " + why);
        }
        TimeUnit.MILLISECONDS.sleep(10);
      }
    } catch (InterruptedException e) {
      channel.disconnect();
      Thread.currentThread().interrupt();
      throw new SshException("Interrupted while running `" + command + "` on " + target.describe(), e);
    }
    return () -> {
      try {
        input.close();
      } finally {
        channel.disconnect();
      }
    };
  }

  private static String text(ByteArrayOutputStream bytes) {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    session.disconnect();
  }

  @Override
  public String toString() {
    return "ssh " + target.endpoint();
  }
}
