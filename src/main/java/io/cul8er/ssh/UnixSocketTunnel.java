package io.cul8er.ssh;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A byte tunnel like {@code ssh -L local.sock:remote.sock}: a Unix socket in a fresh 0700
 * directory (so no other local user can use it) whose every accepted connection is piped to a new
 * stream to the remote socket. It never looks at the bytes.
 */
public final class UnixSocketTunnel implements AutoCloseable {
  private static final int BUFFER_BYTES = 32 * 1024;
  /** How long a connection whose local side has finished waits for the remote to finish too. */
  private static final java.time.Duration REMOTE_END_WAIT = java.time.Duration.ofSeconds(30);

  /** The remote end of one piped connection. */
  public interface RemoteStream extends Closeable {
    /** Bytes written here reach the remote socket. */
    OutputStream input();

    @Override
    void close();
  }

  /** Opens a stream to the remote socket that writes what the remote sends to {@code sink}. */
  @FunctionalInterface
  public interface RemoteOpener {
    RemoteStream open(OutputStream sink);
  }

  private final RemoteOpener opener;
  private final String name;
  private final String remoteSocket;
  private final Path directory;
  private final Path socket;
  private final ServerSocketChannel server;
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger count = new AtomicInteger();
  private volatile RuntimeException lastFailure;
  private volatile boolean closed;

  private UnixSocketTunnel(RemoteOpener opener, String name, String remoteSocket, Path directory) throws IOException {
    this.opener = opener;
    this.name = name;
    this.remoteSocket = remoteSocket;
    this.directory = directory;
    this.socket = directory.resolve(Path.of(remoteSocket).getFileName().toString());
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread acceptor = new Thread(this::acceptAll, "cul8er-tunnel-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Listens on a new local socket; {@code name} (the host) and {@code remoteSocket} are for thread
   * names and messages.
   */
  public static UnixSocketTunnel open(RemoteOpener opener, String name, String remoteSocket) {
    try {
      Path directory = Files.createTempDirectory("cul8er-ssh-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new UnixSocketTunnel(opener, name, remoteSocket, directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create the local end of the SSH tunnel to " + remoteSocket + " on " + name, e);
    }
  }

  /** The local socket to connect to. */
  public Path localSocket() {
    return socket;
  }

  public String remoteSocket() {
    return remoteSocket;
  }

  /** Why the last connection could not be piped to the remote socket, if one could not. */
  public Optional<RuntimeException> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Connections piped so far. */
  public int connectionCount() {
    return count.get();
  }

  private void acceptAll() {
    while (!closed) {
      try {
        SocketChannel local = server.accept();
        connections.add(local);
        count.incrementAndGet();
        Thread pipe = new Thread(() -> pipe(local), "cul8er-tunnel-" + name + "-" + count.get());
        pipe.setDaemon(true);
        pipe.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pipe(SocketChannel local) {
    RemoteStream remote = null;
    try {
      HalfClosingStream sink = new HalfClosingStream(local);
      remote = opener.open(sink);
      sink.connected = true;
      OutputStream toRemote = remote.input();
      ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
      while (local.read(buffer) >= 0) {
        toRemote.write(buffer.array(), 0, buffer.position());
        toRemote.flush();
        buffer.clear();
      }
      // The local side has finished sending (a half-close, as HAProxy's CLI clients do): pass the
      // end on, and keep the connection until the remote has answered and ended its side too.
      toRemote.close();
      sink.awaitRemoteEnd(REMOTE_END_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      lastFailure = e;
    } catch (IOException e) {
      // one side closed: the connection ends
    } finally {
      if (remote != null) {
        remote.close();
      }
      closeQuietly(local);
      connections.remove(local);
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (SocketChannel connection : connections) {
      closeQuietly(connection);
    }
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the local end of the SSH tunnel " + socket, e);
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /**
   * Writes to the local connection; closing it only ends that direction (the remote sent EOF).
   * Closes before the remote stream is open are ignored: a failed open is reported first.
   */
  private static final class HalfClosingStream extends OutputStream {
    private final SocketChannel channel;
    private final java.util.concurrent.CountDownLatch remoteEnded = new java.util.concurrent.CountDownLatch(1);
    volatile boolean connected;

    HalfClosingStream(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }

    @Override
    public void close() throws IOException {
      remoteEnded.countDown();
      if (connected && channel.isOpen()) {
        channel.shutdownOutput();
      }
    }

    void awaitRemoteEnd(java.time.Duration wait) throws InterruptedException {
      remoteEnded.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }
}
