package io.cul8er.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Client of HAProxy's admin socket (or of its master's CLI socket) in non-interactive mode: one
 * connection per command, whose sending side is closed after the command, and which HAProxy closes
 * after its answer. Every exchange is bounded by {@code timeout}.
 *
 * <p>While HAProxy restarts its admin socket is missing or refuses connections; a command is then
 * tried again, with a growing pause, until {@code unavailable} has passed. A process on its way out
 * may still accept a connection and then reset it: a {@linkplain RuntimeCommand#repeatable()
 * repeatable} command is then sent again within the same window; any other is never sent twice.
 *
 * <p>HAProxy answers every command with at least an empty line ({@code "\n"}), so a connection that
 * closes without a byte was cut before the answer: by a process on its way out, by a master
 * re-executing itself, or by a tunnel whose SSH connection dropped (a remote edge). That is no answer,
 * never a success, and is handled as a reset.
 */
public final class HaproxyRuntime implements RuntimeApi {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_UNAVAILABLE = Duration.ofSeconds(60);

  private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
  private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
  private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

  private final Path socket;
  private final Duration timeout;
  private final Duration unavailable;

  public HaproxyRuntime(Path socket, Duration timeout, Duration unavailable) {
    this.socket = socket;
    this.timeout = timeout;
    this.unavailable = unavailable;
  }

  public HaproxyRuntime(Path socket, Duration timeout) {
    this(socket, timeout, DEFAULT_UNAVAILABLE);
  }

  public HaproxyRuntime(Path socket) {
    this(socket, DEFAULT_TIMEOUT, DEFAULT_UNAVAILABLE);
  }

  public Path socket() {
    return socket;
  }

  @Override
  public String execute(RuntimeCommand command) {
    String answer = exchangeRepeating(command);
    if (!command.expected().accepts(answer)) {
      throw new HaproxyCommandException(command.line(), socket.toString(), answer);
    }
    return answer;
  }

  private String exchangeRepeating(RuntimeCommand command) {
    long start = System.nanoTime();
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        return exchange(command.line(), start);
      } catch (HaproxyUnreachableException e) {
        long waited = System.nanoTime() - start;
        if (!command.repeatable() || !(e.getCause() instanceof IOException cause) || !cutShort(cause)
            || waited >= unavailable.toNanos()) {
          throw e;
        }
        sleep(Math.min(pause.toNanos(), unavailable.toNanos() - waited));
        pause = longer(pause);
      }
    }
  }

  /** The peer went away mid-exchange: a process that was stopping when it accepted the connection. */
  private static boolean cutShort(IOException e) {
    String message = String.valueOf(e.getMessage());
    return e instanceof NoAnswer || message.contains("Connection reset") || message.contains("Broken pipe");
  }

  /** The connection closed before a byte of the answer came. */
  private static final class NoAnswer extends IOException {
    NoAnswer() {
      super("the connection closed before HAProxy answered");
    }
  }

  private static Duration longer(Duration pause) {
    return pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
  }

  private String exchange(String line, long windowStart) {
    try (SocketChannel channel = connect(line, windowStart); Selector selector = Selector.open()) {
      long deadline = System.nanoTime() + timeout.toNanos();
      channel.configureBlocking(false);
      ByteBuffer request = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
      while (request.hasRemaining()) {
        await(selector, deadline, line);
        channel.write(request);
      }
      channel.shutdownOutput(); // the master CLI answers and closes only once the client has finished
      key.interestOps(SelectionKey.OP_READ);
      return readUntilClosed(channel, selector, deadline, line);
    } catch (IOException e) {
      throw new HaproxyUnreachableException(
          "Could not run '" + line + "' on HAProxy's admin socket " + socket + ": " + e.getMessage(), e);
    }
  }

  /** A connected channel, waiting up to {@code unavailable} while the socket is missing or refuses. */
  private SocketChannel connect(String line, long start) {
    Duration pause = FIRST_PAUSE;
    while (true) {
      SocketChannel channel = null;
      try {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
      } catch (IOException e) {
        closeQuietly(channel);
        long waited = System.nanoTime() - start;
        if (!restarting(e)) {
          throw new HaproxyUnreachableException(
              "Could not run '" + line + "' on HAProxy's admin socket " + socket + ": " + e.getMessage(), e);
        }
        if (waited >= unavailable.toNanos()) {
          throw new HaproxyUnreachableException(
              "Could not run '" + line + "' on HAProxy's admin socket " + socket + ": " + e.getMessage()
                  + (unavailable.isZero() ? "" : " throughout " + describe(unavailable))
                  + " (HAProxy is not running, or did not come back from a restart)", e);
        }
        sleep(Math.min(pause.toNanos(), unavailable.toNanos() - waited));
        pause = longer(pause);
      }
    }
  }

  /** A missing socket file or a refused connection: HAProxy is down or between two processes. */
  private static boolean restarting(IOException e) {
    return e instanceof ConnectException
        || e instanceof NoSuchFileException
        || String.valueOf(e.getMessage()).contains("No such file or directory");
  }

  private static String describe(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HaproxyUnreachableException("Interrupted while waiting for HAProxy's admin socket", e);
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // it never connected
      }
    }
  }

  private String readUntilClosed(SocketChannel channel, Selector selector, long deadline, String line)
      throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (true) {
      await(selector, deadline, line);
      int read = channel.read(buffer);
      if (read < 0 && answer.size() == 0) {
        throw new NoAnswer();
      }
      if (read < 0) {
        return answer.toString(StandardCharsets.UTF_8);
      }
      answer.write(buffer.array(), 0, buffer.position());
      buffer.clear();
      if (answer.size() > MAX_ANSWER_BYTES) {
        throw new HaproxyUnreachableException(
            "HAProxy's answer to '" + line + "' on " + socket + " exceeds " + MAX_ANSWER_BYTES + " bytes");
      }
    }
  }

  private void await(Selector selector, long deadline, String line) throws IOException {
    selector.selectedKeys().clear();
    long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
    if (remainingMillis <= 0 || selector.select(remainingMillis) == 0) {
      throw new HaproxyUnreachableException(
          "HAProxy did not answer '" + line + "' on " + socket + " within " + timeout.toMillis() + " ms");
    }
  }
}
