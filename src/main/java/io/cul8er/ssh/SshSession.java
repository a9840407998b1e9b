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
 * same checks, by the next channel asked of it ({@link #reconnect()}); a command or a forwarded
 * connection it carried when it dropped fails, saying so. Close it to disconnect for good.
 */
public final class SshSession implements AutoCloseable {
  private static final int KEEPALIVE_MILLIS = 15_000;

  private final SshTarget target;
  private final int timeoutMillis;
  private final Optional<String> hostKeyNotice;
  private volatile Session session;
  private boolean closed;

  private SshSession(SshTarget target, Session session, int timeoutMillis, Optional<String> hostKeyNotice) {
    this.target = target;
    this.session = session;
    this.timeoutMillis = timeoutMillis;
    this.hostKeyNotice = hostKeyNotice;
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
    int timeout = Math.toIntExact(Math.max(1, connectTimeout.toMillis()));
    Login login = logIn(target, timeout);
    return new SshSession(target, login.session(), timeout, login.hostKeyNotice());
  }

  /**
   * Opens the connection again, with the same checks, when it was lost (the host or its sshd
   * restarted, the network dropped it); does nothing while it is up. Tunnels opened earlier carry
   * their next connections over the new one.
   *
   * @throws SshException as {@link #open} does, or when this session was closed
   */
  public synchronized void reconnect() {
    if (closed) {
      throw new SshException("Tried to reconnect to " + target.describe() + " over SSH, but the session was closed");
    }
    if (!session.isConnected()) {
      session = logIn(target, timeoutMillis).session();
    }
  }

  /** The connection to open a channel on: opened again first when it was lost. */
  private Session live() {
    Session current = session;
    if (current.isConnected()) {
      return current;
    }
    reconnect();
    return session;
  }

  /** {@link #live()} for the callers that report failures as {@link IOException}s. */
  private Session liveOrIo() throws IOException {
    try {
      return live();
    } catch (SshException e) {
      throw new IOException("the SSH connection to " + target.describe() + " was lost and could not be opened again: "
          + e.getMessage(), e);
    }
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
      session.setServerAliveInterval(KEEPALIVE_MILLIS);
      session.setServerAliveCountMax(3);
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
    Session session;
    try {
      session = live();
    } catch (SshException e) {
      throw new SshException("Tried to open " + remoteSocket + " on " + target.describe()
          + " through SSH, but the SSH connection is down and could not be opened again: " + e.getMessage(), e);
    }
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
    Session session = liveOrIo();
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
    Session session = liveOrIo();
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
    Session session = live();
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(stdin == null ? null : new java.io.ByteArrayInputStream(stdin));
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(timeoutMillis);
    } catch (JSchException e) {
      throw new SshException("Tried to run `" + command + "` on " + target.describe() + " over SSH, but "
          + e.getMessage(), e);
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
      if (channel.getExitStatus() == -1 && !session.isConnected()) {
        throw lostDuring(command);
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
    Session session = live();
    try {
      channel = (ChannelExec) session.openChannel("exec");
      channel.setCommand(command);
      channel.setInputStream(new java.io.PipedInputStream(input));
      channel.setOutputStream(out, true);
      channel.setErrStream(err, true);
      channel.connect(timeoutMillis);
    } catch (JSchException | IOException e) {
      throw new SshException("Tried to run `" + command + "` on " + target.describe() + " over SSH, but "
          + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!text(out).lines().anyMatch(ready::equals)) {
        if (channel.isClosed() && !session.isConnected()) {
          channel.disconnect();
          throw lostDuring(command);
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

  /** A command whose channel closed because the connection dropped: it may have run, in part or whole. */
  private SshException lostDuring(String command) {
    return new SshException("Ran `" + command + "` on " + target.describe() + " over SSH, but the SSH connection was"
        + " lost before it finished (it may have run in part or in whole)");
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
