package io.cul8er.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Client of HAProxy's admin socket in non-interactive mode: one connection per command, which
 * HAProxy closes after its answer. Every exchange is bounded by {@code timeout}.
 */
public final class HaproxyRuntime implements RuntimeApi {
  private static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

  private final Path socket;
  private final Duration timeout;

  public HaproxyRuntime(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  public HaproxyRuntime(Path socket) {
    this(socket, Duration.ofSeconds(5));
  }

  public Path socket() {
    return socket;
  }

  @Override
  public String execute(RuntimeCommand command) {
    String answer = exchange(command.line());
    if (!command.expected().accepts(answer)) {
      throw new HaproxyCommandException(command.line(), socket.toString(), answer);
    }
    return answer;
  }

  private String exchange(String line) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = Selector.open()) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.configureBlocking(false);
      ByteBuffer request = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
      while (request.hasRemaining()) {
        await(selector, deadline, line);
        channel.write(request);
      }
      key.interestOps(SelectionKey.OP_READ);
      return readUntilClosed(channel, selector, deadline, line);
    } catch (IOException e) {
      throw new HaproxyUnreachableException(
          "Could not run '" + line + "' on HAProxy's admin socket " + socket + ": " + e.getMessage(), e);
    }
  }

  private String readUntilClosed(SocketChannel channel, Selector selector, long deadline, String line)
      throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    while (true) {
      await(selector, deadline, line);
      int read = channel.read(buffer);
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
