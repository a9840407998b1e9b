package io.cul8er.incus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A stand-in for incusd on a real Unix socket, playing a script: each request it receives is
 * answered, or its connection reset or closed without an answer, by the next step. Between
 * requests it can stop listening (connections are then refused) or remove its socket, and listen
 * again, as a restarting daemon does. Every request that reached it is recorded.
 */
final class ScriptedDaemon implements AutoCloseable {
  /** What to do with one request. */
  sealed interface Step {}

  record Answer(HttpReply reply) implements Step {}

  /** Close with the rest of the request unread: the client's read fails with ECONNRESET. */
  record Reset() implements Step {}

  /** Read the request, then close without a word: the client reads end-of-file. */
  record Close() implements Step {}

  private final Path socket;
  private final ConcurrentLinkedDeque<Step> script = new ConcurrentLinkedDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile ServerSocketChannel server;
  private volatile Thread acceptor;

  private ScriptedDaemon(Path socket) {
    this.socket = socket;
  }

  static ScriptedDaemon listening(Path socket) {
    ScriptedDaemon daemon = new ScriptedDaemon(socket);
    daemon.listen();
    return daemon;
  }

  Path socket() {
    return socket;
  }

  ScriptedDaemon then(HttpReply... replies) {
    for (HttpReply reply : replies) {
      script.add(new Answer(reply));
    }
    return this;
  }

  ScriptedDaemon then(Step step) {
    script.add(step);
    return this;
  }

  /** The requests received so far, as {@code METHOD target}. */
  List<String> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Stops listening; the socket file stays, so connecting is refused. */
  void refuse() {
    try {
      server.close();
      acceptor.join(); // the socket is released when the blocked accept has returned
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops listening and removes the socket file. */
  void vanish() {
    refuse();
    try {
      Files.delete(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Listens (again) on the socket. */
  void listen() {
    try {
      Files.deleteIfExists(socket);
      ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      channel.bind(UnixDomainSocketAddress.of(socket));
      server = channel;
      acceptor = new Thread(() -> serve(channel), "scripted-incusd");
      acceptor.setDaemon(true);
      acceptor.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void serve(ServerSocketChannel channel) {
    while (channel.isOpen()) {
      try (SocketChannel connection = channel.accept()) {
        handle(connection);
      } catch (IOException e) {
        // closed: refuse() or close()
      }
    }
  }

  private void handle(SocketChannel connection) throws IOException {
    String requestLine = readLine(connection);
    if (requestLine.isEmpty()) {
      return; // a connection opened and closed without a request
    }
    String[] parts = requestLine.split(" ");
    requests.add(parts[0] + " " + parts[1]);
    Step step = script.poll();
    if (step == null) {
      step = new Answer(IncusReplies.error(500, "nothing scripted for " + parts[0] + " " + parts[1]));
    }
    if (step instanceof Reset) {
      return; // the headers are still unread
    }
    int length = 0;
    for (String header = readLine(connection); !header.isEmpty(); header = readLine(connection)) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
      }
    }
    read(connection, length);
    if (step instanceof Answer answer) {
      write(connection, answer.reply());
    }
  }

  private static void write(SocketChannel connection, HttpReply reply) throws IOException {
    byte[] body = reply.body();
    StringBuilder head = new StringBuilder("HTTP/1.1 " + reply.status() + " Scripted\r\n");
    reply.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
    ByteBuffer buffer = ByteBuffer.allocate(head.length() + body.length);
    buffer.put(head.toString().getBytes(StandardCharsets.US_ASCII)).put(body).flip();
    while (buffer.hasRemaining()) {
      connection.write(buffer);
    }
  }

  private static String readLine(SocketChannel connection) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (true) {
      one.clear();
      if (connection.read(one) < 0) {
        return line.toString(StandardCharsets.US_ASCII).strip();
      }
      byte b = one.get(0);
      if (b == '\n') {
        return line.toString(StandardCharsets.US_ASCII).strip();
      }
      line.write(b);
    }
  }

  private static void read(SocketChannel connection, int length) throws IOException {
    ByteBuffer body = ByteBuffer.allocate(length);
    while (body.hasRemaining() && connection.read(body) >= 0) {
      // reading the whole body
    }
  }

  @Override
  public void close() {
    refuse();
  }
}
